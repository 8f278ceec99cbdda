// Writes the stylesheet string to dist/cwp.css: the same text renderers adopt in shadow roots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { stylesheet } from '../src/styles/stylesheet.js';

mkdirSync(new URL('../dist', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/cwp.css', import.meta.url), `${stylesheet.trim()}\n`);
