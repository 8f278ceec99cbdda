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
  it('the rest shares every module the feature builds read from it, with every export', () => {
    const keys = runtimeSharedModules.map((m) => m.replace(/^packages\/core\/src\/|\.ts$/g, ''));
    expect(Object.keys(sharedWithFeatures).sort()).toEqual(keys.sort());
    for (const module of runtimeSharedModules) {
      const key = module.replace(/^packages\/core\/src\/|\.ts$/g, '');
      const shared = sharedWithFeatures[key as keyof typeof sharedWithFeatures];
      for (const name of exportedNames(join(repo, module))) expect(shared).toHaveProperty(name);
    }
  });

  it('carry no copy of an error class the rest has (an error would lose its kind)', async () => {
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
      expect(code).toContain('ChatWidgetProRuntime?.shared?.["errors/widget-error"]');
    }
  });
});
