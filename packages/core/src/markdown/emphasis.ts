import {
  appendItem,
  collectItems,
  type Delimiter,
  type DelimiterChar,
  type InlineItems,
  type Item,
} from './inline-items.js';
import type { InlineToken } from './tokens.js';

/** Emphasis nested deeper than this stays literal, so no renderer recurses without bound. */
const maxInlineDepth = 16;

const punctuation = /[\p{P}\p{S}]/u;
const whitespace = /\s/u;

/** The delimiter stack over the items: `*`, `_` and `~~` runs matched into em/strong/del. */
export interface DelimiterStack extends InlineItems {
  /** The last delimiter run still on the stack. */
  delimiters: Delimiter | null;
}

/** Appends the run `src[start, end)` of `char`, able to open or close by what flanks it. */
export function pushDelimiter(
  stack: DelimiterStack,
  src: string,
  start: number,
  end: number,
  char: DelimiterChar,
): void {
  const before = start > 0 ? (src[start - 1] as string) : ' ';
  const after = end < src.length ? (src[end] as string) : ' ';
  const beforeSpace = whitespace.test(before);
  const afterSpace = whitespace.test(after);
  const beforePunct = punctuation.test(before);
  const afterPunct = punctuation.test(after);
  const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
  const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
  const canOpen = char !== '_' ? leftFlanking : leftFlanking && (!rightFlanking || beforePunct);
  const canClose = char !== '_' ? rightFlanking : rightFlanking && (!leftFlanking || afterPunct);
  const delimiter: Delimiter = {
    item: null as unknown as Item,
    char,
    count: end - start,
    canOpen,
    canClose,
    prev: stack.delimiters,
    next: null,
  };
  delimiter.item = appendItem(stack, { kind: 'delimiter', delimiter });
  if (stack.delimiters) stack.delimiters.next = delimiter;
  stack.delimiters = delimiter;
}

/** Turns matched `*`/`_`/`~~` runs above `bottom` into em/strong/del elements, then drops them. */
export function processEmphasis(stack: DelimiterStack, bottom: Delimiter | null): void {
  let closer = stack.delimiters;
  if (closer === null || closer === bottom) return;
  while (closer.prev !== null && closer.prev !== bottom) closer = closer.prev;
  const openersBottom: Record<DelimiterChar, Delimiter | null> = {
    '*': bottom,
    _: bottom,
    '~': bottom,
  };
  let current: Delimiter | null = closer;
  while (current !== null) {
    const c: Delimiter = current;
    if (!c.canClose) {
      current = c.next;
      continue;
    }
    let opener = c.prev;
    while (opener !== null && opener !== bottom && opener !== openersBottom[c.char]) {
      if (opener.char === c.char && opener.canOpen) break;
      opener = opener.prev;
    }
    const found =
      opener !== null &&
      opener !== bottom &&
      opener !== openersBottom[c.char] &&
      wrap(stack, opener, c);
    if (found) {
      if (c.count === 0) {
        current = c.next;
        removeDelimiter(stack, c, true);
      }
      continue;
    }
    openersBottom[c.char] = c.prev;
    current = c.next;
    if (!c.canOpen) removeDelimiter(stack, c, false);
  }
  // Whatever is left above bottom stays as literal text.
  let d = stack.delimiters;
  while (d !== null && d !== bottom) {
    const prev: Delimiter | null = d.prev;
    removeDelimiter(stack, d, false);
    d = prev;
  }
}

/** Wraps the items between opener and closer; false when that would nest too deep. */
function wrap(stack: DelimiterStack, opener: Delimiter, closer: Delimiter): boolean {
  const inner = collectItems(stack, opener.item.next, closer.item);
  if (inner.depth + 1 > maxInlineDepth) return false;
  const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
  opener.count -= use;
  closer.count -= use;
  const token: InlineToken = {
    type: opener.char === '~' ? 'del' : use === 2 ? 'strong' : 'em',
    children: inner.tokens,
  };
  const item: Item = {
    value: { kind: 'token', token, depth: inner.depth + 1 },
    prev: opener.item,
    next: closer.item,
  };
  opener.item.next = item;
  closer.item.prev = item;
  // Delimiters between opener and closer are inside the element now.
  opener.next = closer;
  closer.prev = opener;
  if (opener.count === 0) removeDelimiter(stack, opener, true);
  return true;
}

function removeDelimiter(stack: DelimiterStack, d: Delimiter, removeItem: boolean): void {
  if (d.prev) d.prev.next = d.next;
  if (d.next) d.next.prev = d.prev;
  if (stack.delimiters === d) stack.delimiters = d.prev;
  if (removeItem) {
    const item = d.item;
    if (item.prev) item.prev.next = item.next;
    else stack.head = item.next;
    if (item.next) item.next.prev = item.prev;
    else stack.tail = item.prev;
  } else {
    // Unmatched: it is plain text from now on.
    d.canOpen = false;
    d.canClose = false;
  }
}
