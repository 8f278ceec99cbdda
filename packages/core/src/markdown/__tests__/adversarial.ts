// Hostile markdown for the linear-time test and bench/markdown-adversarial.bench.ts: each input is
// built at any size, so a parser that re-scans the rest of the text per delimiter shows as time
// growing faster than the size.
import type { MarkdownOptions } from '../tokens.js';

export interface AdversarialInput {
  readonly name: string;
  /** About `size` characters of the hostile pattern. */
  build(size: number): string;
  readonly options?: MarkdownOptions;
}

const asciiPunctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

/** `open` k times, then `middle`, then `close` k times (nested or unclosed pairs). */
function nest(open: string, middle: string, close: string, size: number): string {
  const k = Math.max(1, Math.floor(size / (open.length + close.length)));
  return open.repeat(k) + middle + close.repeat(k);
}

function input(name: string, build: (size: number) => string, options?: MarkdownOptions) {
  return options ? { name, build, options } : { name, build };
}

const repeats = (name: string, unit: string) => input(name, (size) => fill(unit, size));

function backtickRuns(size: number, order: 'up' | 'down'): string {
  const parts: string[] = [];
  let total = 0;
  for (let n = 1; total < size; n++) {
    parts.push(`${'`'.repeat(n)}a`);
    total += n + 1;
  }
  return (order === 'up' ? parts : parts.reverse()).join('');
}

/** A deterministic jumble of the pieces that open or close something. */
function jumble(seed: number, size: number): string {
  const pieces = [
    '[',
    ']',
    '(',
    ')',
    '![',
    '](',
    '](<',
    '*',
    '**',
    '_',
    '`',
    '``',
    '<',
    '>',
    '&#',
    '&amp;',
    'http://a.b/',
    '.',
    ')',
    '"',
    "'",
    ' ',
    '\n',
    '\\',
    '> ',
    '- ',
    '1. ',
    '```',
    '|',
    '\\|',
    '-|-',
    '~~',
    '[ ] ',
    'x',
    'é',
  ];
  let state = seed >>> 0;
  let out = '';
  while (out.length < size) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += pieces[state % pieces.length];
  }
  return out;
}

export const adversarialInputs: readonly AdversarialInput[] = [
  // The two replies from issue 10.
  input('url + dots', (size) => `http://a/${'.'.repeat(size)}b`),
  repeats('[](< repeated', '[](<'),

  ...[...asciiPunctuation].map((c) => repeats(`run of ${c}`, c)),
  ...[...asciiPunctuation].map((c) =>
    input(`url + run of ${c}`, (size) => `see https://a.b/${c.repeat(size)}x`),
  ),
  input('url + ))) after (', (size) => `https://a.b/(x${')'.repeat(size)}y`),
  repeats('bare url prefixes', 'http://'),
  repeats('urls joined by dots', 'http://a.b/.'),

  repeats('[ unclosed', '['),
  repeats('![ unclosed', '!['),
  repeats('[a]( unclosed', '[a]('),
  repeats('](  repeated', ']('),
  repeats('[](<a repeated', '[](<a'),
  repeats('[](a " repeated', '[](a "'),
  repeats("[](a ' repeated", "[](a '"),
  repeats('[](a repeated', '[](a'),
  repeats('[]( with escaped (', '[](\\('),
  input('[ nested then ]', (size) => nest('[', 'a', ']', size)),
  input('[ nested then ](x)', (size) => nest('[', 'a', '](x)', size)),
  // Bidi controls in alt text are removed at every level: each level must not redo the inner ones.
  input('![ nested then ](u)', (size) => nest('![\u202ea', '', '](u)', size)),
  input('![* nested then *](u)', (size) => nest('![*\u202ea', '', '*](u)', size)),
  input('![ nested, allowed images', (size) => nest('![a', '', '](https://img.test/a.png)', size), {
    allowImagesFrom: ['https://img.test'],
  }),
  input(
    '![ open, then links',
    (size) => `${'!['.repeat(size / 4)}${fill('[](https://a.b)', size / 2)}`,
  ),
  repeats('[[](u) repeated', '[[](u)'),
  repeats('[[](https://a.b) repeated', '[[](https://a.b)'),
  input('( nested in destination', (size) => `[a](${'('.repeat(size)}`),
  input('( nested and closed', (size) => nest('(', 'a', ')', size)),

  input('backtick runs growing', (size) => backtickRuns(size, 'up')),
  input('backtick runs shrinking', (size) => backtickRuns(size, 'down')),
  repeats('`a ``b repeated', '`a ``b '),
  repeats('escaped backticks', '\\``'),

  repeats('*a repeated', '*a '),
  repeats('a* repeated', 'a* '),
  repeats('_a_b repeated', '_a_b'),
  repeats('**a* repeated', '**a*'),
  repeats('*_ alternating', '*_a'),
  input('*_ nested', (size) => nest('*_', 'x', '_*', size)),
  input('* runs around a word', (size) => nest('*', 'a', '*', size)),
  input('** nested', (size) => nest('**a', '', 'a**', size)),
  repeats('* and [ mixed', '*[a_'),

  repeats('&# repeated', '&#'),
  input('&# + digits', (size) => `&#${'1'.repeat(size)}`),
  input('&#x + hex', (size) => `&#x${'f'.repeat(size)}`),
  repeats('&amp without ;', '&amp'),
  repeats('entities', '&#x26;'),

  repeats('< http unclosed', '<http:'),
  input('< http long', (size) => `<http://a${'a'.repeat(size)}`),

  input('quote nested on one line', (size) => `${'> '.repeat(size / 2)}a`),
  input('quote lines deepening', (size) =>
    Array.from({ length: Math.sqrt(size) }, (_, i) => `${'>'.repeat(i)} a`).join('\n'),
  ),
  input('list nested on one line', (size) => `${'- '.repeat(size / 2)}a`),
  input('list lines deepening', (size) => {
    const lines: string[] = [];
    for (let i = 0, total = 0; total < size; i++) {
      const line = `${' '.repeat((i % 64) * 2)}- item`;
      lines.push(line);
      total += line.length + 1;
    }
    return lines.join('\n');
  }),
  repeats('ordered list lines', '1. a\n'),
  repeats('fence lines', '```\n'),
  input('fence unclosed', (size) => `\`\`\`js\n${fill('a\n', size)}`),
  input('fence of backticks', (size) => `\`\`\`${'`'.repeat(size)}`),
  repeats('heading hashes', '#'),
  repeats('rule-like line', '- '),
  repeats('blank lines', '\n'),

  // GFM tables and strikethrough.
  input('table, huge column count', (size) => `${fill('a|', size / 2)}\n${fill('-|', size / 2)}`),
  input('table, many rows', (size) => `| a | b |\n|---|:-:|\n${fill('| 1 | **2** |\n', size)}`),
  input('table, pipes in code spans', (size) => `| a |\n|---|\n${fill('`\\|` | `', size)}`),
  input('table, 64 columns, long rows', (size) => {
    const header = `${'|a'.repeat(64)}|\n${'|-'.repeat(64)}|\n`;
    return header + fill(`${'|x'.repeat(100)}|\n`, size);
  }),
  repeats('table-like lines', '|-|\n'),
  repeats('header then delimiter, alternating', 'a|b\n-|-\n'),
  repeats('~~a unclosed', '~~a '),
  input('~~ nested', (size) => nest('~~a', '', 'a~~', size)),
  repeats('~~ and ** alternating', '~~**a'),
  repeats('task items', '- [ ] a\n- [x] b\n'),
  ...[1, 2, 3].map((seed) => input(`jumble ${seed}`, (size) => jumble(seed, size))),
];
