import type { ChatWidgetView, MessageView, WidgetState } from '@cwp/core';
import { applyProps } from '../apply-props.js';
import { createAutoScroll } from '../auto-scroll.js';
import { h, setText } from '../element.js';
import { renderMarkdown } from '../render-markdown.js';

interface MessageNode {
  view: MessageView | null;
  /** The text and format last drawn into the content element. */
  drawn: string;
  frame: number;
  readonly element: HTMLDivElement;
  readonly content: HTMLDivElement;
  readonly status: HTMLDivElement;
  readonly retry: HTMLButtonElement;
}

/**
 * The message log, keyed by message id: a state change touches only the messages whose view
 * changed, and a streaming message redraws at most once per animation frame.
 */
export function createMessageList(doc: Document) {
  const list = h(doc, 'div');
  const typing = h(doc, 'div');
  typing.append(h(doc, 'span'), h(doc, 'span'), h(doc, 'span'));
  list.append(typing);
  const scroll = createAutoScroll(list);
  const nodes = new Map<string, MessageNode>();
  const win = doc.defaultView;
  let messages: readonly MessageView[] | null = null;
  let allowImagesFrom: readonly string[] = [];
  let wasVisible = false;
  let responding = false;

  function draw(node: MessageNode, view: MessageView): void {
    if (node.frame !== 0) win?.cancelAnimationFrame(node.frame);
    node.frame = 0;
    node.drawn = `${view.format}:${view.text}`;
    if (view.format === 'markdown') {
      node.content.replaceChildren(renderMarkdown(doc, view.text, { allowImagesFrom }));
    } else setText(node.content, view.text);
  }

  function drawContent(node: MessageNode, view: MessageView): void {
    if (node.drawn === `${view.format}:${view.text}`) return;
    if (view.status !== 'streaming' || !win) {
      draw(node, view);
      return;
    }
    // Chunks can arrive faster than frames: draw the latest text once per frame.
    if (node.frame === 0) {
      node.frame = win.requestAnimationFrame(() => {
        node.frame = 0;
        if (node.view) draw(node, node.view);
        scroll.update();
      });
    }
  }

  function createNode(): MessageNode {
    const element = h(doc, 'div');
    const content = h(doc, 'div');
    const status = h(doc, 'div');
    const retry = h(doc, 'button');
    element.append(content, status, retry);
    return { view: null, drawn: '', frame: 0, element, content, status, retry };
  }

  return {
    element: list,
    update(view: ChatWidgetView, state: WidgetState): void {
      applyProps(list, view.getMessagesProps());
      applyProps(typing, view.getTypingProps());
      allowImagesFrom = state.config.allowImagesFrom;
      let addedUserMessage = false;
      // Retry buttons are disabled while any reply is in flight.
      const respondingChanged = state.isResponding !== responding;
      responding = state.isResponding;
      if (view.messages !== messages) {
        messages = view.messages;
        const seen = new Set<string>();
        let cursor: ChildNode | null = list.firstChild;
        for (const message of view.messages) {
          seen.add(message.id);
          let node = nodes.get(message.id);
          if (node === undefined) {
            node = createNode();
            nodes.set(message.id, node);
            if (message.role === 'user') addedUserMessage = true;
          }
          if (node.view !== message) {
            applyProps(node.element, view.getMessageProps(message));
            applyProps(node.content, view.getMessageContentProps(message));
            applyProps(node.status, view.getMessageStatusProps(message));
            setText(node.status, message.statusText);
            applyProps(node.retry, view.getRetryButtonProps(message));
            setText(node.retry, view.retryLabel);
            node.view = message;
            drawContent(node, message);
          } else if (respondingChanged) {
            applyProps(node.retry, view.getRetryButtonProps(message));
          }
          if (cursor === node.element) cursor = cursor.nextSibling;
          else list.insertBefore(node.element, cursor ?? typing);
        }
        for (const [id, node] of nodes) {
          if (seen.has(id)) continue;
          if (node.frame !== 0) win?.cancelAnimationFrame(node.frame);
          node.element.remove();
          nodes.delete(id);
        }
      } else if (respondingChanged) {
        for (const message of view.messages) {
          const node = nodes.get(message.id);
          if (node) applyProps(node.retry, view.getRetryButtonProps(message));
        }
      }
      const visible = view.showWindow;
      scroll.update(addedUserMessage || (visible && !wasVisible));
      wasVisible = visible;
    },
    destroy(): void {
      for (const node of nodes.values())
        if (node.frame !== 0) win?.cancelAnimationFrame(node.frame);
      scroll.destroy();
    },
  };
}
