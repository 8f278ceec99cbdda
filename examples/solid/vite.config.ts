import { defaultClientConditions, defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  // 'source': the workspace packages resolve to their TypeScript, so no package build is needed.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Next to the demo's ports (bot 5678, headless 5173, playground 5174); its managed widgets allow it.
  server: { host: '127.0.0.1', port: 5177 },
  preview: { host: '127.0.0.1', port: 5177 },
});
