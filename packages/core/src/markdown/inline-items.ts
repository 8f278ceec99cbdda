import type { BidiFreeTexts } from './bidi.js';
import type { InlineToken } from './tokens.js';

export type DelimiterChar = '*' | '_' | '~';

/** A run of `*`, `_` or `~~` that may still open or close emphasis; `count` is what is left of it. */
export interface Delimiter {
  item: Item;
  char: DelimiterChar;
  count: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

export type ItemValue =
  | { kind: 'token'; token: InlineToken; depth: number }
  | { kind: 'delimiter'; delimiter: Delimiter }
  | { kind: 'bracket'; image: boolean };

export interface Item {
  value: ItemValue;
  prev: Item | null;
  next: Item | null;
}

/** The parser's work so far: a linked list of tokens, delimiter runs and `[` not yet closed. */
export interface InlineItems {
  head: Item | null;
  tail: Item | null;
  readonly bidiFree: BidiFreeTexts;
}

export function appendItem(items: InlineItems, value: ItemValue): Item {
  const item: Item = { value, prev: items.tail, next: null };
  if (items.tail) items.tail.next = item;
  else items.head = item;
  items.tail = item;
  return item;
}

/** Items from `from` up to (not including) `to` as tokens, adjacent text merged. */
export function collectItems(
  items: InlineItems,
  from: Item | null,
  to: Item | null,
): { tokens: InlineToken[]; depth: number } {
  const tokens: InlineToken[] = [];
  const tracking = items.bidiFree.tracking;
  let depth = 0;
  let text = '';
  let clean = '';
  for (let item = from; item !== null && item !== to; item = item.next) {
    const value = item.value;
    if (value.kind === 'token' && value.token.type !== 'text') {
      if (text !== '') tokens.push(items.bidiFree.text(text, clean));
      text = '';
      clean = '';
      tokens.push(value.token);
      if (value.depth > depth) depth = value.depth;
      continue;
    }
    let piece: string;
    if (value.kind === 'delimiter') piece = value.delimiter.char.repeat(value.delimiter.count);
    else if (value.kind === 'bracket') piece = value.image ? '![' : '[';
    else {
      const token = value.token as InlineToken & { type: 'text' };
      text += token.text;
      if (tracking) clean += items.bidiFree.cleanText(token);
      continue;
    }
    text += piece;
    if (tracking) clean += piece;
  }
  if (text !== '') tokens.push(items.bidiFree.text(text, clean));
  return { tokens, depth };
}
