import { markdownTree, type TreeOptions } from './markdown-tree.js';
import type { RenderElement, RenderNode } from './render-tree.js';

/**
 * A bot message's render tree, built on from the previous one while its text only grows (a
 * streamed reply): blocks that a later block has followed are finished and kept (the same node
 * objects), and only the unfinished tail is parsed again. So a reply's cost grows with its
 * length, not with its square. Always equal to `markdownTree(text)`.
 */
export interface ContentTree {
  readonly text: string;
  readonly nodes: readonly RenderNode[];
  /** `text` before this offset is finished: it drew `nodes[0 … finishedCount)`. */
  readonly finishedEnd: number;
  readonly finishedCount: number;
  /** The last cut refused (it lay inside a code fence): not tried again. */
  readonly refusedAt: number;
}

const probe = 'x';
// A line that may continue a list across a blank line (or become such a line as it grows).
const listLike = /^[-+*\d]/;
const listMarker = /^([-+*]|\d{1,9}[.)])([ \t]|$)/;

export function contentTree(
  text: string,
  options: TreeOptions,
  previous?: ContentTree,
): ContentTree {
  const grows = previous !== undefined && text.startsWith(previous.text);
  let finished = grows ? previous.nodes.slice(0, previous.finishedCount) : [];
  let finishedEnd = grows ? previous.finishedEnd : 0;
  let refusedAt = grows ? previous.refusedAt : -1;
  const cut = lastCut(text, finishedEnd);
  if (cut > refusedAt) {
    // The parser is between top-level blocks at the cut exactly when a plain line put there
    // would start a paragraph of its own (not code in an open fence).
    const region = markdownTree(text.slice(finishedEnd, cut) + probe, options);
    if (isProbe(region.at(-1))) {
      finished = finished.concat(region.slice(0, -1));
      finishedEnd = cut;
    } else refusedAt = cut;
  }
  const tail = markdownTree(text.slice(finishedEnd), options);
  return {
    text,
    nodes: finished.length === 0 ? tail : finished.concat(tail),
    finishedEnd,
    finishedCount: finished.length,
    refusedAt,
  };
}

function isProbe(node: RenderNode | undefined): boolean {
  if (node === undefined || typeof node === 'string') return false;
  const { tag, attrs, children } = node as RenderElement;
  return (
    tag === 'p' && Object.keys(attrs).length === 0 && children.length === 1 && children[0] === probe
  );
}

/**
 * The start of the last line after `from` that may begin a finished block's successor: it
 * follows a blank line, starts at column 0 with a character that is not whitespace, and can
 * neither be nor grow into a list item (which would continue a list across the blank line).
 * -1 when there is none.
 */
function lastCut(text: string, from: number): number {
  let newline = text.lastIndexOf('\n');
  while (newline >= from) {
    const start = newline + 1;
    // lastIndexOf reads a negative start as 0.
    const before = newline === 0 ? -1 : text.lastIndexOf('\n', newline - 1);
    if (
      before >= from - 1 &&
      isCutLine(text, start) &&
      text.slice(before + 1, newline).trim() === ''
    )
      return start;
    newline = before;
  }
  return -1;
}

function isCutLine(text: string, start: number): boolean {
  const first = text[start];
  if (first === undefined || first.trim() === '') return false;
  if (!listLike.test(first)) return true;
  const end = text.indexOf('\n', start);
  // Still growing: "1" may become "1. item".
  if (end === -1) return false;
  return !listMarker.test(text.slice(start, Math.min(end, start + 16)));
}
