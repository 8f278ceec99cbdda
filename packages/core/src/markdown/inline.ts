import { linkBareUrls } from './bare-urls.js';
import { BidiFreeTexts, withoutBidi } from './bidi.js';
import { codeSpanText, indexBacktickRuns, nextBacktickRun } from './code-span.js';
import { DestinationReader } from './destination.js';
import { type DelimiterStack, processEmphasis, pushDelimiter } from './emphasis.js';
import { entityPattern, entityValue } from './entities.js';
import {
  appendItem,
  collectItems,
  type Delimiter,
  type DelimiterChar,
  type Item,
} from './inline-items.js';
import { imageTokens, linkTokens } from './link-tokens.js';
import { safeHref } from './safe-url.js';
import type { InlineToken } from './tokens.js';

// A CommonMark-style delimiter-stack parser over a linked list of items: every character is
// scanned once and every item wrapped into an element at most once per level, so the time stays
// linear on hostile input (a 2.4 MB reply, thousands of unmatched `*` or `[`). Nothing searches the
// rest of the text per opener: closers are looked up in indexes built by one pass.

interface Bracket {
  item: Item;
  image: boolean;
  /** Opening order: a `[` opened before the last link's `[` is inactive (no links in links). */
  order: number;
  /** The delimiter on top of the stack when this bracket opened. */
  delimiterBottom: Delimiter | null;
  prev: Bracket | null;
}

export interface InlineOptions {
  readonly allowImagesFrom: readonly string[];
}

// Linear: `[^\s<>]*` cannot cross the next `<`, so two tries never read the same characters.
const autolinkPattern = /<((?:https?|mailto|tel):[^\s<>]*)>/iy;

export function parseInline(text: string, options: InlineOptions): readonly InlineToken[] {
  return new InlineParser(text, options).parse();
}

class InlineParser implements DelimiterStack {
  head: Item | null = null;
  tail: Item | null = null;
  delimiters: Delimiter | null = null;
  private brackets: Bracket | null = null;
  private pending = '';
  private readonly backtickRuns: Map<number, number[]>;
  private readonly backtickCursor = new Map<number, number>();
  private readonly destinations: DestinationReader;
  readonly bidiFree: BidiFreeTexts;
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
    processEmphasis(this, null);
    return linkBareUrls(collectItems(this, this.head, null).tokens);
  }

  private flushText(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    appendItem(this, { kind: 'token', token: this.bidiFree.text(text), depth: 0 });
  }

  private pushToken(token: InlineToken, depth = 0): void {
    this.flushText();
    appendItem(this, { kind: 'token', token, depth });
  }

  private codeSpan(start: number): number {
    const src = this.src;
    let end = start;
    while (src[end] === '`') end++;
    const length = end - start;
    const closer = nextBacktickRun(this.backtickRuns, this.backtickCursor, length, end);
    if (closer === undefined) {
      this.pending += src.slice(start, end);
      return end;
    }
    this.pushToken({ type: 'code', text: codeSpanText(src.slice(end, closer)) });
    return closer + length;
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
    this.flushText();
    pushDelimiter(this, src, start, end, char);
    return end;
  }

  private openBracket(image: boolean): void {
    this.flushText();
    const item = appendItem(this, { kind: 'bracket', image });
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
    processEmphasis(this, opener.delimiterBottom);
    const inner = collectItems(this, opener.item.next, null);
    const replacement = opener.image
      ? imageTokens(destination.url, inner.tokens, this.options.allowImagesFrom, this.bidiFree)
      : linkTokens(destination.url, inner.tokens, inner.depth, this.bidiFree);
    // Replace the bracket and everything after it with the new tokens.
    this.tail = opener.item.prev;
    if (this.tail) this.tail.next = null;
    else this.head = null;
    for (const token of replacement.tokens) {
      appendItem(this, { kind: 'token', token, depth: replacement.depth });
    }
    // No links inside links: earlier `[` can no longer become one.
    if (!opener.image) this.linkFloor = opener.order;
    return destination.end;
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
