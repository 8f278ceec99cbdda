// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, message, stateOf } from '../../__tests__/fake-widget.js';
import { connect } from '../connect.js';
import type { RenderElement, RenderNode } from '../render-tree.js';
import { element, fakeWidget, viewOf } from './connect-fixtures.js';

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
