import { defineProject } from 'vitest/config';

// Tests run against src (the `source` condition), in the browser-like and the server environment.
export default defineProject({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { name: 'vue', include: ['src/**/__tests__/**/*.test.ts'], testTimeout: 20_000 },
});
