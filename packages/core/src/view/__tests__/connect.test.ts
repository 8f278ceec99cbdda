// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, stateOf } from '../../__tests__/fake-widget.js';
import { getFocusTarget } from '../../dom/focus-target.js';
import { createWidgetDom } from '../../dom/widget-dom.js';
import type { ChatMessage, ChatWidgetApi, WidgetState } from '../../types.js';
import { parts } from '../anatomy.js';
import { messageAttachments } from '../attachment-tree.js';
import { configView } from '../config-view.js';
import { connect } from '../connect.js';
import { icons } from '../icons.js';
import { getIds } from '../ids.js';
import { markdownTree } from '../markdown-tree.js';
import type { RenderElement, RenderNode } from '../render-tree.js';
import type { ChatWidgetView, MessageView, PartProps } from '../types.js';

type Call = [name: string, ...args: unknown[]];

/** Records what the view asked of it; like the real widget, a taken send empties the draft. */
function fakeWidget(initial: WidgetState, { sendTaken = true } = {}) {
  let state = initial;
  const calls: Call[] = [];
  const widget: ChatWidgetApi = {
    getSnapshot: () => state,
    subscribe: () => () => {},
    open: () => void calls.push(['open']),
    close: () => void calls.push(['close']),
    toggle: () => void calls.push(['toggle']),
    send: (text) => {
      calls.push(['send', text]);
      if (sendTaken) state = { ...state, draft: '' };
      return sendTaken;
    },
    retry: (id) => {
      calls.push(['retry', id]);
      return true;
    },
    stop: () => void calls.push(['stop']),
    newSession: () => void calls.push(['newSession']),
    dismissTooltip: () => void calls.push(['dismissTooltip']),
    setDraft: (text) => {
      calls.push(['setDraft', text]);
      state = { ...state, draft: text };
    },
    sendStarterPrompt: (index) => {
      calls.push(['sendStarterPrompt', index]);
      return true;
    },
    copyMessage: async (id) => {
      calls.push(['copyMessage', id]);
      return true;
    },
    copyText: async (text, key) => {
      calls.push(['copyText', text, key]);
      return true;
    },
    chooseButton: (id, index) => {
      calls.push(['chooseButton', id, index]);
      return true;
    },
    setFeedback: (id, value) => {
      calls.push(['setFeedback', id, value]);
      return true;
    },
    setMetadata: () => {},
    setMuted: (muted) => void calls.push(['setMuted', muted]),
    addFiles: (files) => {
      calls.push(['addFiles', Array.from(files).map((f) => f.name)]);
      return true;
    },
    removeFile: (id) => void calls.push(['removeFile', id]),
    setDropActive: (active) => void calls.push(['setDropActive', active]),
    on: () => () => {},
    destroy: () => {},
  };
  return { widget, calls, view: () => connect(state, widget) };
}

/** The DOM mapping documented at the top of connect.ts, as a renderer would do it. */
function applyProps<E extends HTMLElement>(el: E, props: PartProps): E {
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) {
      if (typeof value === 'function')
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'value') (el as unknown as HTMLTextAreaElement).value = String(value ?? '');
    else if (value === true) el.setAttribute(key, '');
    else if (value === false || value === undefined) el.removeAttribute(key);
    else el.setAttribute(key, String(value));
  }
  return el;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: PartProps) {
  return applyProps(document.createElement(tag), props);
}

function message(patch: Partial<ChatMessage> & Pick<ChatMessage, 'id'>): ChatMessage {
  return { role: 'user', text: 'Hello', status: 'done', createdAt: 1, ...patch };
}

function key(init: KeyboardEventInit) {
  return new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
}

/** The view of one message, as a renderer gets it from `view.messages`. */
function viewOf(api: ChatWidgetView, id: string): MessageView {
  const found = api.messages.find((m) => m.id === id);
  if (found === undefined) throw new Error(`no message view ${id}`);
  return found;
}

function elementsIn(nodes: readonly RenderNode[]): RenderElement[] {
  return nodes.flatMap((n) => (typeof n === 'string' ? [] : [n, ...elementsIn(n.children)]));
}

function textIn(nodes: readonly RenderNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : textIn(n.children))).join('');
}

/** A paragraph of plain text, as markdownTree draws a one-line bot reply. */
function paragraph(...children: RenderNode[]): RenderElement {
  return { tag: 'p', attrs: {}, children };
}

describe('floating widget', () => {
  it('shows a bubble button that says it opens the chat and points at the window', () => {
    const api = connect(stateOf(), fakeWidget(stateOf()).widget);
    const bubble = api.getBubbleProps();
    expect(bubble.hidden).toBe(false);
    expect(bubble).toMatchObject({
      'data-scope': 'cwp',
      'data-part': 'bubble',
      type: 'button',
      'aria-label': 'Open chat',
      'aria-expanded': 'false',
      'aria-controls': 'cwp-w1-window',
      'data-state': 'closed',
      hidden: false,
    });
    expect(api.getWindowProps().hidden).toBe(true);
    expect(api.getWindowProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
  });

  it('turns the bubble into a close control and shows a labelled non-modal dialog when open', () => {
    const api = connect(stateOf({ isOpen: true }), fakeWidget(stateOf()).widget);
    expect(api.getBubbleProps()).toMatchObject({
      'aria-label': 'Close chat',
      'aria-expanded': 'true',
      'data-state': 'open',
    });
    expect(api.getWindowProps()).toMatchObject({
      id: 'cwp-w1-window',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'cwp-w1-title',
      'data-type': 'floating',
      'data-state': 'open',
      hidden: false,
    });
    expect(api.getTitleProps().id).toBe('cwp-w1-title');
    expect(api.getCloseButtonProps()).toMatchObject({
      type: 'button',
      'aria-label': 'Close chat',
      hidden: false,
    });
  });

  it('puts type, corner, colour scheme, direction and language on the root', () => {
    const config = configOf({
      bubble: { position: 'bottom-left' },
      theme: { colorScheme: 'dark' },
      dir: 'rtl',
      locale: 'ar',
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf({}, config)).widget);
    expect(api.getRootProps()).toMatchObject({
      'data-scope': 'cwp',
      'data-part': 'root',
      'data-type': 'floating',
      'data-position': 'bottom-left',
      'data-theme': 'dark',
      'data-state': 'closed',
      dir: 'rtl',
      lang: 'ar',
    });
  });

  it('opens and closes from the bubble and the close button', () => {
    const { widget, calls, view } = fakeWidget(stateOf({ isOpen: true }));
    element('button', view().getBubbleProps()).click();
    element('button', view().getCloseButtonProps()).click();
    expect(calls).toEqual([['toggle'], ['close']]);
    expect(widget).toBeDefined();
  });

  it('opens from the tooltip, and its dismiss control hides it without opening the chat', () => {
    const initial = stateOf({ tooltipVisible: true });
    const { calls, view } = fakeWidget(initial);
    const api = view();
    expect(api.getTooltipProps()).toMatchObject({ hidden: false, 'data-state': 'open' });
    expect(api.tooltipText).toBe('Hi there! Need any help?');
    expect(api.getTooltipTextProps()).toEqual({ 'data-scope': 'cwp', 'data-part': 'tooltip-text' });
    const tooltip = element('div', api.getTooltipProps());
    const text = element('span', api.getTooltipTextProps());
    text.textContent = api.tooltipText;
    const dismiss = element('button', api.getTooltipCloseProps());
    tooltip.append(text, dismiss);
    expect(dismiss.getAttribute('aria-label')).toBe('Dismiss');

    dismiss.click();
    expect(calls).toEqual([['dismissTooltip']]);
    tooltip.click();
    expect(calls).toEqual([['dismissTooltip'], ['open']]);
    // Clicking the text opens too: it is part of the tooltip.
    text.click();
    expect(calls).toEqual([['dismissTooltip'], ['open'], ['open']]);
  });

  it('hides the tooltip while the window is open or when the tooltip is turned off', () => {
    const open = connect(
      stateOf({ tooltipVisible: true, isOpen: true }),
      fakeWidget(stateOf()).widget,
    );
    expect(open.getTooltipProps().hidden).toBe(true);
    expect(open.getTooltipProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
    const config = configOf({ tooltip: false });
    const off = connect(stateOf({ tooltipVisible: true }, config), fakeWidget(stateOf()).widget);
    expect(off.getTooltipProps()).toMatchObject({ hidden: true, 'data-state': 'closed' });
    expect(off.tooltipText).toBe('');
    const dismissed = connect(stateOf({ tooltipVisible: false }), fakeWidget(stateOf()).widget);
    expect(dismissed.getTooltipProps().hidden).toBe(true);
  });

  it('closes on Escape, but not while an input method is composing', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const win = element('div', view().getWindowProps());
    const input = element('textarea', view().getInputProps());
    win.append(input);
    input.dispatchEvent(key({ key: 'Escape', isComposing: true }));
    input.dispatchEvent(key({ key: 'Escape', keyCode: 229 }));
    expect(calls).toEqual([]);
    input.dispatchEvent(key({ key: 'Escape' }));
    expect(calls).toEqual([['close']]);
  });

  it('counts unread replies on the bubble and in a badge only while closed', () => {
    const { widget } = fakeWidget(stateOf());
    const closed = connect(stateOf({ unread: 3 }), widget);
    expect(closed.getBubbleProps()['aria-label']).toBe('Open chat, 3 unread messages');
    expect(closed.getUnreadBadgeProps().hidden).toBe(false);
    expect(closed.unreadBadgeText).toBe('3');
    expect(closed.getUnreadBadgeProps()).toMatchObject({
      'data-part': 'unread-badge',
      'aria-hidden': 'true',
      hidden: false,
    });
    const open = connect(stateOf({ unread: 3, isOpen: true }), widget);
    expect(open.getUnreadBadgeProps().hidden).toBe(true);
    expect(open.getBubbleProps()['aria-label']).toBe('Close chat, 3 unread messages');
    expect(connect(stateOf(), widget).getUnreadBadgeProps().hidden).toBe(true);
    expect(connect(stateOf({ unread: 150 }), widget).unreadBadgeText).toBe('99+');
    expect(connect(stateOf(), widget).getBubbleProps()['aria-label']).toBe('Open chat');
  });

  it('moves focus into the input on open and back to the bubble on close', () => {
    const closed = stateOf();
    const opened = stateOf({ isOpen: true });
    expect(getFocusTarget(closed, opened)).toBe('cwp-w1-input');
    expect(getFocusTarget(opened, closed)).toBe('cwp-w1-bubble');
    expect(getFocusTarget(opened, closed, false)).toBeNull();
    expect(getFocusTarget(null, opened)).toBeNull();
    expect(getFocusTarget(opened, opened)).toBeNull();
    // The targets are the ids the view gives the input and the bubble.
    const api = connect(opened, fakeWidget(opened).widget);
    expect(api.getInputProps().id).toBe(getFocusTarget(closed, opened));
    expect(api.getBubbleProps().id).toBe(getFocusTarget(opened, closed));
  });
});

describe.each(['inline', 'fullscreen'] as const)('%s widget', (type) => {
  const config = configOf({ type });

  it('shows the window as a labelled region with no bubble or close button', () => {
    const api = connect(stateOf({}, config), fakeWidget(stateOf({}, config)).widget);
    expect(api.getBubbleProps().hidden).toBe(true);
    expect(api.getWindowProps().hidden).toBe(false);
    expect(api.getWindowProps()['data-state']).toBe('open');
    expect(api.getRootProps()).toMatchObject({ 'data-type': type, 'data-state': 'open' });
    expect(api.getWindowProps()).toMatchObject({
      role: 'region',
      'aria-modal': undefined,
      'aria-labelledby': 'cwp-w1-title',
      'data-type': type,
      hidden: false,
    });
    expect(api.getCloseButtonProps().hidden).toBe(true);
    expect(api.getWindowProps().onKeydown).toBeUndefined();
    expect(getFocusTarget(stateOf({ isOpen: true }, config), stateOf({}, config))).toBeNull();
  });

  it('ignores Escape', () => {
    const { calls, view } = fakeWidget(stateOf({}, config));
    const win = element('div', view().getWindowProps());
    win.dispatchEvent(key({ key: 'Escape' }));
    expect(calls).toEqual([]);
    expect(getFocusTarget(stateOf({}, config), stateOf({ isOpen: true }, config))).toBeNull();
  });
});

describe('composer', () => {
  it('keeps what the visitor types in the draft', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const input = element('textarea', view().getInputProps());
    input.value = 'Hi';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(calls).toEqual([['setDraft', 'Hi']]);
    expect(view().getInputProps().value).toBe('Hi');
  });

  it('reads the draft from the input even when the event was retargeted to a shadow host', () => {
    // Svelte and Solid listen at their mount point: outside a shadow root, `target` is the host.
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    const input = document.createElement('textarea');
    input.value = 'Hi';
    const event = new Event('input', { bubbles: true, composed: true });
    Object.defineProperty(event, 'target', { value: document.body });
    Object.defineProperty(event, 'currentTarget', { value: input });
    view().getInputProps().onInput?.(event);
    expect(calls).toEqual([['setDraft', 'Hi']]);
  });

  it('sends on Enter and empties the input', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'Hello bot' }));
    const input = element('textarea', view().getInputProps());
    const enter = key({ key: 'Enter' });
    input.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    expect(calls).toEqual([['send', 'Hello bot']]);
    expect(view().getInputProps().value).toBe('');
  });

  it('breaks the line on Shift+Enter instead of sending', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'line one' }));
    const input = element('textarea', view().getInputProps());
    const shiftEnter = key({ key: 'Enter', shiftKey: true });
    input.dispatchEvent(shiftEnter);
    expect(shiftEnter.defaultPrevented).toBe(false);
    expect(calls).toEqual([]);
  });

  it('does not send when Enter confirms an input-method composition', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'にほんご' }));
    const input = element('textarea', view().getInputProps());
    const composing = key({ key: 'Enter', isComposing: true });
    const safari = key({ key: 'Enter', keyCode: 229 });
    input.dispatchEvent(composing);
    input.dispatchEvent(safari);
    expect(composing.defaultPrevented).toBe(false);
    expect(safari.defaultPrevented).toBe(false);
    expect(calls).toEqual([]);
  });

  it('sends from the form submit and keeps the text when the send is not taken', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: 'Still here' }), {
      sendTaken: false,
    });
    const form = element('form', view().getComposerProps());
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(calls).toEqual([['send', 'Still here']]);
    expect(view().getInputProps().value).toBe('Still here');
  });

  it('does not send a blank message', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true, draft: '  \n ' }));
    element('textarea', view().getInputProps()).dispatchEvent(key({ key: 'Enter' }));
    expect(calls).toEqual([]);
  });

  it('disables the send button while the input is blank or a reply is coming', () => {
    const { widget } = fakeWidget(stateOf());
    const send = (patch: Partial<WidgetState>) =>
      connect(stateOf({ isOpen: true, ...patch }), widget).getSendButtonProps();
    expect(send({ draft: '' }).disabled).toBe(true);
    expect(send({ draft: '   ' }).disabled).toBe(true);
    expect(send({ draft: 'Hi', isResponding: true }).disabled).toBe(true);
    expect(send({ draft: 'Hi', status: 'loading' }).disabled).toBe(true);
    expect(send({ draft: 'Hi' })).toMatchObject({
      type: 'submit',
      'aria-label': 'Send',
      disabled: false,
    });
  });

  it('labels the input and asks for a send key on touch keyboards', () => {
    const api = connect(stateOf({ isOpen: true }), fakeWidget(stateOf()).widget);
    expect(api.getInputProps()).toMatchObject({
      id: 'cwp-w1-input',
      'aria-label': 'Message',
      placeholder: 'Type your message…',
      enterkeyhint: 'send',
      'aria-describedby': undefined,
    });
  });

  it('offers a stop control only while a reply is coming', () => {
    const { calls, widget } = fakeWidget(stateOf());
    const idle = connect(stateOf({ isOpen: true }), widget);
    expect(idle.getStopButtonProps().hidden).toBe(true);
    const busy = connect(stateOf({ isOpen: true, isResponding: true }), widget);
    expect(busy.getStopButtonProps().hidden).toBe(false);
    const stop = element('button', busy.getStopButtonProps());
    expect(stop.getAttribute('aria-label')).toBe('Stop responding');
    stop.click();
    expect(calls).toEqual([['stop']]);
  });
});

describe('messages', () => {
  const failed = message({ id: 'm1', text: 'Where is my order?', status: 'failed' });
  const reply = message({ id: 'm2', role: 'bot', text: 'Let me   check\nthat', status: 'done' });
  const cut = message({
    id: 'm3',
    role: 'bot',
    text: 'Your order is',
    status: 'incomplete',
    error: { kind: 'bot_error', messageKey: 'error.bot_error', message: '', detail: '' },
  });

  it('is a polite log that reports itself busy while a reply streams in', () => {
    const { widget } = fakeWidget(stateOf());
    const idle = connect(stateOf({ isOpen: true, messages: [reply] }), widget);
    expect(idle.getMessagesProps()).toMatchObject({
      role: 'log',
      'aria-live': 'polite',
      'aria-relevant': 'additions',
      'aria-busy': 'false',
      id: 'cwp-w1-messages',
    });
    const streaming = message({ id: 'm4', role: 'bot', text: 'Hel', status: 'streaming' });
    const busy = connect(stateOf({ isOpen: true, messages: [reply, streaming] }), widget);
    expect(busy.getMessagesProps()['aria-busy']).toBe('true');
  });

  it('marks each message with its author and delivery status', () => {
    const api = connect(stateOf({ messages: [failed, reply] }), fakeWidget(stateOf()).widget);
    // The visitor's text is drawn as text; the bot's markdown as elements.
    expect(api.messages.map((m) => [m.id, m.role, m.status, m.content])).toEqual([
      ['m1', 'user', 'failed', ['Where is my order?']],
      [
        'm2',
        'bot',
        'done',
        [paragraph('Let me   check', { tag: 'br', attrs: {}, children: [] }, 'that')],
      ],
    ]);
    expect(api.messages.map((m) => api.getMessageProps(m)['data-role'])).toEqual(['user', 'bot']);
    expect(api.getMessageProps(viewOf(api, 'm1'))).toMatchObject({
      'data-part': 'message',
      id: 'cwp-w1-msg-m1',
      'data-role': 'user',
      'data-status': 'failed',
    });
    expect(api.getMessageContentProps(viewOf(api, 'm2'))).toMatchObject({
      'data-part': 'message-content',
      id: 'cwp-w1-msg-m2-content',
      dir: 'auto',
    });
  });

  it('draws bot markdown as elements and the visitor’s text as text, images only from allowed origins', () => {
    const config = configOf({ allowImagesFrom: ['https://cdn.acme.test'] });
    const user = message({ id: 'u', text: '**not bold** <b>x</b>' });
    const bot = message({
      id: 'b',
      role: 'bot',
      text: '**bold** ![ok](https://cdn.acme.test/a.png) ![leak](https://evil.test/b.png)',
    });
    const state = stateOf({ messages: [user, bot] }, config);
    const api = connect(state, fakeWidget(state).widget);
    expect(viewOf(api, 'u')).toMatchObject({
      id: 'u',
      role: 'user',
      status: 'done',
      content: ['**not bold** <b>x</b>'],
      statusText: '',
      retryText: 'Retry',
    });
    const reply = viewOf(api, 'b');
    expect(reply).toMatchObject({ id: 'b', role: 'bot', status: 'done', statusText: '' });
    const found = elementsIn(reply.content);
    expect(found.map((e) => e.tag)).toEqual(['p', 'strong', 'img']);
    expect(found[2]?.attrs).toEqual({
      src: 'https://cdn.acme.test/a.png',
      alt: 'ok',
      loading: 'lazy',
      referrerpolicy: 'no-referrer',
    });
    // The image from elsewhere is left as its alt text.
    expect(textIn(reply.content)).toContain('leak');
    expect(textIn(reply.content)).not.toContain('evil.test');
  });

  it('marks a failed message "Not delivered" and an interrupted reply as interrupted', () => {
    const api = connect(stateOf({ messages: [failed, reply, cut] }), fakeWidget(stateOf()).widget);
    const [f, r, c] = api.messages;
    expect(f?.statusText).toBe('Not delivered.');
    expect(c?.statusText).toBe('The reply was interrupted.');
    expect(r?.statusText).toBe('');
    expect(api.getMessageStatusProps(f!)).toMatchObject({
      'data-part': 'message-status',
      id: 'cwp-w1-msg-m1-status',
      'data-status': 'failed',
      hidden: false,
    });
    expect(api.getMessageStatusProps(r!).hidden).toBe(true);
    expect(api.getMessageStatusProps(c!).hidden).toBe(false);
  });

  it('offers retry only on failed and interrupted messages, naming the message', () => {
    const { calls, widget } = fakeWidget(stateOf());
    const api = connect(stateOf({ messages: [failed, reply, cut] }), widget);
    expect(api.messages.map((m) => api.getRetryButtonProps(m).hidden)).toEqual([
      false,
      true,
      false,
    ]);
    expect(api.messages.map((m) => m.retryText)).toEqual(['Retry', 'Retry', 'Retry']);
    const retry = element('button', api.getRetryButtonProps(api.messages[0]!));
    expect(retry.getAttribute('aria-label')).toBe('Retry: Where is my order?');
    expect(retry.getAttribute('aria-describedby')).toBe('cwp-w1-msg-m1-status');
    retry.click();
    element('button', api.getRetryButtonProps(viewOf(api, 'm3'))).click();
    expect(calls).toEqual([
      ['retry', 'm1'],
      ['retry', 'm3'],
    ]);
  });

  it('shortens a long message in the retry label', () => {
    const long = message({ id: 'm9', text: 'word '.repeat(30), status: 'failed' });
    const api = connect(stateOf({ messages: [long] }), fakeWidget(stateOf()).widget);
    const label = api.getRetryButtonProps(viewOf(api, 'm9'))['aria-label'] ?? '';
    expect(label.startsWith('Retry: word word')).toBe(true);
    expect(label.endsWith('…')).toBe(true);
    expect(label.length).toBeLessThanOrEqual('Retry: '.length + 40);
  });

  it('disables retry while another reply is coming', () => {
    const { widget } = fakeWidget(stateOf());
    const api = connect(stateOf({ messages: [failed], isResponding: true }), widget);
    expect(api.getRetryButtonProps(viewOf(api, 'm1')).disabled).toBe(true);
    const idle = connect(stateOf({ messages: [failed] }), widget);
    expect(idle.getRetryButtonProps(viewOf(idle, 'm1')).disabled).toBe(false);
  });

  it('shows a typing indicator that screen readers announce', () => {
    const { widget } = fakeWidget(stateOf());
    expect(connect(stateOf({ isTyping: false }), widget).getTypingProps().hidden).toBe(true);
    const api = connect(stateOf({ isTyping: true, isResponding: true }), widget);
    expect(api.getTypingProps().hidden).toBe(false);
    expect(api.getTypingProps()['aria-label']).toBe('Typing…');
    // The dots are decoration inside the labelled status.
    expect(api.getTypingDotProps()).toEqual({ 'data-scope': 'cwp', 'data-part': 'typing-dot' });
    expect(api.getTypingProps()).toMatchObject({
      role: 'status',
      'aria-label': 'Typing…',
      hidden: false,
    });
  });

  it('reuses unchanged messages and handlers while a reply streams, so only one message redraws', () => {
    const config = configOf();
    const { widget } = fakeWidget(stateOf({}, config));
    const first = message({ id: 'b', role: 'bot', text: 'Hel', status: 'streaming' });
    const before = connect(stateOf({ messages: [failed, first] }, config), widget);
    const next = { ...first, text: 'Hello' };
    const list = [failed, next];
    const after = connect(stateOf({ messages: list }, config), widget);
    expect(after.messages[0]).toBe(before.messages[0]);
    expect(after.messages[0]?.content).toBe(before.messages[0]?.content);
    expect(after.messages[1]).not.toBe(before.messages[1]);
    expect(before.messages[1]?.content).toEqual([paragraph('Hel')]);
    expect(after.messages[1]?.content).toEqual([paragraph('Hello')]);
    expect(after.getInputProps().onKeydown).toBe(before.getInputProps().onKeydown);
    expect(after.getBubbleProps().onClick).toBe(before.getBubbleProps().onClick);
    expect(after.getRetryButtonProps(after.messages[0]!).onClick).toBe(
      before.getRetryButtonProps(before.messages[0]!).onClick,
    );
    // The same list again (a state change elsewhere) gives the same array.
    const again = connect(stateOf({ messages: list, isOpen: true }, config), widget);
    expect(again.messages).toBe(after.messages);
  });
});

describe('errors and status', () => {
  const timeout = {
    kind: 'timeout',
    messageKey: 'error.timeout',
    message: 'The chat service took too long to answer. Please try again.',
    detail: 'no reply in 30000 ms',
  } as const;

  it('announces an error as an alert and ties it to the input', () => {
    const api = connect(stateOf({ isOpen: true, error: timeout }), fakeWidget(stateOf()).widget);
    expect(api.getErrorProps().hidden).toBe(false);
    expect(api.errorText).toBe('The chat service took too long to answer. Please try again.');
    expect(api.getErrorProps()).toMatchObject({ id: 'cwp-w1-error', role: 'alert', hidden: false });
    expect(api.getInputProps()['aria-describedby']).toBe('cwp-w1-error');
  });

  it('shows online, typing and offline in the header status', () => {
    const { widget } = fakeWidget(stateOf());
    const online = connect(stateOf(), widget);
    expect([online.presenceText, online.getStatusProps()['data-status']]).toEqual([
      'Online',
      'online',
    ]);
    const busy = connect(stateOf({ isResponding: true }), widget);
    expect(busy.presenceText).toBe('Typing…');
    const offline = connect(
      stateOf({ error: { ...timeout, kind: 'offline', messageKey: 'error.offline' } }),
      widget,
    );
    expect([offline.presenceText, offline.getStatusProps()['data-status']]).toEqual([
      'Offline',
      'offline',
    ]);
    const hidden = configOf({ header: { showStatus: false } });
    expect(connect(stateOf({}, hidden), widget).getStatusProps().hidden).toBe(true);
  });
});

describe('translations and branding', () => {
  it('takes every visible and spoken text from the configured messages', () => {
    const config = configOf({
      messages: {
        openChat: 'Ouvrir le chat',
        unread: '{count} non lus',
        inputLabel: 'Votre message',
        inputPlaceholder: 'Écrivez…',
        send: 'Envoyer',
        stop: 'Arrêter',
        retry: 'Réessayer',
        retryMessage: 'Réessayer : {text}',
        bubbleUnread: '{label} — {unread}',
        typing: 'Écrit…',
        messageFailed: 'Non envoyé.',
        newSession: 'Nouvelle conversation',
        closeChat: 'Fermer',
        dismissTooltip: 'Masquer',
        'error.timeout': 'Trop long.',
        title: 'Aide',
        poweredBy: 'Propulsé par nous',
        tooltip: 'Bonjour !',
        statusOnline: 'En ligne',
        statusOffline: 'Hors ligne',
      },
    });
    const failed = message({ id: 'x', text: 'Salut', status: 'failed' });
    const state = stateOf(
      {
        unread: 2,
        messages: [failed],
        error: {
          kind: 'timeout',
          messageKey: 'error.timeout',
          message: 'English text',
          detail: '',
        },
      },
      config,
    );
    const api = connect(state, fakeWidget(state).widget);
    expect(api.getBubbleProps()['aria-label']).toBe('Ouvrir le chat — 2 non lus');
    expect(api.getInputProps()).toMatchObject({
      'aria-label': 'Votre message',
      placeholder: 'Écrivez…',
    });
    expect(api.getSendButtonProps()['aria-label']).toBe('Envoyer');
    expect(api.getStopButtonProps()['aria-label']).toBe('Arrêter');
    expect(api.getRetryButtonProps(viewOf(api, 'x'))['aria-label']).toBe('Réessayer : Salut');
    expect(api.messages[0]?.retryText).toBe('Réessayer');
    expect(api.getTypingProps()['aria-label']).toBe('Écrit…');
    expect(api.messages[0]?.statusText).toBe('Non envoyé.');
    expect(api.getNewSessionButtonProps()['aria-label']).toBe('Nouvelle conversation');
    expect(api.getCloseButtonProps()['aria-label']).toBe('Fermer');
    expect(api.getTooltipCloseProps()['aria-label']).toBe('Masquer');
    expect(api.errorText).toBe('Trop long.');
    expect(api.title).toBe('Aide');
    expect(api.footerText).toBe('Propulsé par nous');
    expect(api.tooltipText).toBe('Bonjour !');
    // The send failed: the header no longer says online.
    expect(api.presenceText).toBe('Hors ligne');
  });

  it('shows the configured header: title, subtitle and avatar', () => {
    const config = configOf({
      header: { title: 'Acme', subtitle: 'We reply fast', avatar: 'https://acme.test/a.png' },
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect([api.title, api.subtitle, api.getAvatarProps().src]).toEqual([
      'Acme',
      'We reply fast',
      'https://acme.test/a.png',
    ]);
    expect(api.getHeaderTextProps()).toEqual({ 'data-scope': 'cwp', 'data-part': 'header-text' });
    expect(api.getSubtitleProps().hidden).toBe(false);
    expect(api.getAvatarProps()).toMatchObject({
      src: 'https://acme.test/a.png',
      alt: '',
      hidden: false,
    });
    const plain = connect(stateOf(), fakeWidget(stateOf()).widget);
    expect(plain.getAvatarProps()).toMatchObject({ src: undefined, hidden: true });
    expect(plain.getSubtitleProps().hidden).toBe(true);
  });

  it('applies theme tokens as --cwp-* custom properties on the root', () => {
    const customProperties = (el: HTMLElement) =>
      Array.from({ length: el.style.length }, (_, i) => el.style.item(i))
        .filter((name) => name.startsWith('--cwp-'))
        .sort();
    const config = configOf({ theme: { tokens: { primary: '#0a84ff', radius: '12px' } } });
    const { widget } = fakeWidget(stateOf({}, config));
    const api = connect(stateOf({}, config), widget);
    // Not a prop (a style attribute would need CSP style-src): createWidgetDom sets them.
    expect('style' in api.getRootProps()).toBe(false);
    const root = element('div', api.getRootProps());
    const dom = createWidgetDom(widget);
    dom.attach(root);
    expect(customProperties(root)).toEqual(['--cwp-primary', '--cwp-radius']);
    expect(root.style.getPropertyValue('--cwp-primary')).toBe('#0a84ff');
    expect(root.style.getPropertyValue('--cwp-radius')).toBe('12px');
    dom.destroy();

    const plainWidget = fakeWidget(stateOf()).widget;
    const plainRoot = element('div', connect(stateOf(), plainWidget).getRootProps());
    const plainDom = createWidgetDom(plainWidget);
    plainDom.attach(plainRoot);
    expect(customProperties(plainRoot)).toEqual([]);
    plainDom.destroy();
  });

  it('opens footer links in a new tab without handing over the page', () => {
    const config = configOf({
      footer: {
        text: 'Made by Acme',
        links: [
          { label: 'Privacy', href: 'https://acme.test/privacy' },
          { label: 'Mail', href: 'mailto:help@acme.test' },
        ],
      },
    });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect(api.getFooterProps().hidden).toBe(false);
    expect(api.footerText).toBe('Made by Acme');
    expect(api.getFooterTextProps().hidden).toBe(false);
    expect(api.footerLinks.map((l) => l.label)).toEqual(['Privacy', 'Mail']);
    const link = element('a', api.getFooterLinkProps(api.footerLinks[0]!));
    expect(link.getAttribute('href')).toBe('https://acme.test/privacy');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(
      api.getFooterLinkProps({ label: 'x', href: 'javascript:alert(1)' }).href,
    ).toBeUndefined();
  });

  it('removes the footer when it is turned off', () => {
    const config = configOf({ footer: false });
    const api = connect(stateOf({}, config), fakeWidget(stateOf()).widget);
    expect(api.footerLinks).toEqual([]);
    expect(api.footerText).toBe('');
    expect(api.getFooterProps().hidden).toBe(true);
    expect(api.getFooterTextProps().hidden).toBe(true);
  });

  it('starts a new conversation from the header', () => {
    const { calls, view } = fakeWidget(stateOf({ isOpen: true }));
    element('button', view().getNewSessionButtonProps()).click();
    expect(calls).toEqual([['newSession']]);
  });
});

describe('ids and anatomy', () => {
  /** Every part's props, in anatomy order (the icon part comes from `icons`, not a getter). */
  function codeCopyAttrs(): PartProps {
    const [block] = markdownTree('```\nx\n```', { copyLabel: 'Copy code' });
    const button = typeof block === 'object' ? block.children[0] : undefined;
    if (typeof button !== 'object') throw new Error('expected a code block with a copy button');
    return button.attrs as unknown as PartProps;
  }

  /** message-error, message-buttons and message-button: n8n's JSON messages, in the content. */
  function buttonMessageAttrs(): PartProps[] {
    const bot = message({
      id: 'b1',
      role: 'bot',
      botError: true,
      buttons: [{ text: 'Yes', type: 'primary' }],
    });
    const state = stateOf({ messages: [bot] });
    const [error, group] = connect(state, fakeWidget(state).widget).messages[0]!
      .content as RenderElement[];
    const button = group!.children[0] as RenderElement;
    return [error!.attrs, group!.attrs, button.attrs] as unknown as PartProps[];
  }

  const chip = { id: 'f1', name: 'a.png', content: [] };
  /** message-attachments, message-attachment, attachment-preview, -name and -size, in order. */
  function attachmentTreeAttrs(): PartProps[] {
    const files = [{ name: 'a.png', size: 1, type: 'image/png' }];
    const list = messageAttachments(files, ['blob:x'], 'en') as RenderElement;
    const item = list.children[0] as RenderElement;
    return [list, item, ...(item.children as RenderElement[])].map(
      (node) => node.attrs as unknown as PartProps,
    );
  }

  function allProps(api: ChatWidgetView, msg: MessageView): PartProps[] {
    const link = { label: 'a', href: 'https://a.test' };
    return [
      api.getRootProps(),
      api.getTooltipProps(),
      api.getTooltipAvatarProps(),
      api.getTooltipTextProps(),
      api.getTooltipCloseProps(),
      api.getBubbleProps(),
      api.getUnreadBadgeProps(),
      api.getWindowProps(),
      api.getHeaderProps(),
      api.getAvatarProps(),
      api.getHeaderTextProps(),
      api.getTitleProps(),
      api.getSubtitleProps(),
      api.getStatusProps(),
      api.getMuteButtonProps(),
      api.getNewSessionButtonProps(),
      api.getCloseButtonProps(),
      api.getMessagesProps(),
      api.getMessageProps(msg),
      api.getMessageContentProps(msg),
      // Not a getter: with header.avatar, the first node of a bot message's content.
      configView(configOf({ header: { avatar: 'https://a.test/a.png' } })).botAvatar!
        .attrs as unknown as PartProps,
      // Nor these: the files a visitor's message carried, in its render tree.
      ...attachmentTreeAttrs(),
      // Not a getter either: the copy button a code block's render tree carries.
      codeCopyAttrs(),
      ...buttonMessageAttrs(),
      api.getMessageStatusProps(msg),
      api.getRetryButtonProps(msg),
      api.getMessageActionsProps(msg),
      api.getCopyReplyProps(msg),
      api.getFeedbackUpProps(msg),
      api.getFeedbackDownProps(msg),
      api.getTypingProps(),
      api.getTypingDotProps(),
      api.getStarterPromptsProps(),
      api.getStarterPromptProps(0),
      api.getErrorProps(),
      api.getAttachmentsProps(),
      api.getAttachmentProps(chip),
      api.getAttachmentRemoveProps(chip),
      api.getComposerProps(),
      api.getAttachButtonProps(),
      api.getFileInputProps(),
      api.getInputProps(),
      api.getStopButtonProps(),
      api.getSendButtonProps(),
      api.getFooterProps(),
      api.getFooterTextProps(),
      api.getFooterLinkProps(link),
    ];
  }

  it('gives every anatomy part, in order, its scope and part name', () => {
    const msg = message({ id: 'm1' });
    const api = connect(stateOf({ messages: [msg] }), fakeWidget(stateOf()).widget);
    const props = allProps(api, viewOf(api, 'm1'));
    const icon = icons.chat.attrs;
    expect([...props.map((p) => p['data-part']), icon['data-part']]).toEqual([...parts]);
    for (const p of [...props, icon]) expect(p['data-scope']).toBe('cwp');
  });

  it('puts no style attribute on any part (theme tokens are not props)', () => {
    const config = configOf({ theme: { tokens: { primary: '#0a84ff' } } });
    const msg = message({ id: 'm1', status: 'failed' });
    const state = stateOf({ messages: [msg], isOpen: true }, config);
    const api = connect(state, fakeWidget(state).widget);
    for (const p of allProps(api, viewOf(api, 'm1'))) expect(Object.keys(p)).not.toContain('style');
  });

  it('keeps each part’s attribute names the same in every state, so stale attributes get cleared', () => {
    const msg = message({ id: 'm1', status: 'failed' });
    const { widget } = fakeWidget(stateOf());
    const quietApi = connect(stateOf({ messages: [msg] }), widget);
    const quiet = allProps(quietApi, viewOf(quietApi, 'm1'));
    const busyApi = connect(
      stateOf({
        messages: [msg],
        isOpen: true,
        isResponding: true,
        isTyping: true,
        unread: 2,
        draft: 'x',
        error: { kind: 'network', messageKey: 'error.network', message: '', detail: '' },
      }),
      widget,
    );
    const busy = allProps(busyApi, viewOf(busyApi, 'm1'));
    expect(busy.map((p) => Object.keys(p))).toEqual(quiet.map((p) => Object.keys(p)));
  });

  it('keeps two widgets on one page from sharing any element id', () => {
    const a = getIds('alpha');
    const b = getIds('beta');
    const aIds = Object.values(a);
    expect(new Set(aIds).size).toBe(aIds.length);
    for (const id of Object.values(b)) expect(aIds).not.toContain(id);
    expect(a.window).toBe('cwp-alpha-window');
    const other = configOf({ id: 'beta' });
    const msg = message({ id: 'same' });
    const apiA = connect(stateOf({ messages: [msg] }), fakeWidget(stateOf()).widget);
    const apiB = connect(
      stateOf({ messages: [msg] }, other),
      fakeWidget(stateOf({}, other)).widget,
    );
    expect(apiA.getMessageProps(viewOf(apiA, 'same')).id).toBe('cwp-w1-msg-same');
    expect(apiB.getMessageProps(viewOf(apiB, 'same')).id).toBe('cwp-beta-msg-same');
  });

  it('keeps message ids usable in aria references whatever the bot sends as an id', () => {
    const odd = message({ id: 'a b"<c>', status: 'failed' });
    const api = connect(stateOf({ messages: [odd] }), fakeWidget(stateOf()).widget);
    const oddView = viewOf(api, 'a b"<c>');
    const id = api.getMessageProps(oddView).id ?? '';
    expect(id).toMatch(/^cwp-w1-msg-[\w-]+$/);
    expect(api.getRetryButtonProps(oddView)['aria-describedby']).toBe(`${id}-status`);
    expect(api.getMessageStatusProps(oddView).id).toBe(`${id}-status`);
    // The view keeps the message's own id, for retry and for keyed lists.
    expect(oddView.id).toBe('a b"<c>');
  });
});
