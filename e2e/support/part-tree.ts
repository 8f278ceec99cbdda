/**
 * The widget's anatomy as data: every `data-part` element, nested as drawn, with its tag, its
 * attributes and its text. Two renderers that draw the same DOM serialise to the same tree, so the
 * conformance suite compares each renderer's tree with the DOM renderer's (the goldens).
 */
import type { Locator } from '@playwright/test';

/** Message content and icons: core's render trees, kept whole (tags, attributes, exact text). */
export type ContentNode = string | ContentElement;

export interface ContentElement {
  tag: string;
  /** Set for elements outside the HTML namespace (an SVG icon drawn as HTML would not show). */
  ns?: string;
  attrs: Record<string, string>;
  children: ContentNode[];
}

export interface PartNode {
  /** Absent on an element without `data-part` (a wrapper no renderer should add). */
  part?: string;
  tag: string;
  ns?: string;
  /** Every attribute but `style` (theme variables, set by core's behaviours on every renderer). */
  attrs: Record<string, string>;
  /** The element's own text nodes, whitespace collapsed. */
  text?: string;
  /** The value property of a form field (the composer's draft, controlled by the view). */
  value?: string;
  /** message-content and icon: the whole subtree. */
  content?: ContentNode[];
  children?: PartNode[];
}

/**
 * Runs in the page: serialises `root` until two reads a couple of frames apart agree, so a
 * renderer that draws on the next frame or microtask is read once it has drawn.
 */
function readSettledTree(root: Element): Promise<PartNode> {
  const htmlNs = 'http://www.w3.org/1999/xhtml';
  const wholeSubtree = new Set(['message-content', 'icon']);

  const attrsOf = (el: Element): Record<string, string> => {
    const attrs: Record<string, string> = {};
    for (const name of el.getAttributeNames().sort()) {
      if (name !== 'style') attrs[name] = el.getAttribute(name) ?? '';
    }
    return attrs;
  };
  const nsOf = (el: Element) =>
    el.namespaceURI === htmlNs ? {} : { ns: el.namespaceURI === null ? '' : el.namespaceURI };

  const contentOf = (el: Element): ContentNode[] => {
    const out: ContentNode[] = [];
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const text = child.nodeValue ?? '';
        if (text === '') continue;
        // Adjacent text nodes read as one: how a renderer splits text is not visible.
        const last = out[out.length - 1];
        if (typeof last === 'string') out[out.length - 1] = last + text;
        else out.push(text);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const element = child as Element;
        out.push({
          tag: element.localName,
          ...nsOf(element),
          attrs: attrsOf(element),
          children: contentOf(element),
        });
      }
    }
    return out;
  };

  const partOf = (el: Element): PartNode => {
    const part = el.getAttribute('data-part');
    const node: PartNode = {
      ...(part === null ? {} : { part }),
      tag: el.localName,
      ...nsOf(el),
      attrs: attrsOf(el),
    };
    if (part !== null && wholeSubtree.has(part)) {
      node.content = contentOf(el);
      return node;
    }
    let text = '';
    const children: PartNode[] = [];
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.nodeValue ?? '';
      else if (child.nodeType === Node.ELEMENT_NODE) children.push(partOf(child as Element));
    }
    text = text.replace(/\s+/g, ' ').trim();
    if (text !== '') node.text = text;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) node.value = el.value;
    if (children.length > 0) node.children = children;
    return node;
  };

  const frames = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    );

  return (async () => {
    let previous = JSON.stringify(partOf(root));
    for (let i = 0; i < 50; i++) {
      await frames();
      const next = JSON.stringify(partOf(root));
      if (next === previous) return JSON.parse(next) as PartNode;
      previous = next;
    }
    throw new Error('The widget kept changing: no settled tree to compare.');
  })();
}

export interface NormaliseOptions {
  /** Origins that differ per run (the fixture server's port), each written as the given name. */
  origins?: Record<string, string>;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isoTimestamp =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;

/**
 * Replaces what differs between runs: each message id (in element ids and the attributes that
 * point at them) becomes its ordinal in the log (`m1`, `m2`…), any other random id `uuid-<n>`,
 * timestamps `<timestamp>`, and the test servers' origins a fixed name.
 */
export function normaliseTree(tree: PartNode, options: NormaliseOptions = {}): PartNode {
  const messageIds: string[] = [];
  const collect = (node: PartNode) => {
    const id = node.attrs.id;
    const match = node.part === 'message' && id ? /-msg-(.+)$/.exec(id) : null;
    if (match?.[1] && !messageIds.includes(match[1])) messageIds.push(match[1]);
    for (const child of node.children ?? []) collect(child);
  };
  collect(tree);
  // Longest first, so `-msg-initial-1` never rewrites part of `-msg-initial-10`.
  const byLength = messageIds
    .map((id, i) => ({ id, name: `m${i + 1}` }))
    .sort((a, b) => b.id.length - a.id.length);
  const uuids = new Map<string, string>();
  const origins = Object.entries(options.origins ?? {});

  const text = (value: string): string => {
    let out = value;
    for (const [origin, name] of origins) out = out.split(origin).join(name);
    for (const { id, name } of byLength) out = out.split(`-msg-${id}`).join(`-msg-${name}`);
    out = out.replace(uuid, (found) => {
      const key = found.toLowerCase();
      let name = uuids.get(key);
      if (name === undefined) {
        name = `uuid-${uuids.size + 1}`;
        uuids.set(key, name);
      }
      return name;
    });
    return out.replace(isoTimestamp, '<timestamp>');
  };
  const attrs = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, text(v)]));
  const content = (node: ContentNode): ContentNode =>
    typeof node === 'string'
      ? text(node)
      : { ...node, attrs: attrs(node.attrs), children: node.children.map(content) };
  const part = (node: PartNode): PartNode => ({
    ...node,
    attrs: attrs(node.attrs),
    ...(node.text === undefined ? {} : { text: text(node.text) }),
    ...(node.value === undefined ? {} : { value: text(node.value) }),
    ...(node.content === undefined ? {} : { content: node.content.map(content) }),
    ...(node.children === undefined ? {} : { children: node.children.map(part) }),
  });
  return part(tree);
}

/** The widget's part tree, once its renderer has finished drawing, normalised for comparison. */
export async function partTree(root: Locator, options: NormaliseOptions = {}): Promise<PartNode> {
  return normaliseTree(await root.evaluate(readSettledTree), options);
}
