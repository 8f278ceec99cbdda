import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'dom/index': 'src/dom/index.ts',
    'styles/index': 'src/styles/index.ts',
    'protocol/index': 'src/protocol/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  clean: true,
  treeshake: true,
  // dependencies and peerDependencies stay external (tsup's default): apps dedupe them.
  onSuccess: 'tsx scripts/write-css.ts',
});
