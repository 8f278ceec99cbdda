import { join } from 'node:path';
import { build } from 'esbuild';
import { frameworkPlugins, sourceConditions } from '../../scripts/lib/framework-plugins.js';

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
    conditions: sourceConditions,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: frameworkPlugins(),
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
