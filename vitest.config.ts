import { defineConfig } from 'vitest/config';

// Vitest's failure reporter calls Map.groupBy, which Node 20 lacks: without this, a failing
// test crashes the reporter instead of printing why it failed.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

const frameworkPackages = ['packages/vue', 'packages/svelte', 'packages/solid'];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each framework renderer compiles its components with its own plugins (its vitest.config.ts).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/__tests__/**/*.test.ts',
            'examples/*/**/__tests__/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', ...frameworkPackages.map((dir) => `${dir}/**`)],
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/__tests__/**/*.test-d.ts'],
            tsconfig: './tsconfig.typetests.json',
          },
        },
      },
      ...frameworkPackages,
      {
        // Real n8n (installed into a cache folder outside the clone) against our transport and server:
        // conformance/n8n/README.md. Not part of a plain `vitest run`: `pnpm test:n8n`.
        extends: true,
        test: {
          name: 'n8n',
          include: ['conformance/n8n/tests/**/*.test.ts'],
          globalSetup: ['conformance/n8n/harness/global-setup.ts'],
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
