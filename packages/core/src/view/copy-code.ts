import type { Messages } from '../i18n/messages.js';
import type { ChatWidgetApi } from '../types.js';
import { partSelector } from './anatomy.js';
import { getMessageId } from './ids.js';
import { markdownTree } from './markdown-tree.js';
import { element, type RenderElement, type RenderNode } from './render-tree.js';
import type { MessageView } from './types.js';

/**
 * Code blocks' copy buttons (drawn in the render tree, see markdown-tree.ts) go through the
 * widget's one "Copied" state: a click copies the block's code with `widget.copyText`, keyed
 * `<messageId>:code:<n>` (n: the block's place in the message, in reading order), and while
 * `state.copied` holds that key the view draws the button saying "Copied".
 */

const codeKey = ':code:';

/** The `state.copied` key of a message's nth code block. */
export function codeCopyKey(messageId: string, index: number): string {
  return `${messageId}${codeKey}${index}`;
}

const isCodeBlock = (node: RenderElement): boolean =>
  node.tag === 'div' && node.attrs['data-code'] !== undefined;

/** The tree with its nth code block (reading order) changed by `change`; the same array if it has none. */
function withCodeBlock(
  nodes: readonly RenderNode[],
  target: { n: number },
  change: (block: RenderElement) => RenderElement,
): readonly RenderNode[] {
  for (let i = 0; i < nodes.length && target.n >= 0; i++) {
    const node = nodes[i] as RenderNode;
    if (typeof node !== 'object') continue;
    let next: RenderElement = node;
    if (isCodeBlock(node)) {
      if (target.n-- === 0) next = change(node);
    } else {
      const children = withCodeBlock(node.children, target, change);
      if (children !== node.children) next = { ...node, children };
    }
    if (next !== node) {
      const copy = nodes.slice();
      copy[i] = next;
      return copy;
    }
  }
  return nodes;
}

/** A message's nth code block's code, or undefined when it has none. */
export function codeBlockText(markdown: string, index: number): string | undefined {
  let text: string | undefined;
  withCodeBlock(markdownTree(markdown, { copyLabel: '' }), { n: index }, (block) => {
    const code = (block.children[1] as RenderElement | undefined)?.children[0];
    text = typeof code === 'object' ? code.children.join('') : undefined;
    return block;
  });
  return text;
}

const copiedViews = new WeakMap<MessageView, { key: string; view: MessageView }>();

/** The views with the just-copied code block's button saying "Copied"; the same list otherwise. */
export function withCodeCopied(
  views: readonly MessageView[],
  copied: string | null,
  m: Messages,
): readonly MessageView[] {
  const at = copied?.lastIndexOf(codeKey) ?? -1;
  if (copied === null || at === -1) return views;
  const id = copied.slice(0, at);
  const n = Number(copied.slice(at + codeKey.length));
  const index = views.findIndex((view) => view.id === id);
  if (index === -1 || !Number.isInteger(n)) return views;
  const view = views[index] as MessageView;
  let cached = copiedViews.get(view);
  if (cached?.key !== copied) {
    const content = withCodeBlock(view.content, { n }, (block) => {
      const [button, ...rest] = block.children as RenderElement[];
      const said = element('button', [m.copied], { ...button!.attrs, 'data-state': 'copied' });
      return { ...block, children: [said, ...rest] };
    });
    cached = { key: copied, view: content === view.content ? view : { ...view, content } };
    copiedViews.set(view, cached);
  }
  if (cached.view === view) return views;
  const next = views.slice();
  next[index] = cached.view;
  return next;
}

/**
 * The message content's click handler for code blocks' copy buttons. Delegated, so renderers need
 * no code of their own; the path, not `target`, because a framework may listen outside a shadow root.
 */
export function copyCodeFromClick(widget: ChatWidgetApi, event: Event): void {
  const path = event.composedPath() as Partial<Element>[];
  const part = (name: string) => path.find((node) => node.getAttribute?.('data-part') === name);
  const button = part('code-copy') as Element | undefined;
  const content = part('message-content') as Element | undefined;
  if (button === undefined || content === undefined) return;
  const n = [...content.querySelectorAll(partSelector('code-copy'))].indexOf(button);
  const state = widget.getSnapshot();
  const message = state.messages.find(
    (m) => `${getMessageId(state.config.id, m.id)}-content` === content.id,
  );
  const text = message && codeBlockText(message.text, n);
  if (message === undefined || text === undefined) return;
  void widget.copyText(text, codeCopyKey(message.id, n));
}
