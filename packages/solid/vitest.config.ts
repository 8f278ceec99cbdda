import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Hydratable client output: one test hydrates server-rendered markup.
  plugins: [solid({ hot: false, solid: { hydratable: true } })],
  resolve: { conditions: ['source'] },
  test: {
    name: 'solid',
    environment: 'happy-dom',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
  },
});
