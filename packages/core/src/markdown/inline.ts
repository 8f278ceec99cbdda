import { linkBareUrls } from './bare-urls.js';
import { BidiFreeTexts, withoutBidi } from './bidi.js';
import { DestinationReader } from './destination.js';
import { entityPattern, entityValue } from './entities.js';
import { safeHref, safeImageSrc } from './safe-url.js';
import type { InlineToken } from './tokens.js';

/** Emphasis nested deeper than this stays literal, so no renderer recurses without bound. */
const maxInlineDepth = 16;

// A CommonMark-style delimiter-stack parser over a linked list of items: every character is
// scanned once and every item wrapped into an element at most once per level, so the time stays
// linear on hostile input (a 2.4 MB reply, thousands of unmatched `*` or `[`). Nothing searches the
// rest of the text per opener: closers are looked up in indexes built by one pass.

type DelimiterChar = '*' | '_' | '~';

interface Delimiter {
  item: Item;
  char: DelimiterChar;
  count: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  item: Item;
  image: boolean;
  /** Opening order: a `[` opened before the last link's `[` is inactive (no links in links). */
  order: number;
  /** The delimiter on top of the stack when this bracket opened. */
  delimiterBottom: Delimiter | null;
  prev: Bracket | null;
}

type ItemValue =
  | { kind: 'token'; token: InlineToken; depth: number }
  | { kind: 'delimiter'; delimiter: Delimiter }
  | { kind: 'bracket'; image: boolean };

interface Item {
  value: ItemValue;
  prev: Item | null;
  next: Item | null;
}

export interface InlineOptions {
  readonly allowImagesFrom: readonly string[];
}

// Linear: `[^\s<>]*` cannot cross the next `<`, so two tries never read the same characters.
const autolinkPattern = /<((?:https?|mailto|tel):[^\s<>]*)>/iy;
const punctuation = /[\p{P}\p{S}]/u;
const whitespace = /\s/u;

export function parseInline(text: string, options: InlineOptions): readonly InlineToken[] {
  return new InlineParser(text, options).parse();
}

class InlineParser {
  private head: Item | null = null;
  private tail: Item | null = null;
  private delimiters: Delimiter | null = null;
  private brackets: Bracket | null = null;
  private pending = '';
  private readonly backtickRuns: Map<number, number[]>;
  private readonly backtickCursor = new Map<number, number>();
  private readonly destinations: DestinationReader;
  private readonly bidiFree: BidiFreeTexts;
  private bracketsOpened = 0;
  /** Link brackets opened up to this one can no longer become links. */
  private linkFloor = -1;

  constructor(
    private readonly src: string,
    private readonly options: InlineOptions,
  ) {
    this.backtickRuns = indexBacktickRuns(src);
    this.destinations = new DestinationReader(src);
    this.bidiFree = new BidiFreeTexts(src.includes('!['));
  }

  parse(): readonly InlineToken[] {
    const src = this.src;
    let i = 0;
    while (i < src.length) {
      const c = src[i] as string;
      switch (c) {
        case '\\': {
          const next = src[i + 1];
          if (next === '\n') {
            this.pushToken({ type: 'break' });
            i += 2;
          } else if (next !== undefined && /[!-/:-@[-`{-~]/.test(next)) {
            this.pending += next;
            i += 2;
          } else {
            this.pending += c;
            i += 1;
          }
          break;
        }
        case '\n':
          this.pushToken({ type: 'break' });
          i += 1;
          break;
        case '`':
          i = this.codeSpan(i);
          break;
        case '*':
        case '_':
        case '~':
          i = this.delimiterRun(i, c);
          break;
        case '!':
          if (src[i + 1] === '[') {
            this.openBracket(true);
            i += 2;
          } else {
            this.pending += c;
            i += 1;
          }
          break;
        case '[':
          this.openBracket(false);
          i += 1;
          break;
        case ']':
          i = this.closeBracket(i);
          break;
        case '<':
          i = this.autolink(i);
          break;
        case '&': {
          entityPattern.lastIndex = i;
          const match = entityPattern.exec(src);
          const value = match ? entityValue(match) : undefined;
          if (match && value !== undefined) {
            this.pending += value;
            i += match[0].length;
          } else {
            this.pending += c;
            i += 1;
          }
          break;
        }
        default: {
          let j = i + 1;
          while (j < src.length && !isSpecial(src.charCodeAt(j))) j++;
          this.pending += src.slice(i, j);
          i = j;
        }
      }
    }
    this.flushText();
    this.processEmphasis(null);
    return linkBareUrls(this.collect(this.head, null).tokens);
  }

  private flushText(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.append({ kind: 'token', token: this.bidiFree.text(text), depth: 0 });
  }

  private append(value: ItemValue): Item {
    const item: Item = { value, prev: this.tail, next: null };
    if (this.tail) this.tail.next = item;
    else this.head = item;
    this.tail = item;
    return item;
  }

  private pushToken(token: InlineToken, depth = 0): void {
    this.flushText();
    this.append({ kind: 'token', token, depth });
  }

  private codeSpan(start: number): number {
    const src = this.src;
    let end = start;
    while (src[end] === '`') end++;
    const length = end - start;
    const closer = this.nextBacktickRun(length, end);
    if (closer === undefined) {
      this.pending += src.slice(start, end);
      return end;
    }
    let code = src.slice(end, closer).replace(/\n/g, ' ');
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') {
      code = code.slice(1, -1);
    }
    this.pushToken({ type: 'code', text: code });
    return closer + length;
  }

  /** The start of the next run of exactly `length` backticks at or after `from`. */
  private nextBacktickRun(length: number, from: number): number | undefined {
    const runs = this.backtickRuns.get(length);
    if (runs === undefined) return undefined;
    let cursor = this.backtickCursor.get(length) ?? 0;
    while (cursor < runs.length && (runs[cursor] as number) < from) cursor++;
    this.backtickCursor.set(length, cursor);
    return runs[cursor];
  }

  private delimiterRun(start: number, char: DelimiterChar): number {
    const src = this.src;
    let end = start;
    while (src[end] === char) end++;
    // Strikethrough is exactly `~~`; other tilde runs are text.
    if (char === '~' && end - start !== 2) {
      this.pending += src.slice(start, end);
      return end;
    }
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
    this.flushText();
    const delimiter: Delimiter = {
      item: null as unknown as Item,
      char,
      count: end - start,
      canOpen,
      canClose,
      prev: this.delimiters,
      next: null,
    };
    delimiter.item = this.append({ kind: 'delimiter', delimiter });
    if (this.delimiters) this.delimiters.next = delimiter;
    this.delimiters = delimiter;
    return end;
  }

  private openBracket(image: boolean): void {
    this.flushText();
    const item = this.append({ kind: 'bracket', image });
    this.brackets = {
      item,
      image,
      order: this.bracketsOpened++,
      delimiterBottom: this.delimiters,
      prev: this.brackets,
    };
  }

  private closeBracket(at: number): number {
    const opener = this.brackets;
    if (opener === null) {
      this.pending += ']';
      return at + 1;
    }
    this.brackets = opener.prev;
    const active = opener.image || opener.order > this.linkFloor;
    const destination = active ? this.destinations.read(at + 1) : undefined;
    if (destination === undefined) {
      this.pending += ']';
      return at + 1;
    }
    this.flushText();
    this.processEmphasis(opener.delimiterBottom);
    const inner = this.collect(opener.item.next, null);
    const replacement = opener.image
      ? this.image(destination.url, inner.tokens)
      : this.link(destination.url, inner.tokens, inner.depth);
    // Replace the bracket and everything after it with the new tokens.
    this.tail = opener.item.prev;
    if (this.tail) this.tail.next = null;
    else this.head = null;
    for (const token of replacement.tokens) {
      this.append({ kind: 'token', token, depth: replacement.depth });
    }
    // No links inside links: earlier `[` can no longer become one.
    if (!opener.image) this.linkFloor = opener.order;
    return destination.end;
  }

  private link(
    rawUrl: string,
    children: InlineToken[],
    depth: number,
  ): { tokens: InlineToken[]; depth: number } {
    const href = safeHref(rawUrl);
    if (href === null) return { tokens: children, depth };
    return {
      tokens: [{ type: 'link', href, children: this.bidiFree.strip(children) }],
      depth: depth + 1,
    };
  }

  private image(rawUrl: string, children: InlineToken[]): { tokens: InlineToken[]; depth: number } {
    const alt = this.bidiFree.plainText(children);
    const src = safeImageSrc(rawUrl, this.options.allowImagesFrom);
    if (src === null) {
      return {
        tokens: alt === '' ? [] : [this.bidiFree.text(alt, alt)],
        depth: 0,
      };
    }
    return { tokens: [{ type: 'image', src, alt }], depth: 1 };
  }

  private autolink(at: number): number {
    autolinkPattern.lastIndex = at;
    const match = autolinkPattern.exec(this.src);
    const href = match ? safeHref(match[1] as string) : null;
    if (match === null || href === null) {
      this.pending += '<';
      return at + 1;
    }
    const label = withoutBidi(match[1] as string);
    this.pushToken({ type: 'link', href, children: [{ type: 'text', text: label }] }, 1);
    return at + match[0].length;
  }

  /** Turns matched `*`/`_`/`~~` runs above `bottom` into em/strong/del elements, then drops them. */
  private processEmphasis(bottom: Delimiter | null): void {
    let closer = this.delimiters;
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
        this.wrap(opener, c);
      if (found) {
        if (c.count === 0) {
          current = c.next;
          this.removeDelimiter(c, true);
        }
        continue;
      }
      openersBottom[c.char] = c.prev;
      current = c.next;
      if (!c.canOpen) this.removeDelimiter(c, false);
    }
    // Whatever is left above bottom stays as literal text.
    let d = this.delimiters;
    while (d !== null && d !== bottom) {
      const prev: Delimiter | null = d.prev;
      this.removeDelimiter(d, false);
      d = prev;
    }
  }

  /** Wraps the items between opener and closer; false when that would nest too deep. */
  private wrap(opener: Delimiter, closer: Delimiter): boolean {
    const inner = this.collect(opener.item.next, closer.item);
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
    if (opener.count === 0) this.removeDelimiter(opener, true);
    return true;
  }

  /** Items from `from` up to (not including) `to` as tokens, adjacent text merged. */
  private collect(from: Item | null, to: Item | null): { tokens: InlineToken[]; depth: number } {
    const tokens: InlineToken[] = [];
    const tracking = this.bidiFree.tracking;
    let depth = 0;
    let text = '';
    let clean = '';
    for (let item = from; item !== null && item !== to; item = item.next) {
      const value = item.value;
      if (value.kind === 'token' && value.token.type !== 'text') {
        if (text !== '') tokens.push(this.bidiFree.text(text, clean));
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
        if (tracking) clean += this.bidiFree.cleanText(token);
        continue;
      }
      text += piece;
      if (tracking) clean += piece;
    }
    if (text !== '') tokens.push(this.bidiFree.text(text, clean));
    return { tokens, depth };
  }

  private removeDelimiter(d: Delimiter, removeItem: boolean): void {
    if (d.prev) d.prev.next = d.next;
    if (d.next) d.next.prev = d.prev;
    if (this.delimiters === d) this.delimiters = d.prev;
    if (removeItem) {
      const item = d.item;
      if (item.prev) item.prev.next = item.next;
      else this.head = item.next;
      if (item.next) item.next.prev = item.prev;
      else this.tail = item.prev;
    } else {
      // Unmatched: it is plain text from now on.
      d.canOpen = false;
      d.canClose = false;
    }
  }
}

function isSpecial(code: number): boolean {
  // \n ! & * < [ \ ] _ ` ~
  return (
    code === 126 ||
    code === 10 ||
    code === 33 ||
    code === 38 ||
    code === 42 ||
    code === 60 ||
    code === 91 ||
    code === 92 ||
    code === 93 ||
    code === 95 ||
    code === 96
  );
}

function indexBacktickRuns(src: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let i = src.indexOf('`'); i !== -1; i = src.indexOf('`', i)) {
    let end = i;
    while (src[end] === '`') end++;
    const length = end - i;
    const list = runs.get(length);
    if (list) list.push(i);
    else runs.set(length, [i]);
    i = end;
  }
  return runs;
}
