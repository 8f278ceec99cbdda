/** Longest link destination looked for; keeps a `](` without `)` from scanning the whole text. */
const maxDestinationLength = 2048;
/** `(` nested deeper than this inside a destination means it is not one. */
const maxParenDepth = 32;

/**
 * Where one character next occurs after any position. Each character of the text is looked at
 * once however often it is asked, so thousands of `](<` waiting for a `>` that never comes cost
 * one scan of the text, not one scan each.
 */
class NextChar {
  /** Every position of the character before `scanned`, in order. */
  private readonly found: number[] = [];
  private scanned = 0;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** The first position of the character in [from, before), or -1. */
  in(from: number, before: number): number {
    const found = this.found;
    let low = 0;
    let high = found.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((found[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    let at = low < found.length ? (found[low] as number) : -1;
    while (at === -1 && this.scanned < before && this.scanned < this.text.length) {
      const next = this.text.indexOf(this.char, this.scanned);
      if (next === -1) {
        this.scanned = this.text.length;
        break;
      }
      found.push(next);
      this.scanned = next + 1;
      if (next >= from) at = next;
    }
    return at < before ? at : -1;
  }
}

/** Reads `(url)` or `(url "title")` after a `]`, in time linear in the text over all calls. */
export class DestinationReader {
  private readonly closers = new Map<string, NextChar>();

  constructor(private readonly src: string) {}

  /** The destination starting at `at` (a `(`), or undefined when there is none. */
  read(at: number): { url: string; end: number } | undefined {
    const src = this.src;
    if (src[at] !== '(') return undefined;
    const limit = Math.min(src.length, at + 1 + maxDestinationLength);
    let i = skipSpace(src, at + 1, limit);
    let url = '';
    const angled = src[i] === '<';
    if (angled) {
      const close = this.next('>', i + 1, limit);
      if (close === -1 || this.next('\n', i + 1, close) !== -1) return undefined;
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
        if (ch === '(' && ++depth > maxParenDepth) return undefined;
        if (ch === ')') {
          if (depth === 0) break;
          depth--;
        }
        i++;
      }
      url = src.slice(start, i);
    }
    i = skipSpace(src, i, limit);
    const quote = src[i];
    if (quote === '"' || quote === "'") {
      const close = this.next(quote, i + 1, limit);
      if (close === -1) return undefined;
      i = skipSpace(src, close + 1, limit);
    }
    if (src[i] !== ')') return undefined;
    if (!angled && url.includes('\\')) url = unescapePunctuation(url);
    return { url, end: i + 1 };
  }

  private next(char: string, from: number, before: number): number {
    let closer = this.closers.get(char);
    if (closer === undefined) {
      closer = new NextChar(this.src, char);
      this.closers.set(char, closer);
    }
    return closer.in(from, before);
  }
}

function skipSpace(src: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && (src[i] === ' ' || src[i] === '\n')) i++;
  return i;
}

function unescapePunctuation(url: string): string {
  return url.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
