import { describe, expect, it } from 'vitest';
import { type BlockToken, parseMarkdown } from '../index.js';
import { maxTableColumns } from '../table.js';

const text = (value: string) => [{ type: 'text', text: value }];

function table(markdown: string): BlockToken & { type: 'table' } {
  const [block] = parseMarkdown(markdown);
  expect(block?.type).toBe('table');
  return block as BlockToken & { type: 'table' };
}

describe('GFM tables', () => {
  it('reads a header, the alignment of each column and the body rows', () => {
    const t = table(
      '| Name | Qty | Price | Note |\n|:-----|:---:|------:|---|\n| tea | 2 | 3.50 | hot |',
    );
    expect(t.align).toEqual(['left', 'center', 'right', undefined]);
    expect(t.head).toEqual([text('Name'), text('Qty'), text('Price'), text('Note')]);
    expect(t.rows).toEqual([[text('tea'), text('2'), text('3.50'), text('hot')]]);
  });

  it('takes rows without outer pipes and parses inline markdown in cells', () => {
    const t = table('a | b\n--|--\n**x** | `y`');
    expect(t.head).toEqual([text('a'), text('b')]);
    expect(t.rows).toEqual([
      [[{ type: 'strong', children: text('x') }], [{ type: 'code', text: 'y' }]],
    ]);
  });

  it('reads an escaped pipe as a pipe inside a cell, code spans included', () => {
    const t = table('| expr | means |\n|---|---|\n| `a \\| b` | a or b \\| c |');
    expect(t.rows).toEqual([[[{ type: 'code', text: 'a | b' }], text('a or b | c')]]);
  });

  it('pads short rows and drops cells past the header’s count', () => {
    const t = table('| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |');
    expect(t.rows).toEqual([
      [text('1'), [], []],
      [text('1'), text('2'), text('3')],
    ]);
  });

  it('is a paragraph without a delimiter row, or when the delimiter row has other cell counts', () => {
    expect(parseMarkdown('| a | b |\n| 1 | 2 |')[0]?.type).toBe('paragraph');
    expect(parseMarkdown('| a | b |\n|---|')[0]?.type).toBe('paragraph');
    expect(parseMarkdown('| a | b |\n|---|-x-|')[0]?.type).toBe('paragraph');
  });

  it('ends at a blank line or another block, and interrupts a paragraph', () => {
    const blocks = parseMarkdown('Intro\n| a |\n|---|\n| 1 |\n- item\n\n| 2 |');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'list', 'paragraph']);
    expect((blocks[1] as BlockToken & { type: 'table' }).rows).toEqual([[text('1')]]);
  });

  it(`reads a header of more than ${maxTableColumns} cells as text`, () => {
    const wide = (n: number, cell: string) => `|${`${cell}|`.repeat(n)}`;
    expect(table(`${wide(maxTableColumns, 'a')}\n${wide(maxTableColumns, '-')}`).head).toHaveLength(
      maxTableColumns,
    );
    const over = parseMarkdown(
      `${wide(maxTableColumns + 1, 'a')}\n${wide(maxTableColumns + 1, '-')}`,
    );
    expect(over.map((b) => b.type)).toEqual(['paragraph']);
  });
});

describe('GFM strikethrough', () => {
  it('reads ~~text~~ as deleted text, nested with other emphasis', () => {
    expect(parseMarkdown('was ~~$20~~ **~~now~~**')[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'was ' },
        { type: 'del', children: text('$20') },
        { type: 'text', text: ' ' },
        { type: 'strong', children: [{ type: 'del', children: text('now') }] },
      ],
    });
  });

  it('keeps single tildes, runs of three, unclosed and escaped ones as text', () => {
    for (const source of ['~a~', '~~~a~~~', '~~open', 'a ~~ b ~~ c', '\\~~a~~']) {
      const [block] = parseMarkdown(source);
      expect(JSON.stringify(block)).not.toContain('"del"');
    }
    expect(parseMarkdown('~~open')[0]).toEqual({ type: 'paragraph', children: text('~~open') });
  });
});

describe('GFM task list items', () => {
  it('marks items that start with [ ] or [x] and takes the marker off', () => {
    const [list] = parseMarkdown('- [ ] milk\n- [x] eggs\n- [X] flour\n- plain\n- [y] not a task');
    expect(list).toMatchObject({
      type: 'list',
      tasks: [false, true, true, undefined, undefined],
      items: [
        [{ type: 'paragraph', children: text('milk') }],
        [{ type: 'paragraph', children: text('eggs') }],
        [{ type: 'paragraph', children: text('flour') }],
        [{ type: 'paragraph', children: text('plain') }],
        [{ type: 'paragraph', children: text('[y] not a task') }],
      ],
    });
  });

  it('leaves lists without tasks as they were, and [x] needs a space after it', () => {
    expect(parseMarkdown('- a\n- b')[0]).not.toHaveProperty('tasks');
    expect(parseMarkdown('- [x]done')[0]).not.toHaveProperty('tasks');
    expect(parseMarkdown('1. [x] first')[0]).toMatchObject({ ordered: true, tasks: [true] });
  });
});
