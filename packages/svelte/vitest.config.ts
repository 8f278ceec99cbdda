import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

// happy-dom tests get client-compiled components and Svelte's browser build; `environment: node`
// tests (ssr.test.ts) get server-compiled components for `svelte/server`.
export default defineProject({
  plugins: [svelte({ configFile: false })],
  resolve: { conditions: ['source', 'browser'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { name: 'svelte', include: ['src/**/__tests__/**/*.test.ts'] },
});
