// Code spans: a run of backticks closes at the next run of the same length. The runs are indexed
// by one pass and each length's cursor only moves forward, so thousands of unmatched openers cost
// one scan of the text, not one each.

/** Where each run of backticks starts, by the run's length. */
export function indexBacktickRuns(src: string): Map<number, number[]> {
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

/** The start of the next run of exactly `length` backticks at or after `from`. */
export function nextBacktickRun(
  runs: Map<number, number[]>,
  cursors: Map<number, number>,
  length: number,
  from: number,
): number | undefined {
  const starts = runs.get(length);
  if (starts === undefined) return undefined;
  let cursor = cursors.get(length) ?? 0;
  while (cursor < starts.length && (starts[cursor] as number) < from) cursor++;
  cursors.set(length, cursor);
  return starts[cursor];
}

/** A code span's text: line ends as spaces, one padding space stripped from each side. */
export function codeSpanText(raw: string): string {
  const code = raw.replace(/\n/g, ' ');
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== ''
    ? code.slice(1, -1)
    : code;
}
