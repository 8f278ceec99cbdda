import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownTree } from '../markdown-tree.js';
import { type ContentTree, contentTree } from '../streamed-markdown.js';

/** Lines that open, continue, close or interrupt every kind of block the parser knows. */
const line = fc.constantFrom(
  '',
  '   ',
  '\t',
  'plain text',
  'more *em* and **strong** `code`',
  '[a link](https://example.com) and ![img](https://cdn.example.com/a.png)',
  '- item',
  '* star item',
  '+ plus',
  '-',
  '1. one',
  '2. two',
  '3) three',
  '10. ten',
  '  - nested',
  '   continued',
  '    deeply indented',
  '```',
  '```ts',
  '~~~',
  '````',
  '  ```',
  '   ```js',
  '    ```',
  '> quote',
  '>',
  '> > deeper',
  '> ```',
  '# heading',
  '###### h6',
  '#not a heading',
  '---',
  '- - -',
  '***',
  '___',
  'x\r',
  '\u00a0',
  '1',
  '12345678901.',
  '| a | b |',
  '|---|:-:|',
  'a | b',
  '--|--',
  '| `x \\| y` | ~~old~~ |',
  '|',
  '- [ ] todo',
  '- [x] done',
  '* [ ]',
  '1. [x] first',
);
const markdown = fc
  .array(line, { maxLength: 40 })
  .chain((lines) => fc.tuple(fc.constant(lines.join('\n')), fc.array(fc.nat(), { maxLength: 30 })));

/** Streams `text` in pieces ending at `cuts`, building on each previous tree. */
function stream(text: string, cuts: readonly number[]): ContentTree[] {
  const ends = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % (text.length + 1))))]
    .sort((a, b) => a - b)
    .concat(text.length);
  const trees: ContentTree[] = [];
  let previous: ContentTree | undefined;
  for (const end of ends) {
    previous = contentTree(text.slice(0, end), {}, previous);
    trees.push(previous);
  }
  return trees;
}

describe('a streamed reply drawn block by block', () => {
  it('always shows what the whole text so far parses to', () => {
    fc.assert(
      fc.property(markdown, ([text, cuts]) => {
        for (const tree of stream(text, cuts)) expect(tree.nodes).toEqual(markdownTree(tree.text));
      }),
      { numRuns: 2000 },
    );
  });

  it('also when every character arrives on its own', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 16 }), (lines) => {
        const text = lines.join('\n');
        let previous: ContentTree | undefined;
        for (let end = 0; end <= text.length; end++) {
          previous = contentTree(text.slice(0, end), {}, previous);
          expect(previous.nodes).toEqual(markdownTree(previous.text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps finished blocks as the same objects and parses only the tail again', () => {
    const blocks = ['# Title', 'First paragraph.', '- a\n- b', '```\ncode\n\nmore\n```', 'Last'];
    let previous: ContentTree | undefined;
    const seen: ContentTree[] = [];
    const text = blocks.join('\n\n');
    for (let end = 1; end <= text.length; end++) {
      previous = contentTree(text.slice(0, end), {}, previous);
      seen.push(previous);
    }
    const last = seen.at(-1) as ContentTree;
    expect(last.nodes).toHaveLength(5);
    // Everything before the last block is finished and was built once.
    expect(last.finishedCount).toBe(4);
    const firstSeen = seen.find((tree) => tree.finishedCount >= 4) as ContentTree;
    for (let i = 0; i < 4; i++) expect(last.nodes[i]).toBe(firstSeen.nodes[i]);
    expect(last.text.slice(last.finishedEnd)).toBe('Last');
  });

  it('keeps a table that is still streaming as one block, then finishes it whole', () => {
    const text = 'Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nAfter';
    let previous: ContentTree | undefined;
    for (let end = 1; end <= text.length; end++) {
      previous = contentTree(text.slice(0, end), {}, previous);
      const tables = previous.nodes.filter(
        (n) => typeof n !== 'string' && n.attrs['data-table'] === '',
      );
      expect(tables.length).toBeLessThanOrEqual(1);
      if (end < text.indexOf('After')) expect(previous.finishedCount).toBeLessThanOrEqual(1);
    }
    const last = previous as ContentTree;
    expect(last.finishedCount).toBe(2);
    const rows = JSON.stringify(last.nodes[1]).match(/"tag":"tr"/g);
    expect(rows).toHaveLength(3);
  });

  it('starts over when the text is replaced rather than grown', () => {
    const first = contentTree('one\n\ntwo\n\nthree', {});
    const replaced = contentTree('uno\n\ndos', {}, first);
    expect(replaced.nodes).toEqual(markdownTree('uno\n\ndos'));
  });
});
