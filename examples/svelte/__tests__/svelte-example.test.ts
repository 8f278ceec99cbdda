import { join } from 'node:path';
import { describeViteExample } from '../../support/vite-example-suite.js';

describeViteExample('svelte', join(import.meta.dirname, '..'));
