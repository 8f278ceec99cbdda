import { entityPattern, entityValue } from './entities.js';
import { safeHref, safeImageSrc } from './safe-url.js';
import type { InlineToken } from './tokens.js';

/** Emphasis nested deeper than this stays literal, so no renderer recurses without bound. */
const maxInlineDepth = 16;
/** Longest link destination looked for; keeps a `](` without `)` from scanning the whole text. */
const maxDestinationLength = 2048;

// A CommonMark-style delimiter-stack parser over a linked list of items: every character is
// scanned once and every item wrapped into an element at most once per level, so the time stays
// linear on hostile input (a 2.4 MB reply, thousands of unmatched `*` or `[`).

interface Delimiter {
  item: Item;
  char: '*' | '_';
  count: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  item: Item;
  image: boolean;
  active: boolean;
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

const autolinkPattern = /<((?:https?|mailto|tel):[^\s<>]*)>/iy;
const bareUrlPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,:;!?'")\]*_~]+$/;
const punctuation = /[\p{P}\p{S}]/u;
const whitespace = /\s/u;
// Bidi overrides and isolates in link text can disguise where a link points.
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

export function parseInline(text: string, options: InlineOptions): InlineToken[] {
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

  constructor(
    private readonly src: string,
    private readonly options: InlineOptions,
  ) {
    this.backtickRuns = indexBacktickRuns(src);
  }

  parse(): InlineToken[] {
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
    return linkBareUrls(collect(this.head, null).tokens);
  }

  private flushText(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.append({ kind: 'token', token: { type: 'text', text }, depth: 0 });
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

  private delimiterRun(start: number, char: '*' | '_'): number {
    const src = this.src;
    let end = start;
    while (src[end] === char) end++;
    const before = start > 0 ? (src[start - 1] as string) : ' ';
    const after = end < src.length ? (src[end] as string) : ' ';
    const beforeSpace = whitespace.test(before);
    const afterSpace = whitespace.test(after);
    const beforePunct = punctuation.test(before);
    const afterPunct = punctuation.test(after);
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    const canOpen = char === '*' ? leftFlanking : leftFlanking && (!rightFlanking || beforePunct);
    const canClose = char === '*' ? rightFlanking : rightFlanking && (!leftFlanking || afterPunct);
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
      active: true,
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
    const destination = opener.active ? parseDestination(this.src, at + 1) : undefined;
    if (destination === undefined) {
      this.pending += ']';
      return at + 1;
    }
    this.flushText();
    this.processEmphasis(opener.delimiterBottom);
    const inner = collect(opener.item.next, null);
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
    if (!opener.image) {
      // No links inside links: earlier `[` can no longer become one.
      for (let b = this.brackets; b !== null; b = b.prev) if (!b.image) b.active = false;
    }
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
      tokens: [{ type: 'link', href, children: stripBidi(children) }],
      depth: depth + 1,
    };
  }

  private image(rawUrl: string, children: InlineToken[]): { tokens: InlineToken[]; depth: number } {
    const alt = plainText(children).replace(bidiControls, '');
    const src = safeImageSrc(rawUrl, this.options.allowImagesFrom);
    if (src === null) return { tokens: alt === '' ? [] : [{ type: 'text', text: alt }], depth: 0 };
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
    const label = (match[1] as string).replace(bidiControls, '');
    this.pushToken({ type: 'link', href, children: [{ type: 'text', text: label }] }, 1);
    return at + match[0].length;
  }

  /** Turns matched `*`/`_` runs above `bottom` into em/strong elements, then drops them. */
  private processEmphasis(bottom: Delimiter | null): void {
    let closer = this.delimiters;
    if (closer === null || closer === bottom) return;
    while (closer.prev !== null && closer.prev !== bottom) closer = closer.prev;
    const openersBottom: Record<'*' | '_', Delimiter | null> = { '*': bottom, _: bottom };
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
    const inner = collect(opener.item.next, closer.item);
    if (inner.depth + 1 > maxInlineDepth) return false;
    const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
    opener.count -= use;
    closer.count -= use;
    const token: InlineToken = {
      type: use === 2 ? 'strong' : 'em',
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
  // \n ! & * < [ \ ] _ `
  return (
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

/** `(url)` or `(url "title")` right after `]`; undefined when it is not one. */
function parseDestination(src: string, at: number): { url: string; end: number } | undefined {
  if (src[at] !== '(') return undefined;
  const limit = Math.min(src.length, at + 1 + maxDestinationLength);
  let i = at + 1;
  while (i < limit && (src[i] === ' ' || src[i] === '\n')) i++;
  let url = '';
  if (src[i] === '<') {
    const close = src.indexOf('>', i + 1);
    if (close === -1 || close >= limit || src.slice(i + 1, close).includes('\n')) return undefined;
    url = src.slice(i + 1, close);
    i = close + 1;
  } else {
    let depth = 0;
    const start = i;
    while (i < limit) {
      const ch = src[i] as string;
      if (ch === '\\' && i + 1 < limit) {
        i += 2;
        continue;
      }
      if (ch === ' ' || ch === '\n') break;
      if (ch === '(' && ++depth > 32) return undefined;
      if (ch === ')') {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    url = src.slice(start, i).replace(/\\([!-/:-@[-`{-~])/g, '$1');
  }
  while (i < limit && (src[i] === ' ' || src[i] === '\n')) i++;
  const quote = src[i];
  if (quote === '"' || quote === "'") {
    const close = src.indexOf(quote, i + 1);
    if (close === -1 || close >= limit) return undefined;
    i = close + 1;
    while (i < limit && (src[i] === ' ' || src[i] === '\n')) i++;
  }
  if (src[i] !== ')') return undefined;
  return { url, end: i + 1 };
}

/** Items from `from` up to (not including) `to` as tokens, adjacent text merged. */
function collect(from: Item | null, to: Item | null): { tokens: InlineToken[]; depth: number } {
  const tokens: InlineToken[] = [];
  let depth = 0;
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ type: 'text', text });
    text = '';
  };
  for (let item = from; item !== null && item !== to; item = item.next) {
    const value = item.value;
    if (value.kind === 'delimiter') text += value.delimiter.char.repeat(value.delimiter.count);
    else if (value.kind === 'bracket') text += value.image ? '![' : '[';
    else if (value.token.type === 'text') text += value.token.text;
    else {
      flush();
      tokens.push(value.token);
      if (value.depth > depth) depth = value.depth;
    }
  }
  flush();
  return { tokens, depth };
}

function plainText(tokens: readonly InlineToken[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code') out += token.text;
    else if (token.type === 'image') out += token.alt;
    else if (token.type === 'break') out += ' ';
    else out += plainText(token.children);
  }
  return out;
}

function stripBidi(tokens: readonly InlineToken[]): InlineToken[] {
  return tokens.map((token) => {
    if (token.type === 'text' || token.type === 'code') {
      return { ...token, text: token.text.replace(bidiControls, '') };
    }
    if (token.type === 'strong' || token.type === 'em' || token.type === 'link') {
      return { ...token, children: stripBidi(token.children) };
    }
    if (token.type === 'image') return { ...token, alt: token.alt.replace(bidiControls, '') };
    return token;
  });
}

/** Bare `https://…` in text (outside links and code) becomes a link. */
function linkBareUrls(tokens: InlineToken[]): InlineToken[] {
  const out: InlineToken[] = [];
  for (const token of tokens) {
    if (token.type === 'strong' || token.type === 'em') {
      out.push({ ...token, children: linkBareUrls([...token.children]) });
      continue;
    }
    if (token.type !== 'text' || !/https?:\/\//i.test(token.text)) {
      out.push(token);
      continue;
    }
    let last = 0;
    bareUrlPattern.lastIndex = 0;
    for (let m = bareUrlPattern.exec(token.text); m !== null; m = bareUrlPattern.exec(token.text)) {
      let url = m[0];
      const trailing = trailingPunctuation.exec(url);
      if (trailing) url = url.slice(0, url.length - trailing[0].length);
      // Keep a closing parenthesis that belongs to the URL, as in wiki links.
      if (trailing?.[0].startsWith(')') && url.includes('(')) url += ')';
      const href = safeHref(url);
      if (href === null) continue;
      if (m.index > last) out.push({ type: 'text', text: token.text.slice(last, m.index) });
      out.push({
        type: 'link',
        href,
        children: [{ type: 'text', text: url.replace(bidiControls, '') }],
      });
      last = m.index + url.length;
      bareUrlPattern.lastIndex = last;
    }
    if (last < token.text.length) out.push({ type: 'text', text: token.text.slice(last) });
  }
  return out;
}
