import { createRequire } from 'node:module';
import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

const wsForNode = createRequire(new URL('../bot/package.json', import.meta.url)).resolve('ws');

export default defineProject({
  // Hydratable client output: one test hydrates server-rendered markup.
  plugins: [solid({ hot: false, solid: { hydratable: true } })],
  resolve: {
    conditions: ['source'],
    // The local bot's `ws` server, not ws's browser stub (the browser condition picks that one).
    alias: { ws: wsForNode },
  },
  test: {
    name: 'solid',
    environment: 'happy-dom',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
  },
});
