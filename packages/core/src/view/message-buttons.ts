import type { ResolvedConfig } from '../config/resolved-config.js';
import { parseBotMessage } from '../protocol/bot-message.js';
import { buttonEndpoint, buttonTarget } from '../session/button-action.js';
import type { ChatMessage, ChatWidgetApi } from '../types.js';
import { partAttributes } from './anatomy.js';
import { cached } from './cached.js';
import { copyCodeFromClick } from './copy-code.js';
import { element, type RenderElement, type RenderNode } from './render-tree.js';
import { contentTree } from './streamed-markdown.js';
import type { MessageView } from './types.js';

/**
 * n8n's button and error messages, drawn inside the message content as render-tree elements, so
 * every renderer draws them with the code it has for content. A click reaches core through the
 * content's delegated handler (`chooseButtonFromClick`).
 */

const withButtons = new WeakMap<MessageView, MessageView>();

function buttonsGroup(message: ChatMessage, config: ResolvedConfig): RenderElement {
  const endpoint = buttonEndpoint(config);
  const chosen = message.chosen;
  // The stored log is read back as it was written; a damaged entry draws no button.
  const listed = Array.isArray(message.buttons) ? message.buttons : [];
  const buttons = listed.flatMap((button, index) => {
    if (typeof button?.text !== 'string') return [];
    const { action } = buttonTarget(button, endpoint);
    return element('button', [button.text], {
      ...partAttributes('message-button'),
      type: 'button',
      'data-index': String(index),
      'data-type': button.type === 'secondary' ? 'secondary' : 'primary',
      'data-action': action,
      'aria-pressed': chosen === index ? 'true' : 'false',
      ...(chosen === index ? { 'data-state': 'chosen' } : {}),
      // One choice per message: once made, every button is off ('disabled', not '': Solid sets it as
      // a property, where '' would mean enabled).
      ...(chosen !== undefined ? { disabled: 'disabled' } : {}),
    });
  });
  return element('div', buttons, {
    ...partAttributes('message-buttons'),
    role: 'group',
    'data-message': message.id,
    ...(message.blockUserInput && chosen === undefined ? { 'data-blocking': '' } : {}),
  });
}

function isAvatar(node: RenderNode | undefined): node is RenderElement {
  return typeof node === 'object' && node.attrs['data-part'] === 'message-avatar';
}

function drawn(view: MessageView, message: ChatMessage, config: ResolvedConfig): MessageView {
  const avatar = isAvatar(view.content[0]) ? [view.content[0]] : [];
  let body: readonly RenderNode[] = view.content.slice(avatar.length);
  // A whole reply is read when it ends; until then (one render) its JSON would show as text.
  if (message.status === 'streaming') {
    const parsed = parseBotMessage(message.text);
    if (parsed === undefined) return view;
    const m = config.messages;
    const options = {
      allowImagesFrom: config.allowImagesFrom,
      copyLabel: m.copyCode,
    };
    body = contentTree(parsed.text, options).nodes;
  }
  if (message.botError) body = [element('div', body, { ...partAttributes('message-error') })];
  const extra =
    message.buttons && message.buttons.length > 0 ? [buttonsGroup(message, config)] : [];
  return { ...view, content: [...avatar, ...body, ...extra] };
}

const special = (m: ChatMessage) =>
  m.role === 'bot' &&
  (m.buttons !== undefined ||
    m.botError === true ||
    (m.status === 'streaming' && m.text.trimStart().startsWith('{')));

/** The views with buttons and bot errors drawn; the same list (and views) when none has any. */
export function withMessageButtons(
  views: readonly MessageView[],
  messages: readonly ChatMessage[],
  config: ResolvedConfig,
): readonly MessageView[] {
  let next: MessageView[] | undefined;
  views.forEach((view, i) => {
    const message = messages[i];
    if (message === undefined || message.id !== view.id || !special(message)) return;
    let shown = withButtons.get(view);
    if (shown === undefined) {
      shown = drawn(view, message, config);
      withButtons.set(view, shown);
    }
    if (shown === view) return;
    next ??= views.slice();
    next[i] = shown;
  });
  return next ?? views;
}

/** The message content's click handler for its buttons (delegated: renderers need no code). */
export function chooseButtonFromClick(widget: ChatWidgetApi, event: Event): void {
  const path = event.composedPath() as Partial<Element>[];
  const part = (name: string) => path.find((node) => node.getAttribute?.('data-part') === name);
  const button = part('message-button');
  const group = part('message-buttons');
  const id = group?.getAttribute?.('data-message');
  const index = Number(button?.getAttribute?.('data-index'));
  if (button === undefined || id == null || !Number.isInteger(index)) return;
  const state = widget.getSnapshot();
  const chosen = state.messages.find((m) => m.id === id)?.buttons?.[index];
  if (chosen === undefined || !widget.chooseButton(id, index)) return;
  const target = buttonTarget(chosen, buttonEndpoint(state.config));
  // Another origin's link is never fetched: the visitor's browser opens it, with no opener.
  if (target.action === 'open' && target.url !== undefined)
    globalThis.open?.(target.url, '_blank', 'noopener,noreferrer');
}

const contentClicks = new WeakMap<ChatWidgetApi, (event: MouseEvent) => void>();

/** The message content's one click handler: code blocks' copy buttons and message buttons. */
export function contentClickOf(widget: ChatWidgetApi): (event: MouseEvent) => void {
  return cached(contentClicks, widget, () => (event) => {
    copyCodeFromClick(widget, event);
    chooseButtonFromClick(widget, event);
  });
}
