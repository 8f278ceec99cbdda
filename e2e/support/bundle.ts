import { join } from 'node:path';
import { build } from 'esbuild';
import { isFeatureEntry } from '../../scripts/lib/embed-features.js';
import { frameworkPlugins, sourceConditions } from '../../scripts/lib/framework-plugins.js';
import {
  sharedFromLoaderPlugin,
  sharedFromRuntimePlugin,
} from '../../scripts/lib/shared-from-loader.js';

const repoRoot = join(import.meta.dirname, '..', '..');

/** Bundles a browser entry of this repo from source (the `source` export condition), as a classic script. */
export async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    write: false,
    // An entry with exports is built as ESM and wrapped below: esbuild's IIFE `globalName` copies the
    // exports with a for…in (its `__export` helper), which breaks on a page that added to
    // Object.prototype, while the published build (tsup/rollup) assigns each export by name.
    format: globalName ? 'esm' : 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: sourceConditions,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      ...frameworkPlugins(),
      // The embed's rest, as shipped: it reads what the loader publishes.
      ...(entry === 'packages/dom/src/embed/runtime.ts' ? [sharedFromLoaderPlugin()] : []),
      // A feature script the rest loads on demand: it reads what the rest publishes.
      ...(isFeatureEntry(entry) ? [sharedFromRuntimePlugin()] : []),
    ],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  return globalName ? asClassicScript(text, globalName) : text;
}

/** `…\nexport {\n  a as b,\n  c\n};` → `var <globalName> = (() => { …; return { b: a, c }; })();` */
function asClassicScript(esm: string, globalName: string): string {
  const exports = /\nexport \{([^}]*)\};\n/.exec(esm);
  if (!exports) throw new Error(`bundle for ${globalName}: no export statement found`);
  const fields = (exports[1] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/);
      return `${exported}: ${local}`;
    });
  const body = esm.slice(0, exports.index) + esm.slice(exports.index + exports[0].length);
  return `var ${globalName} = (() => {\n${body}\nreturn { ${fields.join(', ')} };\n})();\n`;
}
