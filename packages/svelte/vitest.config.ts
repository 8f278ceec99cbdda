import { createRequire } from 'node:module';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

const wsForNode = createRequire(new URL('../bot/package.json', import.meta.url)).resolve('ws');

// happy-dom tests get client-compiled components and Svelte's browser build; `environment: node`
// tests (ssr.test.ts) get server-compiled components for `svelte/server`.
export default defineProject({
  plugins: [svelte({ configFile: false })],
  resolve: {
    conditions: ['source', 'browser'],
    // The local bot's `ws` server, not ws's browser stub (the browser condition picks that one).
    alias: { ws: wsForNode },
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: { name: 'svelte', include: ['src/**/__tests__/**/*.test.ts'] },
});
