import { parseInline } from './inline.js';
import { tableAt, tableBlock } from './table.js';
import type { BlockToken, MarkdownOptions } from './tokens.js';

/** Blockquotes and lists nested deeper than this are read as text: no recursion blowup. */
const maxBlockDepth = 8;

interface Context {
  readonly allowImagesFrom: readonly string[];
}

const maxIndentScan = 16;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const headingOpen = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const quoteOpen = /^ {0,3}> ?/;
const listOpen = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const ruleLine = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// Lone surrogates and NUL cannot be drawn; replacing them keeps every renderer from tripping.
const unrenderable =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is replaced on purpose
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g;

/**
 * Bot markdown → a token tree. Raw HTML stays text; links keep only http(s)/mailto/tel hrefs;
 * images only from allowed origins. Linear in the input's length.
 */
export function parseMarkdown(markdown: string, options: MarkdownOptions = {}): BlockToken[] {
  const text = markdown.replace(/\r\n?/g, '\n').replace(unrenderable, '\ufffd');
  const context: Context = {
    allowImagesFrom: (options.allowImagesFrom ?? []).flatMap((origin) => {
      try {
        return [new URL(origin).origin];
      } catch {
        return [];
      }
    }),
  };
  return parseBlocks(text.split('\n'), 0, context);
}

/** Only a line's start decides its kind; testing a prefix keeps regexes off 2 MB lines. */
function head(line: string): string {
  return line.length > 64 ? line.slice(0, 64) : line;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (n < line.length && n < maxIndentScan && (line[n] === ' ' || line[n] === '\t')) {
    n += line[n] === '\t' ? 4 - (n % 4) : 1;
  }
  return n;
}

function startsBlock(line: string, depth: number): boolean {
  const start = head(line);
  if (fenceOpen.test(start) || headingOpen.test(start)) return true;
  if (line.length < 200 && ruleLine.test(line)) return true;
  if (depth >= maxBlockDepth) return false;
  if (quoteOpen.test(start)) return true;
  const list = listOpen.exec(start);
  // An ordered list interrupts a paragraph only when it starts at 1 (as in CommonMark).
  return (
    list !== null &&
    list[3] !== '' &&
    (!/\d/.test(list[2] as string) || /^1\D/.test(list[2] as string))
  );
}

function parseBlocks(lines: readonly string[], depth: number, context: Context): BlockToken[] {
  const blocks: BlockToken[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const start = head(line);

    const fence = fenceOpen.exec(start);
    if (fence) {
      const marker = fence[1] as string;
      const indent = line.length - line.trimStart().length;
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const current = lines[i] as string;
        const trimmed = current.trim();
        if (
          trimmed.length >= marker.length &&
          trimmed.length < 200 &&
          trimmed === (marker[0] as string).repeat(trimmed.length)
        ) {
          i++;
          break;
        }
        body.push(current.slice(Math.min(indent, leadingSpaces(current))));
        i++;
      }
      blocks.push({
        type: 'code_block',
        lang: (fence[2] ?? '').slice(0, 32),
        text: body.join('\n'),
      });
      continue;
    }

    const heading = headingOpen.exec(start);
    if (heading) {
      const level = (heading[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6;
      const content = stripClosingHashes(line.slice(heading[0].length).trim());
      blocks.push({ type: 'heading', level, children: parseInline(content, context) });
      i++;
      continue;
    }

    if (line.length < 200 && ruleLine.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }

    if (depth < maxBlockDepth && quoteOpen.test(start)) {
      const inner: string[] = [];
      while (i < lines.length) {
        const current = lines[i] as string;
        const marker = quoteOpen.exec(head(current));
        if (marker) inner.push(current.slice(marker[0].length));
        else if (
          !isBlank(current) &&
          inner.length > 0 &&
          !isBlank(inner.at(-1) as string) &&
          !startsBlock(current, depth)
        ) {
          inner.push(current); // lazy continuation of the quoted paragraph
        } else break;
        i++;
      }
      blocks.push({ type: 'blockquote', children: parseBlocks(inner, depth + 1, context) });
      continue;
    }

    const list = depth < maxBlockDepth ? listOpen.exec(start) : null;
    if (list) {
      const parsed = parseList(lines, i, depth, context);
      blocks.push(parsed.block);
      i = parsed.end;
      continue;
    }

    const table = tableAt(lines, i);
    if (table) {
      const body: string[] = [];
      i += 2;
      while (i < lines.length) {
        const current = lines[i] as string;
        if (isBlank(current) || startsBlock(current, depth)) break;
        body.push(current);
        i++;
      }
      blocks.push(tableBlock(table, body, context));
      continue;
    }

    const paragraph: string[] = [line.trim()];
    i++;
    while (i < lines.length) {
      const current = lines[i] as string;
      if (isBlank(current) || startsBlock(current, depth) || tableAt(lines, i)) break;
      paragraph.push(current.trim());
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n'), context) });
  }
  return blocks;
}

function stripClosingHashes(content: string): string {
  let end = content.length;
  while (end > 0 && content[end - 1] === '#') end--;
  if (end === content.length) return content;
  if (end === 0) return '';
  return content[end - 1] === ' ' || content[end - 1] === '\t'
    ? content.slice(0, end).trimEnd()
    : content;
}

interface ListMarker {
  readonly ordered: boolean;
  /** The bullet character, or the ordered delimiter (`.` or `)`). */
  readonly kind: string;
  readonly number: number;
  /** Column where the item's content starts. */
  readonly contentOffset: number;
}

function readMarker(line: string): ListMarker | undefined {
  const match = listOpen.exec(head(line));
  if (!match) return undefined;
  const [whole, indent = '', marker = '', spaces = ''] = match;
  const ordered = /\d/.test(marker);
  const width = indent.length + marker.length;
  const gap = spaces.length === 0 || spaces.length > 4 ? 1 : spaces.length;
  return {
    ordered,
    kind: ordered ? marker.slice(-1) : marker,
    number: ordered ? Number.parseInt(marker, 10) : 1,
    contentOffset: spaces.length === 0 ? whole.length + 1 : width + gap,
  };
}

function parseList(
  lines: readonly string[],
  startIndex: number,
  depth: number,
  context: Context,
): { block: BlockToken; end: number } {
  const first = readMarker(lines[startIndex] as string) as ListMarker;
  const items: string[][] = [];
  let current: string[] = [];
  let offset = first.contentOffset;
  let i = startIndex;
  let previousBlank = false;
  while (i < lines.length) {
    const line = lines[i] as string;
    const marker = readMarker(line);
    const indent = leadingSpaces(line);
    if (
      marker &&
      indent < offset &&
      marker.ordered === first.ordered &&
      marker.kind === first.kind
    ) {
      if (i !== startIndex) items.push(current);
      current = [line.slice(Math.min(line.length, marker.contentOffset))];
      offset = marker.contentOffset;
      previousBlank = false;
      i++;
      continue;
    }
    if (isBlank(line)) {
      current.push('');
      previousBlank = true;
      i++;
      continue;
    }
    if (indent >= offset) {
      current.push(dedent(line, offset));
    } else if (!previousBlank && !startsBlock(line, depth)) {
      current.push(line.trim()); // lazy continuation of the item's paragraph
    } else break;
    previousBlank = false;
    i++;
  }
  items.push(current);
  while (i > startIndex && isBlank(lines[i - 1] as string)) i--;
  const tasks = items.map(taskMarker);
  const block: BlockToken = {
    type: 'list',
    ordered: first.ordered,
    start: first.number,
    items: items.map((item) => parseBlocks(item, depth + 1, context)),
  };
  return {
    block: tasks.some((task) => task !== undefined) ? { ...block, tasks } : block,
    end: i,
  };
}

const taskOpen = /^\[([ xX])\](?:[ \t]+|$)/;

/** `[ ]` or `[x]` opening an item: unchecked or checked, and taken off the item's first line. */
function taskMarker(item: string[]): boolean | undefined {
  const match = taskOpen.exec(item[0] as string);
  if (match === null) return undefined;
  item[0] = (item[0] as string).slice(match[0].length);
  return match[1] !== ' ';
}

function dedent(line: string, columns: number): string {
  let column = 0;
  let index = 0;
  while (index < line.length && column < columns) {
    const ch = line[index];
    if (ch === ' ') column++;
    else if (ch === '\t') column += 4 - (column % 4);
    else break;
    index++;
  }
  return line.slice(index);
}
