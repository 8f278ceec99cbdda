import { join } from 'node:path';
import { describeViteExample } from '../../support/vite-example-suite.js';

describeViteExample('vue', join(import.meta.dirname, '..'));
