import { join } from 'node:path';
import { build } from 'esbuild';

const repoRoot = join(import.meta.dirname, '..', '..');

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
    conditions: ['source', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
