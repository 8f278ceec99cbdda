import { parseMarkdown } from '../markdown/parse.js';
import type { BlockToken, InlineToken, MarkdownOptions, TableAlign } from '../markdown/tokens.js';
import { partAttributes } from './anatomy.js';
import { element, type RenderNode } from './render-tree.js';

const codeLanguage = /^[\w+#.-]+$/;

export interface TreeOptions extends MarkdownOptions {
  /** The code blocks' copy button's label; no button without it. */
  readonly copyLabel?: string;
}

/**
 * Bot markdown → render tree. URLs were judged by the parser (safe schemes, `allowImagesFrom`);
 * links open in a new tab with no opener or referrer, images load lazily with no referrer.
 */
export function markdownTree(markdown: string, options: TreeOptions = {}): RenderNode[] {
  const label = options.copyLabel;
  // While a block's code is "Copied" the view draws its button saying so (copy-code.ts).
  const copy =
    label !== undefined &&
    element('button', [label], { ...partAttributes('code-copy'), type: 'button' });
  const block = (token: BlockToken): RenderNode => {
    if (token.type === 'list') return list(token, block);
    if (token.type !== 'code_block') return otherBlock(token, block);
    const pre = element('pre', [
      element(
        'code',
        [token.text],
        codeLanguage.test(token.lang) ? { 'data-lang': token.lang } : undefined,
      ),
    ]);
    return copy ? element('div', [copy, pre], { 'data-code': '' }) : pre;
  };
  return parseMarkdown(markdown, options).map(block);
}

type Draw = (token: BlockToken) => RenderNode;

function otherBlock(token: Exclude<BlockToken, { type: 'list' | 'code_block' }>, block: Draw) {
  switch (token.type) {
    case 'paragraph':
      return element('p', inline(token.children));
    case 'heading':
      // Bold text, not <h1>…<h6>: a bot's heading levels must not reorder the host page's outline.
      return element('p', [element('strong', inline(token.children))], {
        'data-heading': String(token.level),
      });
    case 'table':
      // The wrapper scrolls sideways inside the bubble; focusable, so keys can scroll it too.
      return element(
        'div',
        [
          element('table', [
            element('thead', [element('tr', token.head.map(cell('th', token.align)))]),
            element(
              'tbody',
              token.rows.map((row) => element('tr', row.map(cell('td', token.align)))),
            ),
          ]),
        ],
        { 'data-table': '', tabindex: '0' },
      );
    case 'blockquote':
      return element('blockquote', token.children.map(block));
    case 'rule':
      return element('hr');
  }
}

function cell(tag: 'th' | 'td', align: readonly TableAlign[]) {
  return (children: readonly InlineToken[], column: number): RenderNode => {
    const side = align[column];
    return element(tag, inline(children), side ? { 'data-align': side } : undefined);
  };
}

function list(token: BlockToken & { type: 'list' }, block: Draw): RenderNode {
  const items = token.items.map((item, index) => {
    // A one-paragraph item reads best without the paragraph's margins.
    const only = item.length === 1 ? item[0] : undefined;
    const task = token.tasks?.[index];
    if (task === undefined) {
      return element('li', only?.type === 'paragraph' ? inline(only.children) : item.map(block));
    }
    // A read-only checkbox, named by the item's first paragraph through its label.
    const box = element('input', [], {
      type: 'checkbox',
      disabled: 'disabled',
      ...(task ? { checked: 'checked' } : {}),
    });
    const [first, ...rest] = item;
    const text = first?.type === 'paragraph' ? inline(first.children) : [];
    const blocks = first?.type === 'paragraph' ? rest : item;
    return element('li', [element('label', [box, ' ', ...text]), ...blocks.map(block)], {
      'data-task': task ? 'checked' : 'unchecked',
    });
  });
  return element(
    token.ordered ? 'ol' : 'ul',
    items,
    token.ordered && token.start !== 1 ? { start: String(token.start) } : undefined,
  );
}

function inline(tokens: readonly InlineToken[]): RenderNode[] {
  return tokens.map(inlineNode);
}

function inlineNode(token: InlineToken): RenderNode {
  switch (token.type) {
    case 'text':
      return token.text;
    case 'break':
      return element('br');
    case 'code':
      return element('code', [token.text]);
    case 'strong':
    case 'em':
    case 'del':
      return element(token.type, inline(token.children));
    case 'link':
      return element('a', inline(token.children), {
        href: token.href,
        rel: 'noopener noreferrer',
        target: '_blank',
      });
    case 'image':
      return element('img', [], {
        src: token.src,
        alt: token.alt,
        loading: 'lazy',
        referrerpolicy: 'no-referrer',
      });
  }
}
