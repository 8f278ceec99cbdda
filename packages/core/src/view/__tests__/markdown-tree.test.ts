import { type HostileReply, hostileReplies } from '@cwp/bot';
import { describe, expect, it } from 'vitest';
import { markdownTree } from '../markdown-tree.js';
import type { RenderElement, RenderNode } from '../render-tree.js';

const cases = hostileReplies;
const imageOrigin = 'https://cdn.example.com';
const safeUrl = /^(https?:|mailto:|tel:)/;
/** Elements that would run code, restyle or navigate the page, or load from anywhere. */
const forbiddenTags =
  /^(script|style|iframe|frame|frameset|form|base|svg|math|textarea|select|object|embed|link|meta|template|video|audio|source)$/i;
const copyLabel = 'Copy code';
/** Every tag markdownTree may produce. */
const allowedTags = new Set([
  'p',
  'strong',
  'em',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'a',
  'img',
  'del',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'label',
  'input',
  'button',
  'span',
]);

function text(c: HostileReply): string {
  return c.text ?? c.raw ?? '';
}

/** Every element in the tree, depth first (a loop, not recursion: a reply may nest deeply). */
function elementsIn(nodes: readonly RenderNode[]): RenderElement[] {
  const found: RenderElement[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') continue;
    found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

function textIn(node: RenderNode): string {
  return typeof node === 'string' ? node : node.children.map(textIn).join('');
}

function only(nodes: readonly RenderNode[], tag: string): RenderElement[] {
  return elementsIn(nodes).filter((e) => e.tag === tag);
}

describe('bot markdown as a render tree', () => {
  it('draws formatting, lists, code and links that open safely in a new tab', () => {
    const tree = markdownTree(
      '**bold** _em_ `code`\n\n- a\n- b\n\n```\n<b>x</b>\n```\n\n[site](https://example.com)',
    );
    expect(only(tree, 'strong').map(textIn)).toEqual(['bold']);
    expect(only(tree, 'em').map(textIn)).toEqual(['em']);
    expect(only(tree, 'li').map(textIn)).toEqual(['a', 'b']);
    const [pre] = only(tree, 'pre');
    expect(pre?.children).toEqual([{ tag: 'code', attrs: {}, children: ['<b>x</b>'] }]);
    const links = only(tree, 'a');
    expect(links).toHaveLength(1);
    expect(links[0]?.attrs).toEqual({
      href: 'https://example.com/',
      rel: 'noopener noreferrer',
      target: '_blank',
    });
    expect(textIn(links[0]!)).toBe('site');
  });

  it('keeps a single-paragraph list item free of a paragraph, and numbers from the start given', () => {
    const [list] = markdownTree('3. three\n4. four');
    expect(list).toEqual({
      tag: 'ol',
      attrs: { start: '3' },
      children: [
        { tag: 'li', attrs: {}, children: ['three'] },
        { tag: 'li', attrs: {}, children: ['four'] },
      ],
    });
    expect(markdownTree('1. one')[0]).toMatchObject({ tag: 'ol', attrs: {} });
  });

  it('draws headings as bold paragraphs, so a bot cannot reorder the page outline', () => {
    const tree = markdownTree('# Title\n\n### Smaller');
    expect(tree).toEqual([
      {
        tag: 'p',
        attrs: { 'data-heading': '1' },
        children: [{ tag: 'strong', attrs: {}, children: ['Title'] }],
      },
      {
        tag: 'p',
        attrs: { 'data-heading': '3' },
        children: [{ tag: 'strong', attrs: {}, children: ['Smaller'] }],
      },
    ]);
    expect(elementsIn(tree).some((e) => /^h\d$/.test(e.tag))).toBe(false);
  });

  it('names a code block’s language only when it is a plain word', () => {
    expect(only(markdownTree('```ts\nlet a\n```'), 'code')[0]?.attrs).toEqual({
      'data-lang': 'ts',
    });
    expect(only(markdownTree('```"onclick=x\nlet a\n```'), 'code')[0]?.attrs).toEqual({});
  });

  it('loads images only from allowed origins, lazily and without a referrer', () => {
    const markdown = `![ok](${imageOrigin}/a.png) ![leak](http://127.0.0.1:9/leak.png?q=SECRET)`;
    expect(only(markdownTree(markdown), 'img')).toEqual([]);
    const tree = markdownTree(markdown, { allowImagesFrom: [imageOrigin] });
    expect(only(tree, 'img')).toEqual([
      {
        tag: 'img',
        attrs: {
          src: `${imageOrigin}/a.png`,
          alt: 'ok',
          loading: 'lazy',
          referrerpolicy: 'no-referrer',
        },
        children: [],
      },
    ]);
    expect(JSON.stringify(tree)).not.toContain('127.0.0.1');
  });

  for (const c of cases) {
    for (const allowImagesFrom of [[], [imageOrigin]]) {
      const images = allowImagesFrom.length === 0 ? 'no images allowed' : 'images from one CDN';
      it(`draws the hostile reply "${c.id}" (${images}) without markup, handlers or bad URLs`, () => {
        const all = elementsIn(markdownTree(text(c), { allowImagesFrom, copyLabel }));
        for (const el of all) {
          expect(el.tag).not.toMatch(forbiddenTags);
          expect(allowedTags.has(el.tag)).toBe(true);
          for (const [name, value] of Object.entries(el.attrs)) {
            expect(name).not.toMatch(/^on/i);
            expect(name).not.toMatch(/^(style|srcdoc|formaction|action|xmlns|id|name)$/i);
            if (name === 'href') expect(value).toMatch(safeUrl);
            if (name === 'src') expect(value.startsWith(`${imageOrigin}/`)).toBe(true);
          }
          if (el.tag === 'a') {
            expect(el.attrs.rel).toBe('noopener noreferrer');
            expect(el.attrs.target).toBe('_blank');
          }
          if (el.tag === 'img') expect(el.attrs.referrerpolicy).toBe('no-referrer');
          // The only controls: a disabled checkbox and core's own copy button.
          if (el.tag === 'input') {
            expect(el.attrs).toMatchObject({ type: 'checkbox', disabled: 'disabled' });
            expect(el.children).toEqual([]);
          }
          if (el.tag === 'button') {
            expect(el.attrs).toEqual({
              'data-scope': 'cwp',
              'data-part': 'code-copy',
              type: 'button',
            });
          }
        }
        if (allowImagesFrom.length === 0) expect(all.filter((e) => e.tag === 'img')).toEqual([]);
      });
    }
  }

  it('draws a table with header cells, column alignment and a scrolling wrapper', () => {
    const [wrapper] = markdownTree('| a | b |\n|:-:|--:|\n| *1* | 2 |');
    expect(wrapper).toEqual({
      tag: 'div',
      attrs: { 'data-table': '', tabindex: '0' },
      children: [
        {
          tag: 'table',
          attrs: {},
          children: [
            {
              tag: 'thead',
              attrs: {},
              children: [
                {
                  tag: 'tr',
                  attrs: {},
                  children: [
                    { tag: 'th', attrs: { 'data-align': 'center' }, children: ['a'] },
                    { tag: 'th', attrs: { 'data-align': 'right' }, children: ['b'] },
                  ],
                },
              ],
            },
            {
              tag: 'tbody',
              attrs: {},
              children: [
                {
                  tag: 'tr',
                  attrs: {},
                  children: [
                    {
                      tag: 'td',
                      attrs: { 'data-align': 'center' },
                      children: [{ tag: 'em', attrs: {}, children: ['1'] }],
                    },
                    { tag: 'td', attrs: { 'data-align': 'right' }, children: ['2'] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('draws strikethrough as del', () => {
    expect(markdownTree('~~gone~~ kept')).toEqual([
      { tag: 'p', attrs: {}, children: [{ tag: 'del', attrs: {}, children: ['gone'] }, ' kept'] },
    ]);
  });

  it('draws task items as read-only checkboxes labelled by the item’s text', () => {
    const [list] = markdownTree('- [x] done\n- [ ] **todo**\n- plain');
    expect(list).toEqual({
      tag: 'ul',
      attrs: {},
      children: [
        {
          tag: 'li',
          attrs: { 'data-task': 'checked' },
          children: [
            {
              tag: 'label',
              attrs: {},
              children: [
                {
                  tag: 'input',
                  attrs: { type: 'checkbox', disabled: 'disabled', checked: 'checked' },
                  children: [],
                },
                ' ',
                'done',
              ],
            },
          ],
        },
        {
          tag: 'li',
          attrs: { 'data-task': 'unchecked' },
          children: [
            {
              tag: 'label',
              attrs: {},
              children: [
                { tag: 'input', attrs: { type: 'checkbox', disabled: 'disabled' }, children: [] },
                ' ',
                { tag: 'strong', attrs: {}, children: ['todo'] },
              ],
            },
          ],
        },
        { tag: 'li', attrs: {}, children: ['plain'] },
      ],
    });
  });

  it('puts a copy button beside each code block when given its label', () => {
    expect(only(markdownTree('```\nx\n```'), 'button')).toEqual([]);
    const [block] = markdownTree('```sh\nnpm i\n```', { copyLabel });
    expect(block).toEqual({
      tag: 'div',
      attrs: { 'data-code': '' },
      children: [
        {
          tag: 'button',
          attrs: { 'data-scope': 'cwp', 'data-part': 'code-copy', type: 'button' },
          children: ['Copy code'],
        },
        {
          tag: 'pre',
          attrs: {},
          children: [{ tag: 'code', attrs: { 'data-lang': 'sh' }, children: ['npm i'] }],
        },
      ],
    });
  });
});
