import { defineConfig } from 'tsup';
import { bundledLocales } from './src/i18n/locale-pack.js';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'dom/index': 'src/dom/index.ts',
    'styles/index': 'src/styles/index.ts',
    'protocol/index': 'src/protocol/index.ts',
    // One module per language: a page carries only the packs it imports.
    ...Object.fromEntries(
      bundledLocales.map((code) => [`locales/${code}`, `src/locales/${code}.ts`]),
    ),
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
