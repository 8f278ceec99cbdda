import { defineConfig } from 'tsup';
import { featureBundles } from '../../scripts/lib/embed-features.js';
import {
  sharedFromLoaderPlugin,
  sharedFromRuntimePlugin,
} from '../../scripts/lib/shared-from-loader.js';
import { bundledLocales } from '../core/src/i18n/locale-pack.js';

const browser = {
  platform: 'browser' as const,
  target: 'es2022',
  treeshake: true,
};

export default defineConfig([
  {
    ...browser,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    // @cwp/core stays external (a dependency): apps share one copy.
  },
  {
    ...browser,
    // The embed code: a small loader and the chunk it loads, both self-contained classic scripts
    // (IIFE) so any page can use them with one <script> tag and a CSP nonce.
    entry: { 'cwp-embed': 'src/embed/loader.ts' },
    outDir: 'dist/embed',
    format: ['iife'],
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    esbuildOptions(options) {
      options.conditions = ['source', 'module'];
      options.define = { 'process.env.NODE_ENV': '"production"' };
    },
  },
  {
    ...browser,
    entry: { 'cwp-widget': 'src/embed/runtime.ts' },
    outDir: 'dist/embed',
    format: ['iife'],
    globalName: 'ChatWidgetProRuntime',
    minify: true,
    noExternal: [/.*/],
    // What the loader already has (the bubble's styles, icons, DOM helpers) is not shipped twice.
    esbuildPlugins: [sharedFromLoaderPlugin()],
    outExtension: () => ({ js: '.js' }),
    esbuildOptions(options) {
      options.conditions = ['source', 'module'];
      options.define = { 'process.env.NODE_ENV': '"production"' };
    },
  },
  // One classic script per feature only some widgets need (features/<name>.js), loaded by the rest
  // on demand; what the rest already has is not shipped twice.
  ...featureBundles.map(({ file, entry, globalName }) => ({
    ...browser,
    entry: { [file.replace(/\.js$/, '')]: `../../${entry}` },
    outDir: 'dist/embed',
    format: ['iife' as const],
    globalName,
    minify: true,
    noExternal: [/.*/],
    esbuildPlugins: [sharedFromRuntimePlugin()],
    outExtension: () => ({ js: '.js' }),
    esbuildOptions(options: { conditions?: string[]; define?: Record<string, string> }) {
      options.conditions = ['source', 'module'];
      options.define = { 'process.env.NODE_ENV': '"production"' };
    },
  })),
  // One classic script per language pack (locales/<code>.js): the embed loads only the one it needs.
  ...bundledLocales
    .filter((code) => code !== 'en')
    .map((code) => ({
      ...browser,
      entry: { [`locales/${code}`]: `../core/src/locales/${code}.ts` },
      outDir: 'dist/embed',
      format: ['iife' as const],
      globalName: `ChatWidgetProLocale_${code}`, // what embed/locale-loader.ts reads
      minify: true,
      outExtension: () => ({ js: '.js' }),
    })),
]);
