import { parseMarkdown } from '../markdown/parse.js';
import type { BlockToken, InlineToken, MarkdownOptions } from '../markdown/tokens.js';
import { element, type RenderNode } from './render-tree.js';

const codeLanguage = /^[\w+#.-]+$/;

/**
 * Bot markdown → render tree. URLs were judged by the parser (safe schemes, `allowImagesFrom`);
 * links open in a new tab with no opener or referrer, images load lazily with no referrer.
 */
export function markdownTree(markdown: string, options: MarkdownOptions = {}): RenderNode[] {
  return parseMarkdown(markdown, options).map(block);
}

function block(token: BlockToken): RenderNode {
  switch (token.type) {
    case 'paragraph':
      return element('p', inline(token.children));
    case 'heading':
      // Bold text, not <h1>…<h6>: a bot's heading levels must not reorder the host page's outline.
      return element('p', [element('strong', inline(token.children))], {
        'data-heading': String(token.level),
      });
    case 'code_block':
      return element('pre', [
        element(
          'code',
          [token.text],
          codeLanguage.test(token.lang) ? { 'data-lang': token.lang } : undefined,
        ),
      ]);
    case 'list':
      return element(
        token.ordered ? 'ol' : 'ul',
        token.items.map(listItem),
        token.ordered && token.start !== 1 ? { start: String(token.start) } : undefined,
      );
    case 'blockquote':
      return element('blockquote', token.children.map(block));
    case 'rule':
      return element('hr');
  }
}

function listItem(item: readonly BlockToken[]): RenderNode {
  // A one-paragraph item reads best without the paragraph's margins.
  const only = item.length === 1 ? item[0] : undefined;
  return element('li', only?.type === 'paragraph' ? inline(only.children) : item.map(block));
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
