import type { ChatWidgetView, MessageView, PartProps, RenderNode } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

interface MessageNode {
  view: MessageView | null;
  readonly element: HTMLDivElement;
  readonly content: HTMLDivElement;
  readonly status: HTMLDivElement;
  readonly retry: HTMLButtonElement;
  /** The props last put on element, content, status and retry. */
  readonly props: (PartProps | null)[];
  /** The top-level content nodes drawn, and what each was drawn as. */
  drawn: readonly RenderNode[];
  drawnAs: Node[];
}

function createNode(doc: Document): MessageNode {
  const element = h(doc, 'div');
  const content = h(doc, 'div');
  const status = h(doc, 'div');
  const retry = h(doc, 'button');
  element.append(content, status, retry);
  return {
    view: null,
    element,
    content,
    status,
    retry,
    props: [null, null, null, null],
    drawn: [],
    drawnAs: [],
  };
}

/** Props are the same object while a part is unchanged (core caches them per message). */
function apply(node: MessageNode, index: number, element: Element, props: PartProps): void {
  if (node.props[index] === props) return;
  applyProps(element, props);
  node.props[index] = props;
}

/**
 * Redraws content from the first top-level node that changed: a streamed reply keeps the nodes
 * of its finished blocks, so only its tail is drawn again.
 */
function drawContent(doc: Document, node: MessageNode, content: readonly RenderNode[]): void {
  let same = 0;
  while (same < content.length && same < node.drawn.length && content[same] === node.drawn[same])
    same++;
  for (const stale of node.drawnAs.splice(same)) node.content.removeChild(stale);
  for (let i = same; i < content.length; i++) {
    const drawn = drawTree(doc, content[i] as RenderNode);
    node.content.appendChild(drawn);
    node.drawnAs.push(drawn);
  }
  node.drawn = content;
}

/** The message log, keyed by message id: only what changed in a message is drawn again. */
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
        apply(node, 0, node.element, view.getMessageProps(message));
        apply(node, 1, node.content, view.getMessageContentProps(message));
        apply(node, 2, node.status, view.getMessageStatusProps(message));
        apply(node, 3, node.retry, view.getRetryButtonProps(message));
        if (node.view !== message) {
          if (node.drawn !== message.content) drawContent(doc, node, message.content);
          setText(node.status, message.statusText);
          setText(node.retry, message.retryText);
          node.view = message;
        }
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
