import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  clean: true,
  treeshake: true,
  // @cwp/core stays external (a dependency): apps share one copy. The embed script gets its own IIFE entry later.
});
