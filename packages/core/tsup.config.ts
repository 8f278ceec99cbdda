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
  // dependencies and peerDependencies stay external (tsup's default): apps dedupe them.
});
