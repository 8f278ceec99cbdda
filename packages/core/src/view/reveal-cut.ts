const fence = /^ {0,3}(`{3,}|~{3,})/;
const blockMarkers = /^ {0,3}(?:(?:#{1,6}|[-+*]|\d{1,9}[.)]|>)[ \t]+(?:\[[ xX]\][ \t]+)?)*/;
const autolink = /^<(?:https?:|mailto:)[^\s<>]*>/i;
/** How far a cut moves on to finish a word: a longer run (a URL, a line of CJK) may break. */
const longestWord = 64;

/**
 * Where a typewriter may stop in `text`: at `at` or a little after it, never past `limit` (what
 * has arrived). It finishes the word, a line's block markers (`## `, `- [ ] `, `1. `), a code
 * fence's line, a table row (with the delimiter row under a header), and any inline construct
 * (code span, emphasis, strikethrough, link, autolink) whose closer has arrived, so the visitor
 * does not see markdown syntax that the finished text hides. An opener whose closer has not
 * arrived stays as text, as while streaming.
 */
export function revealCut(text: string, at: number, limit: number): number {
  if (at >= limit) return limit;
  if (at <= 0) return 0;
  let cut = at;
  const word = Math.min(limit, at + longestWord);
  while (cut < word && !isSpace(text.charCodeAt(cut))) cut++;
  const lineStart = text.lastIndexOf('\n', cut - 1) + 1;
  const newline = text.indexOf('\n', lineStart);
  const lineEnd = Math.min(limit, newline === -1 ? text.length : newline);
  const head = text.slice(lineStart, Math.max(cut, lineStart + 16));
  if (inFence(text, lineStart)) return fence.test(head) ? Math.max(cut, lineEnd) : cut;
  if (fence.test(head)) return Math.max(cut, lineEnd);
  if (text[lineStart + leadingSpaces(text, lineStart)] === '|')
    return tableRowEnd(text, lineStart, lineEnd, limit);
  const marked = lineStart + (blockMarkers.exec(text.slice(lineStart, lineEnd))?.[0].length ?? 0);
  if (cut < marked) cut = marked;
  for (let i = 0; i < 8; i++) {
    const end = openConstructEnd(text, lineStart, cut, lineEnd);
    if (end <= cut) break;
    cut = end;
  }
  return Math.min(cut, limit);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

function leadingSpaces(text: string, from: number): number {
  let n = 0;
  while (n < 4 && text[from + n] === ' ') n++;
  return n;
}

/** A line starting at `lineStart` lies inside a fenced code block. Linear in the number of lines. */
function inFence(text: string, lineStart: number): boolean {
  let open: string | null = null;
  let start = 0;
  while (start < lineStart) {
    const end = text.indexOf('\n', start);
    const marker = fence.exec(text.slice(start, Math.min(start + 80, end)))?.[1];
    if (marker !== undefined) {
      if (open === null) open = marker;
      else if (marker[0] === open[0] && marker.length >= open.length) open = null;
    }
    start = end + 1;
  }
  return open !== null;
}

/** A table row shows whole; a header row with its delimiter row, so it is never a paragraph of pipes. */
function tableRowEnd(text: string, lineStart: number, lineEnd: number, limit: number): number {
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const isHeader = lineStart === 0 || text[previousStart] !== '|';
  if (!isHeader || lineEnd >= limit) return lineEnd;
  const next = text.indexOf('\n', lineEnd + 1);
  return Math.min(limit, next === -1 ? text.length : next);
}

/**
 * Scans `text[from, cut)` for an inline construct that opens there and closes after `cut` (by
 * `end`, on the same line): returns where it closes, or `cut` when nothing is left open.
 */
function openConstructEnd(text: string, from: number, cut: number, end: number): number {
  let i = from;
  // Where an emphasis already closed within the cut: not an opener.
  const closers = new Set<number>();
  while (i < cut) {
    const c = text[i] as string;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (closers.has(i)) {
      i += runOf(text, i, c).length;
      continue;
    }
    let close = -1;
    let next = i + 1;
    if (c === '`' || c === '*' || c === '_' || c === '~') {
      const run = runOf(text, i, c);
      next = i + run.length;
      if (opens(text, i, next, c, run.length)) close = closerOf(text, run, next, end);
    } else if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      close = linkEnd(text, c === '!' ? i + 1 : i, end);
    } else if (c === '<') {
      const match = autolink.exec(text.slice(i, end));
      if (match !== null) close = i + match[0].length;
    }
    if (close > cut) return close;
    if (close > i && c === '`') next = close;
    else if (close > i && (c === '*' || c === '_' || c === '~')) closers.add(close - (next - i));
    i = next;
  }
  return cut;
}

function runOf(text: string, at: number, c: string): string {
  let end = at;
  while (text[end] === c) end++;
  return text.slice(at, end);
}

function opens(text: string, at: number, after: number, c: string, length: number): boolean {
  if (c === '`') return true;
  if (c === '~' && length !== 2) return false;
  if (length > 3 || after >= text.length || isSpace(text.charCodeAt(after))) return false;
  // snake_case: an underscore inside a word opens nothing.
  return !(c === '_' && at > 0 && /\w/.test(text[at - 1] as string));
}

/** The end of the run that closes `run` (the same characters, not after a space), or -1. */
function closerOf(text: string, run: string, from: number, end: number): number {
  let at = text.indexOf(run, from);
  while (at !== -1 && at + run.length <= end) {
    const exact = text[at + run.length] !== run[0];
    if (exact && (run[0] === '`' || !isSpace(text.charCodeAt(at - 1)))) return at + run.length;
    at = text.indexOf(run, at + (exact ? 1 : runOf(text, at, run[0] as string).length));
  }
  return -1;
}

/** `[label](target)` or `[label]` starting at `at`: where it ends, or -1. */
function linkEnd(text: string, at: number, end: number): number {
  const label = text.indexOf(']', at + 1);
  if (label === -1 || label >= end) return -1;
  if (text[label + 1] !== '(') return label + 1;
  const target = text.indexOf(')', label + 2);
  return target === -1 || target >= end ? -1 : target + 1;
}
