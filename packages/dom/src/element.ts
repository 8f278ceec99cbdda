import type { RenderNode } from '@cwp/core';

/** `document.createElement` in the widget's document. */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
): HTMLElementTagNameMap[K] {
  return doc.createElement(tag);
}

/** Replaces an element's text only when it differs. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Core's render tree (message content, icons) as nodes: elements and text, never HTML. */
export function drawTree(doc: Document, node: RenderNode): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const { xmlns } = node.attrs;
  const element = xmlns ? doc.createElementNS(xmlns, node.tag) : doc.createElement(node.tag);
  for (const name of Object.keys(node.attrs))
    element.setAttribute(name, node.attrs[name] as string);
  for (const child of node.children) element.appendChild(drawTree(doc, child));
  return element;
}
