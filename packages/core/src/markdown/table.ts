import type { InlineOptions } from './inline.js';
import { parseInline } from './inline.js';
import type { BlockToken, InlineToken, TableAlign } from './tokens.js';

/** A header with more cells than this is not a table: it stays a paragraph. */
export const maxTableColumns = 64;

/**
 * The alignments of a GFM delimiter row (`| :-- | :-: | --: |`), or undefined when the line is
 * not one. Fails at the first character that cannot be in one, so prose costs next to nothing.
 */
function delimiterRow(line: string): TableAlign[] | undefined {
  let pipes = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '|') pipes++;
    else if (c !== '-' && c !== ':' && c !== ' ' && c !== '\t') return undefined;
  }
  if (pipes === 0) return undefined;
  const { cells, overflow } = splitRow(line, maxTableColumns);
  if (overflow) return undefined;
  const align: TableAlign[] = [];
  for (const cell of cells) {
    if (!/^:?-+:?$/.test(cell)) return undefined;
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    align.push(left && right ? 'center' : right ? 'right' : left ? 'left' : undefined);
  }
  return align;
}

/**
 * A row's first `max` cells, trimmed, with `\|` read as a pipe inside a cell (code spans included,
 * as in GFM); `overflow` when it has more. One pass over the line, which stops at cell `max + 1`.
 */
function splitRow(line: string, max: number): { cells: string[]; overflow: boolean } {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '|') {
      cell += `${text.slice(from, i)}|`;
      from = i + 2;
      i++;
    } else if (c === '|') {
      cells.push((cell + text.slice(from, i)).trim());
      if (cells.length === max) return { cells, overflow: true };
      cell = '';
      from = i + 1;
    }
  }
  cells.push((cell + text.slice(from)).trim());
  return { cells, overflow: false };
}

/** A table starts at `lines[i]`: a header row with a pipe, then a delimiter row of as many cells. */
export function tableAt(
  lines: readonly string[],
  i: number,
): { align: TableAlign[]; head: string[] } | undefined {
  const header = lines[i] as string;
  const next = lines[i + 1];
  if (next === undefined || !header.includes('|')) return undefined;
  const align = delimiterRow(next);
  if (align === undefined) return undefined;
  const { cells: head, overflow } = splitRow(header, maxTableColumns);
  if (overflow || head.length !== align.length) return undefined;
  return { align, head };
}

/**
 * The table starting at `start` (found by `tableAt`), with body rows up to `end`. Ragged rows are
 * padded with empty cells; cells past the header's count are dropped, as in GFM.
 */
export function tableBlock(
  start: { align: TableAlign[]; head: string[] },
  body: readonly string[],
  options: InlineOptions,
): BlockToken {
  const columns = start.head.length;
  const cells = (texts: readonly string[]): InlineToken[][] => {
    const row: InlineToken[][] = [];
    for (let c = 0; c < columns; c++) row.push(parseInline(texts[c] ?? '', options).slice());
    return row;
  };
  return {
    type: 'table',
    align: start.align,
    head: cells(start.head),
    rows: body.map((line) => cells(splitRow(line, columns).cells)),
  };
}
