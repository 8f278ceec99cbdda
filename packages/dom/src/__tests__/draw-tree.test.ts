// @vitest-environment happy-dom
import { hostileReplies } from '@cwp/bot';
import { icons, markdownTree, type RenderNode } from '@cwp/core';
import { describe, expect, it } from 'vitest';
import { drawTree } from '../element.js';

const xhtml = 'http://www.w3.org/1999/xhtml';
const svg = 'http://www.w3.org/2000/svg';

/** Checks that `node` is exactly what the tree describes: tags, namespaces, attributes, text. */
function expectDrawn(node: Node, tree: RenderNode, path = 'root'): void {
  if (typeof tree === 'string') {
    expect(node.nodeType, path).toBe(Node.TEXT_NODE);
    expect((node as Text).data, path).toBe(tree);
    return;
  }
  expect(node.nodeType, path).toBe(Node.ELEMENT_NODE);
  const element = node as Element;
  expect(element.localName, path).toBe(tree.tag);
  expect(element.namespaceURI, path).toBe(tree.attrs.xmlns ?? xhtml);
  const attrs = Object.fromEntries(
    element.getAttributeNames().map((n) => [n, element.getAttribute(n)]),
  );
  expect(attrs, path).toEqual(tree.attrs);
  expect(element.childNodes.length, path).toBe(tree.children.length);
  tree.children.forEach((child, i) => {
    expectDrawn(element.childNodes[i]!, child, `${path} > ${tree.tag}[${i}]`);
  });
}

const sample = [
  '# Order status',
  '',
  '**bold** _em_ `code` and a [link](https://example.com)',
  'second line',
  '',
  '3. three',
  '4. four',
  '',
  '> quoted',
  '',
  '```ts',
  '<b>not markup</b>',
  '```',
  '',
  '---',
  '',
  '![logo](https://cdn.example.com/logo.png)',
].join('\n');

describe('drawTree', () => {
  it('draws a markdown tree as the same elements, attributes and text', () => {
    const tree = markdownTree(sample, { allowImagesFrom: ['https://cdn.example.com'] });
    const tags = new Set<string>();
    const collect = (n: RenderNode) => {
      if (typeof n === 'string') return;
      tags.add(n.tag);
      n.children.forEach(collect);
    };
    tree.forEach(collect);
    // The sample exercises every element markdownTree makes.
    expect([...tags].sort()).toEqual(
      ['a', 'blockquote', 'br', 'code', 'em', 'hr', 'img', 'li', 'ol', 'p', 'pre', 'strong'].sort(),
    );
    for (const [i, node] of tree.entries()) {
      expectDrawn(drawTree(document, node), node, `block ${i}`);
    }
  });

  it('draws text as text, never as markup', () => {
    const node = drawTree(document, '<img src=x onerror="window.__pwned=1">');
    expect(node.nodeType).toBe(Node.TEXT_NODE);
    const container = document.createElement('div');
    container.append(node);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror="window.__pwned=1">');
  });

  it.each(Object.keys(icons) as (keyof typeof icons)[])(
    'draws the %s icon in the SVG namespace',
    (name) => {
      const drawn = drawTree(document, icons[name]) as Element;
      expectDrawn(drawn, icons[name]);
      expect(drawn.namespaceURI).toBe(svg);
      expect(drawn.firstElementChild?.namespaceURI).toBe(svg);
      expect(drawn.getAttribute('data-icon')).toBe(name);
    },
  );

  it('draws every hostile reply without elements that run code or handlers', () => {
    for (const reply of hostileReplies) {
      const container = document.createElement('div');
      for (const node of markdownTree(reply.text ?? reply.raw ?? ''))
        container.append(drawTree(document, node));
      expect(
        container.querySelectorAll('script,style,iframe,form,base,svg,img,input,object,embed'),
        reply.id,
      ).toHaveLength(0);
      for (const el of container.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) expect(attr, reply.id).not.toMatch(/^on/i);
        const href = el.getAttribute('href');
        if (href !== null) expect(href, reply.id).toMatch(/^(https?:|mailto:|tel:)/);
      }
    }
  });
});
