import { describe, expect, it, vi } from 'vitest';
import { fakeWidget, message, stateOf } from '../../__tests__/fake-widget.js';
import { subscribeForDrawing } from '../../dom/subscribe-for-drawing.js';
import type { ChatMessage, WidgetState } from '../../types.js';
import { connect } from '../connect.js';
import { historyPage, historyWindow } from '../history-window.js';

function history(count: number, prefix = 'm'): ChatMessage[] {
  return Array.from({ length: count }, (_, i) =>
    message({ id: `${prefix}${i}`, role: i % 2 === 0 ? 'user' : 'bot', text: `${prefix} ${i}` }),
  );
}

const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);

/** An enabled window, as `createWidgetDom` leaves it. */
function windowOf() {
  const window = historyWindow({});
  window.enable();
  return window;
}

describe('history window', () => {
  it('draws every message until the DOM behaviours turn it on (a headless UI sees them all)', () => {
    const messages = history(500);
    const { widget } = fakeWidget(stateOf({ type: 'inline', messages }));
    expect(connect(widget.getSnapshot(), widget).messages).toHaveLength(500);
  });

  it('opens a long history at its newest messages and reveals older ones, in order, to the first', () => {
    const window = windowOf();
    const messages = history(2000);
    const state = stateOf({ type: 'inline', messages });
    expect(ids(window.shown(state))).toEqual(ids(messages.slice(2000 - historyPage)));
    expect(window.hasEarlier).toBe(true);

    const listener = vi.fn();
    window.subscribe(listener);
    let reveals = 0;
    while (window.showEarlier()) {
      reveals++;
      const shown = window.shown(state);
      expect(shown).toEqual(messages.slice(Math.max(0, 2000 - historyPage * (reveals + 1))));
    }
    expect(reveals).toBe(Math.ceil(2000 / historyPage) - 1);
    expect(listener).toHaveBeenCalledTimes(reveals);
    expect(window.shown(state)).toBe(messages);
    expect(window.hasEarlier).toBe(false);
    expect(window.showEarlier()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(reveals);
  });

  it('keeps what was revealed while new messages arrive and a reply streams', () => {
    const window = windowOf();
    const messages = history(300);
    window.shown(stateOf({ type: 'inline', messages }));
    window.showEarlier();
    const question = message({ id: 'q' });
    const streaming = message({ id: 'r', role: 'bot', text: 'Par', status: 'streaming' });
    const grown = { ...streaming, text: 'Partial reply' };
    window.shown(stateOf({ type: 'inline', messages: [...messages, question] }));
    window.shown(stateOf({ type: 'inline', messages: [...messages, question, streaming] }));
    const now = [...messages, question, grown];
    const shown = window.shown(stateOf({ type: 'inline', messages: now }));
    expect(ids(shown)).toEqual(ids(now.slice(300 - 2 * historyPage)));
    expect(shown.at(-1)).toBe(grown);
    // The same array while the messages are the same: renderers can skip the log.
    expect(window.shown(stateOf({ type: 'inline', messages: now }))).toBe(shown);
  });

  it('opens a history loaded after the welcome message at its newest messages', () => {
    const window = windowOf();
    const welcome = message({ id: 'initial-0', role: 'bot', text: 'Hi!' });
    expect(ids(window.shown(stateOf({ type: 'inline', messages: [welcome] })))).toEqual([
      'initial-0',
    ]);
    const loaded = [welcome, ...history(1000)];
    expect(window.shown(stateOf({ type: 'inline', messages: loaded }))).toHaveLength(historyPage);
  });

  it('starts over with a new session', () => {
    const window = windowOf();
    window.shown(stateOf({ type: 'inline', messages: history(1000) }));
    window.showEarlier();
    window.showEarlier();
    expect(window.shown(stateOf({ type: 'inline', messages: [] }))).toEqual([]);
    const fresh = history(3, 'n');
    expect(window.shown(stateOf({ type: 'inline', messages: fresh }))).toEqual(fresh);
    expect(window.hasEarlier).toBe(false);
  });

  it('draws nothing into a floating window until it is first opened, then keeps it drawn', () => {
    const window = windowOf();
    const messages = history(10);
    expect(window.shown(stateOf({ type: 'floating', isOpen: false, messages }))).toEqual([]);
    expect(window.shown(stateOf({ type: 'floating', isOpen: true, messages }))).toEqual(messages);
    expect(window.shown(stateOf({ type: 'floating', isOpen: false, messages }))).toEqual(messages);
  });

  it("windows the view's messages once enabled, and the badge still counts what arrived", () => {
    const messages = history(400);
    const { widget } = fakeWidget(stateOf({ type: 'floating', messages, unread: 3 }));
    historyWindow(widget).enable();
    const closed = connect(widget.getSnapshot(), widget);
    expect(closed.messages).toEqual([]);
    expect(closed.unreadBadgeText).toBe('3');
    const open = connect({ ...widget.getSnapshot(), isOpen: true, unread: 0 }, widget);
    expect(open.messages.map((m) => m.id)).toEqual(ids(messages.slice(400 - historyPage)));
  });

  it('passes the state on again when older messages are revealed, so every renderer redraws', () => {
    const messages = history(300);
    const { widget } = fakeWidget(stateOf({ type: 'inline', messages }));
    historyWindow(widget).enable();
    const drawn: WidgetState[] = [];
    const off = subscribeForDrawing(widget, (state) => drawn.push(state));
    expect(connect(drawn[0] as WidgetState, widget).messages).toHaveLength(historyPage);
    historyWindow(widget).showEarlier();
    expect(drawn).toHaveLength(2);
    // A new object (a Solid signal skips an identical one) with the same content.
    expect(drawn[1]).not.toBe(drawn[0]);
    expect(drawn[1]).toEqual(drawn[0]);
    expect(connect(drawn[1] as WidgetState, widget).messages).toHaveLength(2 * historyPage);
    off();
    historyWindow(widget).showEarlier();
    expect(drawn).toHaveLength(2);
  });
});
