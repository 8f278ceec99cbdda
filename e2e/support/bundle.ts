import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build, type Plugin, transform } from 'esbuild';
import { solidPlugin } from 'esbuild-plugin-solid';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Svelte components and rune modules (`.svelte.ts`), compiled for the browser. */
const svelte: Plugin = {
  name: 'svelte',
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const { compile } = await import('svelte/compiler');
      const result = compile(await readFile(path, 'utf8'), { filename: path, generate: 'client' });
      return { contents: result.js.code, loader: 'js', resolveDir: dirname(path) };
    });
    build.onLoad({ filter: /\.svelte\.[jt]s$/ }, async ({ path }) => {
      const { compileModule } = await import('svelte/compiler');
      const { code } = await transform(await readFile(path, 'utf8'), { loader: 'ts' });
      const result = compileModule(code, { filename: path, generate: 'client' });
      return { contents: result.js.code, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/** Bundles a browser entry of this repo from source (the `source` export condition), as a classic script. */
export async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    // Without 'module', esbuild drops to xstate's CommonJS build.
    conditions: ['source', 'svelte', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [svelte, solidPlugin()],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
