/**
 * The embed ships two classic scripts: the loader (cwp-embed.js), which draws the bubble, and the
 * rest (cwp-widget.js), which only the loader loads. Modules both need (the bubble's stylesheet,
 * the icons, the DOM helpers) are published by the loader on `window.ChatWidgetProShared`
 * (packages/dom/src/embed/shared.ts); this esbuild plugin makes the rest's build read them from
 * there instead of carrying a second copy. Used by every build of cwp-widget.js: the package's,
 * the size budgets', the browser suite's, the playground's. The same holds one step further: the
 * feature scripts cwp-widget.js loads on demand (scripts/lib/embed-features.ts) read the modules it
 * publishes on `ChatWidgetProRuntime.shared` (`sharedFromRuntimePlugin`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** The modules the loader publishes (by path in the repo); each export must be on ChatWidgetProShared. */
export const sharedModules = [
  'packages/core/src/styles/bubble-css.ts',
  'packages/core/src/view/bubble-icon.ts',
  'packages/core/src/dom/adopt-stylesheet.ts',
  'packages/dom/src/element.ts',
];

/**
 * The modules cwp-widget.js publishes on `ChatWidgetProRuntime.shared` for the embed's feature
 * scripts (features/<name>.js), keyed by their path under packages/core/src without `.ts`
 * (packages/core/src/on-demand/shared.ts; a test keeps the two equal).
 */
export const runtimeSharedModules = [
  'packages/core/src/config/config-error.ts',
  'packages/core/src/config/merge-remote-config.ts',
  'packages/core/src/config/resolve-config.ts',
  'packages/core/src/errors/widget-error.ts',
  'packages/core/src/session/ids.ts',
  'packages/core/src/session/storage.ts',
  'packages/core/src/transport/abort.ts',
  'packages/core/src/transport/fetch-json.ts',
  'packages/core/src/transport/response-node/socket-url.ts',
  'packages/core/src/transport/safe-json.ts',
  'packages/core/src/transport/stringify-json.ts',
];

/** The value names a module exports (`export const|function|let|class NAME`). */
export function exportedNames(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return [
    ...source.matchAll(/^export (?:const|let|class|function|async function) ([A-Za-z_$][\w$]*)/gm),
  ].map((m) => m[1] as string);
}

/** A module that reads its exports from `source` (a JS expression) instead of defining them. */
function shim(path: string, source: string, missing: string): string {
  const names = exportedNames(path);
  return [
    `const shared = ${source};`,
    `if (!shared || ${names.map((n) => `shared.${n} === undefined`).join(' || ')})`,
    `  throw new Error(${JSON.stringify(missing)});`,
    ...names.map((n) => `export const ${n} = shared.${n};`),
  ].join('\n');
}

/** Resolves relative imports of `modules` (repo paths) to shims reading `sourceOf(module)`. */
function sharedModulesPlugin(
  name: string,
  modules: readonly string[],
  sourceOf: (module: string) => string,
  missing: string,
): Plugin {
  const byPath = new Map(modules.map((module) => [module.split('/').join(sep), module]));
  const moduleOf = (path: string) =>
    [...byPath].find(([suffix]) => path.endsWith(`${sep}${suffix}`))?.[1];
  const basenames = modules.map((module) => /([\w-]+)\.ts$/.exec(module)?.[1]);
  const filter = new RegExp(`^\\.\\.?/.*(${basenames.join('|')})\\.js$`);
  const namespace = `${name}-shared`;
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const path = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
        return moduleOf(path) === undefined ? undefined : { path, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, ({ path }) => ({
        contents: shim(path, sourceOf(moduleOf(path) as string), missing),
        loader: 'js',
      }));
    },
  };
}

export function sharedFromLoaderPlugin(): Plugin {
  return sharedModulesPlugin(
    'cwp-shared-from-loader',
    sharedModules,
    () => 'globalThis.ChatWidgetProShared',
    '[cwp] cwp-widget.js is loaded by cwp-embed.js of the same version',
  );
}

/** For the embed's feature scripts, which cwp-widget.js loads: they read what it publishes. */
export function sharedFromRuntimePlugin(): Plugin {
  return sharedModulesPlugin(
    'cwp-shared-from-runtime',
    runtimeSharedModules,
    (module) =>
      `globalThis.ChatWidgetProRuntime?.shared?.[${JSON.stringify(module.replace(/^packages\/core\/src\/|\.ts$/g, ''))}]`,
    '[cwp] a feature script is loaded by cwp-widget.js of the same version',
  );
}
