/**
 * Where two part trees differ, one line per difference, named by the path of parts that leads
 * there (`window > messages > message[2] > retry-button [aria-label]`), so a conformance failure
 * says which part a renderer drew differently before the full diff below it.
 */
import type { ContentNode, PartNode } from './part-tree.js';

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

const label = (node: PartNode) => node.part ?? `<${node.tag}>`;

/** A child's name in a path: its part, numbered when its parent has several (`message[2]`). */
function nodeName(node: PartNode, siblings: readonly PartNode[]): string {
  const same = siblings.filter((s) => label(s) === label(node));
  return same.length > 1 ? `${label(node)}[${same.indexOf(node) + 1}]` : label(node);
}

function contentLine(node: ContentNode): string {
  if (typeof node === 'string') return show(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${v}"`))
    .join('');
  return `<${node.tag}${attrs}>${node.children.map(contentLine).join('')}</${node.tag}>`;
}

/** Up to `limit` differences of `actual` from `expected`; empty when they are equal. */
export function describeDifferences(actual: PartNode, expected: PartNode, limit = 20): string[] {
  const lines: string[] = [];
  const add = (line: string) => {
    if (lines.length < limit) lines.push(line);
  };

  const visit = (a: PartNode, e: PartNode, path: string) => {
    if (a.part !== e.part || a.tag !== e.tag) {
      add(`${path}: expected ${label(e)} <${e.tag}>, got ${label(a)} <${a.tag}>`);
      return;
    }
    if (a.ns !== e.ns) add(`${path}: namespace expected ${show(e.ns)}, got ${show(a.ns)}`);
    for (const name of new Set([...Object.keys(e.attrs), ...Object.keys(a.attrs)])) {
      if (a.attrs[name] !== e.attrs[name])
        add(`${path} [${name}]: expected ${show(e.attrs[name])}, got ${show(a.attrs[name])}`);
    }
    if (a.text !== e.text) add(`${path} text: expected ${show(e.text)}, got ${show(a.text)}`);
    if (a.value !== e.value) add(`${path} value: expected ${show(e.value)}, got ${show(a.value)}`);
    const ac = (a.content ?? []).map(contentLine).join('');
    const ec = (e.content ?? []).map(contentLine).join('');
    if (ac !== ec) add(`${path} content:\n    expected ${ec}\n    got      ${ac}`);

    const as = a.children ?? [];
    const es = e.children ?? [];
    const names = (list: readonly PartNode[]) => list.map(label).join(', ');
    if (as.length !== es.length) {
      add(`${path} children:\n    expected ${names(es)}\n    got      ${names(as)}`);
      return;
    }
    es.forEach((child, i) => {
      visit(as[i] as PartNode, child, `${path} > ${nodeName(child, es)}`);
    });
  };

  visit(actual, expected, expected.part ?? expected.tag);
  return lines;
}
