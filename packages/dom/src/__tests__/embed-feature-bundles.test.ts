import { join } from 'node:path';
import { sharedWithFeatures } from '@cwp/core/on-demand';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { featureBundles } from '../../../../scripts/lib/embed-features.js';
import {
  exportedNames,
  runtimeSharedModules,
  sharedFromRuntimePlugin,
} from '../../../../scripts/lib/shared-from-loader.js';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

describe('the embed feature scripts, as shipped', () => {
  it('the rest shares exactly the names the feature builds read from it', () => {
    // A package's default export is published under the package's name.
    const key = (module: string, name: string) => (name === 'default' ? module : name);
    const names = Object.entries(runtimeSharedModules).flatMap(([module, exported]) =>
      exported.map((name) => key(module, name)),
    );
    expect(Object.keys(sharedWithFeatures).sort()).toEqual(names.sort());
    for (const [module, exported] of Object.entries(runtimeSharedModules)) {
      if (module.endsWith('.ts'))
        expect(exportedNames(join(repo, module))).toEqual(expect.arrayContaining([...exported]));
      for (const name of exported)
        expect(
          sharedWithFeatures[key(module, name) as keyof typeof sharedWithFeatures],
        ).toBeDefined();
    }
  });

  it('carry no copy of an error class or of ky the rest has (an error would lose its kind)', async () => {
    for (const { entry } of featureBundles) {
      const result = await build({
        entryPoints: [join(repo, entry)],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        conditions: ['source', 'module'],
        plugins: [sharedFromRuntimePlugin()],
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.text ?? '';
      expect(code).not.toMatch(/class \w+ extends Error/);
      expect(code).not.toContain('Sindre Sorhus'); // ky's licence banner
      expect(code).toContain('ChatWidgetProRuntime?.shared');
    }
  });
});
