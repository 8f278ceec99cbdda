import {
  type ChatWidgetView,
  icons,
  type MessageView,
  type PartProps,
  type RenderNode,
} from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { drawTree, h, setText } from '../element.js';

interface MessageNode {
  view: MessageView | null;
  readonly element: HTMLDivElement;
  readonly content: HTMLDivElement;
  readonly status: HTMLDivElement;
  readonly retry: HTMLButtonElement;
  /** message-actions and its copy-reply, feedback-up and feedback-down buttons. */
  readonly actions: readonly [
    HTMLDivElement,
    HTMLButtonElement,
    HTMLButtonElement,
    HTMLButtonElement,
  ];
  /** The props last put on element, content, status, retry and the actions. */
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
  const actions = [h(doc, 'div'), h(doc, 'button'), h(doc, 'button'), h(doc, 'button')] as const;
  actions[2].append(drawTree(doc, icons['thumb-up']));
  actions[3].append(drawTree(doc, icons['thumb-down']));
  actions[0].append(actions[1], actions[2], actions[3]);
  element.append(content, status, retry, actions[0]);
  return {
    view: null,
    element,
    content,
    status,
    retry,
    actions,
    props: [null, null, null, null, null, null, null, null],
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
        apply(node, 4, node.actions[0], view.getMessageActionsProps(message));
        apply(node, 5, node.actions[1], view.getCopyReplyProps(message));
        apply(node, 6, node.actions[2], view.getFeedbackUpProps(message));
        apply(node, 7, node.actions[3], view.getFeedbackDownProps(message));
        if (node.view !== message) {
          if (node.drawn !== message.content) drawContent(doc, node, message.content);
          setText(node.status, message.statusText);
          setText(node.retry, message.retryText);
          setText(node.actions[1], message.copyText);
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
