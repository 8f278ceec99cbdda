/**
 * esbuild plugins that compile the framework renderers' components from source: Svelte components
 * and rune modules (`.svelte`, `.svelte.ts`) and Solid's JSX (`.tsx`). Vue needs none (its renderer
 * is TypeScript render functions). Shared by the browser suite's fixture bundles and the playground.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Plugin, transform } from 'esbuild';
import { solidPlugin } from 'esbuild-plugin-solid';

/** Svelte components and rune modules (`.svelte.ts`), compiled for the browser. */
export const sveltePlugin: Plugin = {
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

/** Every plugin a renderer needs, fresh for one build. */
export function frameworkPlugins(): Plugin[] {
  return [sveltePlugin, solidPlugin()];
}

/**
 * Export conditions for bundling the workspace from source: `svelte` for Svelte's own entry points;
 * 'module' again because custom conditions replace esbuild's defaults (without it, xstate's CommonJS).
 */
export const sourceConditions = ['source', 'svelte', 'module'];
