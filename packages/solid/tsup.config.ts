import { solidPlugin } from 'esbuild-plugin-solid';
import { defineConfig, type Options } from 'tsup';

// One bundle per way a Solid app consumes the package; solid-js and @cwp/core stay external.
const shared: Options = {
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  target: 'es2022',
  sourcemap: true,
  treeshake: true,
};
const compiled = (generate: 'dom' | 'ssr') =>
  solidPlugin({ solid: { generate, hydratable: true } }) as NonNullable<
    Options['esbuildPlugins']
  >[number];

export default defineConfig([
  // `solid` condition: JSX kept, compiled by the app's own Solid plugin (dom or ssr, hydratable).
  {
    ...shared,
    outDir: 'dist/source',
    outExtension: () => ({ js: '.jsx' }),
    esbuildOptions(options) {
      options.jsx = 'preserve';
    },
  },
  // Browsers: compiled DOM output, hydratable so it can take over server-rendered markup.
  { ...shared, platform: 'browser', esbuildPlugins: [compiled('dom')], dts: true },
  // Servers (`node`, `worker`, `deno`): compiled SSR output for renderToString.
  {
    ...shared,
    entry: { server: 'src/index.ts' },
    platform: 'neutral',
    esbuildPlugins: [compiled('ssr')],
  },
]);
