import { type BlockToken, type InlineToken, type MarkdownOptions, parseMarkdown } from '@cwp/core';

/**
 * Bot markdown → DOM nodes, built with createElement and text nodes only: nothing from the
 * network is ever parsed as HTML. Links open in a new tab without an opener or referrer.
 */
export function renderMarkdown(
  doc: Document,
  markdown: string,
  options: MarkdownOptions = {},
): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  appendBlocks(doc, fragment, parseMarkdown(markdown, options));
  return fragment;
}

function appendBlocks(doc: Document, parent: Node, blocks: readonly BlockToken[]): void {
  for (const block of blocks) parent.appendChild(blockNode(doc, block));
}

function blockNode(doc: Document, block: BlockToken): Node {
  switch (block.type) {
    case 'paragraph': {
      const p = doc.createElement('p');
      appendInline(doc, p, block.children);
      return p;
    }
    case 'heading': {
      // Bold text, not <h1>…<h6>: a bot's heading levels must not reorder the host page's outline.
      const p = doc.createElement('p');
      p.setAttribute('data-heading', String(block.level));
      const strong = doc.createElement('strong');
      appendInline(doc, strong, block.children);
      p.appendChild(strong);
      return p;
    }
    case 'code_block': {
      const pre = doc.createElement('pre');
      const code = doc.createElement('code');
      if (/^[\w+#.-]+$/.test(block.lang)) code.setAttribute('data-lang', block.lang);
      code.textContent = block.text;
      pre.appendChild(code);
      return pre;
    }
    case 'list': {
      const list = doc.createElement(block.ordered ? 'ol' : 'ul');
      if (block.ordered && block.start !== 1) list.setAttribute('start', String(block.start));
      for (const item of block.items) {
        const li = doc.createElement('li');
        // A one-paragraph item reads best without the paragraph's margins.
        const only = item.length === 1 ? item[0] : undefined;
        if (only?.type === 'paragraph') appendInline(doc, li, only.children);
        else appendBlocks(doc, li, item);
        list.appendChild(li);
      }
      return list;
    }
    case 'blockquote': {
      const quote = doc.createElement('blockquote');
      appendBlocks(doc, quote, block.children);
      return quote;
    }
    case 'rule':
      return doc.createElement('hr');
  }
}

function appendInline(doc: Document, parent: Node, tokens: readonly InlineToken[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        parent.appendChild(doc.createTextNode(token.text));
        break;
      case 'break':
        parent.appendChild(doc.createElement('br'));
        break;
      case 'code': {
        const code = doc.createElement('code');
        code.textContent = token.text;
        parent.appendChild(code);
        break;
      }
      case 'strong':
      case 'em': {
        const element = doc.createElement(token.type);
        appendInline(doc, element, token.children);
        parent.appendChild(element);
        break;
      }
      case 'link': {
        const a = doc.createElement('a');
        a.setAttribute('href', token.href);
        a.setAttribute('rel', 'noopener noreferrer');
        a.setAttribute('target', '_blank');
        appendInline(doc, a, token.children);
        parent.appendChild(a);
        break;
      }
      case 'image': {
        const img = doc.createElement('img');
        img.setAttribute('src', token.src);
        img.setAttribute('alt', token.alt);
        img.setAttribute('loading', 'lazy');
        img.setAttribute('referrerpolicy', 'no-referrer');
        parent.appendChild(img);
        break;
      }
    }
  }
}
