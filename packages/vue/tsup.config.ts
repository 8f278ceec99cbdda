import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  platform: 'browser',
  target: 'es2022',
  treeshake: true,
  // vue (peer) and @cwp/core (dependency) stay external: the app shares one copy of each.
  external: ['vue', /^@cwp\/core/],
});
