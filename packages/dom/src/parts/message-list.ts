import type { ChatWidgetView, MessageView } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

interface MessageNode {
  view: MessageView | null;
  readonly element: HTMLDivElement;
  readonly content: HTMLDivElement;
  readonly status: HTMLDivElement;
  readonly retry: HTMLButtonElement;
}

function createNode(doc: Document): MessageNode {
  const element = h(doc, 'div');
  const content = h(doc, 'div');
  const status = h(doc, 'div');
  const retry = h(doc, 'button');
  element.append(content, status, retry);
  return { view: null, element, content, status, retry };
}

/** The message log, keyed by message id: content is redrawn only when a message changed. */
export function createMessageList(doc: Document) {
  const list = h(doc, 'div');
  const typing = h(doc, 'div');
  const dots = [h(doc, 'span'), h(doc, 'span'), h(doc, 'span')];
  typing.append(...dots);
  list.append(typing);
  const nodes = new Map<string, MessageNode>();

  return {
    element: list,
    update(view: ChatWidgetView): void {
      applyProps(list, view.getMessagesProps());
      applyProps(typing, view.getTypingProps());
      for (const dot of dots) applyProps(dot, view.getTypingDotProps());
      const seen = new Set<string>();
      let cursor: ChildNode | null = list.firstChild;
      for (const message of view.messages) {
        seen.add(message.id);
        let node = nodes.get(message.id);
        if (node === undefined) {
          node = createNode(doc);
          nodes.set(message.id, node);
        }
        applyProps(node.element, view.getMessageProps(message));
        applyProps(node.content, view.getMessageContentProps(message));
        applyProps(node.status, view.getMessageStatusProps(message));
        applyProps(node.retry, view.getRetryButtonProps(message));
        if (node.view?.content !== message.content)
          node.content.replaceChildren(...message.content.map((n) => drawTree(doc, n)));
        setText(node.status, message.statusText);
        setText(node.retry, message.retryText);
        node.view = message;
        if (cursor === node.element) cursor = cursor.nextSibling;
        else list.insertBefore(node.element, cursor ?? typing);
      }
      for (const [id, node] of nodes) {
        if (seen.has(id)) continue;
        node.element.remove();
        nodes.delete(id);
      }
    },
  };
}
