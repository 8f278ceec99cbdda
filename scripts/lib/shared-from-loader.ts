/**
 * The embed ships two classic scripts: the loader (cwp-embed.js), which draws the bubble, and the
 * rest (cwp-widget.js), which only the loader loads. Modules both need (the bubble's stylesheet,
 * the icons, the DOM helpers) are published by the loader on `window.ChatWidgetProShared`
 * (packages/dom/src/embed/shared.ts); this esbuild plugin makes the rest's build read them from
 * there instead of carrying a second copy. Used by every build of cwp-widget.js: the package's,
 * the size budgets', the browser suite's, the playground's.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** The modules the loader publishes (by path in the repo); each export must be on ChatWidgetProShared. */
export const sharedModules = [
  'packages/core/src/styles/bubble-css.ts',
  'packages/core/src/view/icons.ts',
  'packages/core/src/dom/adopt-stylesheet.ts',
  'packages/dom/src/element.ts',
];

const isShared = (path: string) =>
  sharedModules.some((module) => path.endsWith(`${sep}${module.split('/').join(sep)}`));

/** The value names a module exports (`export const|function|let NAME`). */
export function exportedNames(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  return [...source.matchAll(/^export (?:const|function|let) ([A-Za-z_$][\w$]*)/gm)].map(
    (m) => m[1] as string,
  );
}

function shim(path: string): string {
  const names = exportedNames(path);
  return [
    'const shared = globalThis.ChatWidgetProShared;',
    `if (!shared || ${names.map((n) => `shared.${n} === undefined`).join(' || ')})`,
    "  throw new Error('[cwp] cwp-widget.js is loaded by cwp-embed.js of the same version');",
    ...names.map((n) => `export const ${n} = shared.${n};`),
  ].join('\n');
}

export function sharedFromLoaderPlugin(): Plugin {
  return {
    name: 'cwp-shared-from-loader',
    setup(build) {
      build.onResolve(
        { filter: /^\.\.?\/.*(bubble-css|icons|adopt-stylesheet|element)\.js$/ },
        (args) => {
          const path = resolve(dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
          return isShared(path) ? { path, namespace: 'cwp-shared' } : undefined;
        },
      );
      build.onLoad({ filter: /.*/, namespace: 'cwp-shared' }, ({ path }) => ({
        contents: shim(path),
        loader: 'js',
      }));
    },
  };
}
