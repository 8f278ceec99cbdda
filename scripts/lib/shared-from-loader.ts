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
 * What cwp-widget.js publishes on `ChatWidgetProRuntime.shared` for the embed's feature scripts
 * (features/<name>.js): for each module, the names the features import from it — only those, so
 * the rest carries nothing for them (packages/core/src/on-demand/shared.ts; a test keeps the two
 * equal). A feature importing any other name of these modules fails to build. A package's
 * `default` export is published under the package's name.
 */
export const runtimeSharedModules: Readonly<Record<string, readonly string[]>> = {
  'packages/core/src/config/config-error.ts': ['ConfigError'],
  'packages/core/src/config/resolve-config.ts': ['resolveConfig'],
  'packages/core/src/errors/widget-error.ts': ['WidgetError'],
  'packages/core/src/session/ids.ts': ['randomId'],
  'packages/core/src/session/storage.ts': ['createMemoryStorage'],
  'packages/core/src/transport/abort.ts': ['abortError'],
  'packages/core/src/transport/response-node/socket-url.ts': ['socketUrlAt'],
  'packages/core/src/transport/safe-json.ts': ['parseJsonSafely'],
  'packages/core/src/transport/stringify-json.ts': ['stringifyJson'],
  ky: ['default', 'isHTTPError', 'isNetworkError', 'isTimeoutError'],
};

/** The value names a module exports (`export const|function|let|class NAME`). */
export function exportedNames(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return [
    ...source.matchAll(/^export (?:const|let|class|function|async function) ([A-Za-z_$][\w$]*)/gm),
  ].map((m) => m[1] as string);
}

/** A module whose exports `names` are read from `source` (a JS expression); `default` as `defaultAs`. */
function shim(
  names: readonly string[],
  source: string,
  missing: string,
  defaultAs: string,
): string {
  const key = (n: string) => (n === 'default' ? defaultAs : n);
  return [
    `const shared = ${source};`,
    `if (!shared || ${names.map((n) => `shared.${key(n)} === undefined`).join(' || ')})`,
    `  throw new Error(${JSON.stringify(missing)});`,
    ...names.map((n) =>
      n === 'default' ? `export default shared.${defaultAs};` : `export const ${n} = shared.${n};`,
    ),
  ].join('\n');
}

/**
 * Resolves imports of `modules` (repo paths, or package names) to shims reading `names` from
 * `source`.
 */
function sharedModulesPlugin(
  name: string,
  modules: readonly string[],
  names: (module: string, path: string) => readonly string[],
  source: string,
  missing: string,
): Plugin {
  const files = modules.filter((module) => module.endsWith('.ts'));
  const packages = modules.filter((module) => !module.endsWith('.ts'));
  const byPath = new Map(files.map((module) => [module.split('/').join(sep), module]));
  const moduleOf = (path: string) =>
    packages.includes(path)
      ? path
      : [...byPath].find(([suffix]) => path.endsWith(`${sep}${suffix}`))?.[1];
  const basenames = files.map((module) => /([\w-]+)\.ts$/.exec(module)?.[1]);
  const filter = new RegExp(`^\\.\\.?/.*(${basenames.join('|')})\\.js$`);
  const namespace = `${name}-shared`;
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const path = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
        return moduleOf(path) === undefined ? undefined : { path, namespace };
      });
      if (packages.length > 0)
        build.onResolve({ filter: new RegExp(`^(${packages.join('|')})$`) }, (args) => ({
          path: args.path,
          namespace,
        }));
      build.onLoad({ filter: /.*/, namespace }, ({ path }) => {
        const module = moduleOf(path) as string;
        return {
          contents: shim(names(module, path), source, missing, module),
          loader: 'js',
        };
      });
    },
  };
}

export function sharedFromLoaderPlugin(): Plugin {
  return sharedModulesPlugin(
    'cwp-shared-from-loader',
    sharedModules,
    (_module, path) => exportedNames(path),
    'globalThis.ChatWidgetProShared',
    '[cwp] cwp-widget.js is loaded by cwp-embed.js of the same version',
  );
}

/** For the embed's feature scripts, which cwp-widget.js loads: they read what it publishes. */
export function sharedFromRuntimePlugin(): Plugin {
  return sharedModulesPlugin(
    'cwp-shared-from-runtime',
    Object.keys(runtimeSharedModules),
    (module) => runtimeSharedModules[module] ?? [],
    'globalThis.ChatWidgetProRuntime?.shared',
    '[cwp] a feature script is loaded by cwp-widget.js of the same version',
  );
}
