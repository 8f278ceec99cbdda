import { join } from 'node:path';
import { describeViteExample } from '../../support/vite-example-suite.js';

describeViteExample('solid', join(import.meta.dirname, '..'));
