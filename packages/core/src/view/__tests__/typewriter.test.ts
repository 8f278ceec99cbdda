import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configOf, fakeWidget, message, stateOf } from '../../__tests__/fake-widget.js';
import type { ChatWidgetConfig } from '../../config/schema.js';
import { subscribeForDrawing } from '../../dom/subscribe-for-drawing.js';
import type { ChatMessage } from '../../types.js';
import { connect } from '../connect.js';
import type { RenderNode } from '../render-tree.js';
import type { ChatWidgetView } from '../types.js';

function textOf(nodes: readonly RenderNode[]): string {
  return nodes.map((node) => (typeof node === 'string' ? node : textOf(node.children))).join('');
}

const hi = message({ id: 'u1', role: 'user', text: 'hi' });
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i % 10}`).join(' ');

/**
 * A floating widget, open, that has just sent "hi", drawn as a renderer draws it (through
 * `subscribeForDrawing`): `draws` holds every view it drew.
 */
function drawnWidget(config: Partial<ChatWidgetConfig> = {}, before: ChatMessage[] = [hi]) {
  const fake = fakeWidget(
    stateOf({ isOpen: true, messages: before, isResponding: true }, configOf(config)),
  );
  const draws: ChatWidgetView[] = [];
  const off = subscribeForDrawing(fake.widget, (state) => draws.push(connect(state, fake.widget)));
  const reply = (text: string, status: ChatMessage['status'] = 'done') =>
    fake.emit({
      messages: [...before, message({ id: 'b1', role: 'bot', text, status })],
      isResponding: status === 'streaming',
    });
  const last = () => draws[draws.length - 1] as ChatWidgetView;
  const shownText = () => {
    const bot = last().messages.find((m) => m.id === 'b1');
    return bot === undefined ? '' : textOf(bot.content);
  };
  const busy = () => last().getMessagesProps()['aria-busy'];
  return { fake, draws, off, reply, last, shownText, busy };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('typewriter: a whole reply', () => {
  it('types itself out at charsPerSecond, then shows the whole reply', () => {
    const w = drawnWidget({ typewriter: { charsPerSecond: 500 } });
    const text = words(40); // 239 characters: about half a second at 500 a second
    w.reply(text);
    expect(w.shownText().length).toBeLessThan(30);
    vi.advanceTimersByTime(200);
    const part = w.shownText();
    expect(part.length).toBeGreaterThan(70);
    expect(part.length).toBeLessThan(130);
    expect(text.startsWith(part)).toBe(true);
    vi.advanceTimersByTime(300);
    expect(w.shownText()).toBe(text);
    w.off();
  });

  it('ends within maxDurationMs however long the reply is', () => {
    const w = drawnWidget({ typewriter: { maxDurationMs: 1500 } });
    const text = words(2000);
    w.reply(text);
    vi.advanceTimersByTime(750);
    const half = w.shownText().length / text.length;
    expect(half).toBeGreaterThan(0.4);
    expect(half).toBeLessThan(0.6);
    vi.advanceTimersByTime(800);
    expect(w.shownText()).toBe(text);
    expect(w.busy()).toBe('false');
    w.off();
  });

  it('keeps the log busy while it types, so the finished reply is announced once', () => {
    const w = drawnWidget();
    const text = words(100);
    w.reply(text);
    vi.advanceTimersByTime(2000);
    const announced = w.draws
      .filter((view) => view.getMessagesProps()['aria-busy'] === 'false')
      .map((view) => textOf(view.messages.find((m) => m.id === 'b1')?.content ?? []));
    // Before the reply: no bot message; after: the whole reply. Never a part of it.
    expect(new Set(announced)).toEqual(new Set(['', text]));
    expect(w.draws.length).toBeGreaterThan(10);
    w.off();
  });

  it('draws the revealing reply as streaming, without copy and thumbs, with a stop button', () => {
    const w = drawnWidget();
    w.reply(words(100));
    const bot = w.last().messages.find((m) => m.id === 'b1');
    expect(bot?.status).toBe('streaming');
    expect(bot && w.last().getMessageActionsProps(bot).hidden).toBe(true);
    expect(w.last().getStopButtonProps().hidden).toBe(false);
    vi.advanceTimersByTime(2000);
    const done = w.last().messages.find((m) => m.id === 'b1');
    expect(done?.status).toBe('done');
    expect(done && w.last().getMessageActionsProps(done).hidden).toBe(false);
    expect(w.last().getStopButtonProps().hidden).toBe(true);
    w.off();
  });

  it('shows the rest at once on stop', () => {
    const w = drawnWidget();
    const text = words(200);
    w.reply(text);
    vi.advanceTimersByTime(100);
    expect(w.shownText().length).toBeLessThan(text.length / 2);
    w.last()
      .getStopButtonProps()
      .onClick?.({} as MouseEvent);
    expect(w.shownText()).toBe(text);
    expect(w.busy()).toBe('false');
    w.off();
  });

  it('shows the rest at once when the window closes', () => {
    const w = drawnWidget();
    const text = words(200);
    w.reply(text);
    expect(w.shownText().length).toBeLessThan(text.length / 2);
    w.fake.emit({ isOpen: false });
    expect(w.shownText()).toBe(text);
    w.fake.emit({ isOpen: true });
    vi.advanceTimersByTime(16);
    expect(w.shownText()).toBe(text);
    w.off();
  });

  it('shows the rest at once when the visitor sends a new message', () => {
    const w = drawnWidget();
    const text = words(200);
    const state = w.reply(text);
    expect(w.shownText().length).toBeLessThan(text.length / 2);
    w.fake.emit({
      messages: [...state.messages, message({ id: 'u2', role: 'user', status: 'sending' })],
      isResponding: true,
    });
    expect(w.shownText()).toBe(text);
    w.off();
  });

  it('shows text at once under prefers-reduced-motion', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(prefers-reduced-motion: reduce)',
    }));
    const w = drawnWidget();
    const text = words(200);
    w.reply(text);
    expect(w.shownText()).toBe(text);
    expect(w.busy()).toBe('false');
    w.off();
  });

  it('shows text at once with typewriter: false', () => {
    const w = drawnWidget({ typewriter: false });
    const text = words(200);
    w.reply(text);
    expect(w.shownText()).toBe(text);
    w.off();
  });

  it('shows restored history at once, and history loaded from the bot', () => {
    const restored = message({ id: 'b1', role: 'bot', text: words(200) });
    const fake = fakeWidget(stateOf({ isOpen: true, messages: [hi, restored] }));
    const draws: ChatWidgetView[] = [];
    const off = subscribeForDrawing(fake.widget, (state) =>
      draws.push(connect(state, fake.widget)),
    );
    fake.emit({ draft: 'x' });
    const loaded = message({ id: 'b0', role: 'bot', text: words(100) });
    fake.emit({ messages: [loaded, hi, restored], isLoadingHistory: false });
    const view = draws[draws.length - 1] as ChatWidgetView;
    expect(view.messages.map((m) => textOf(m.content))).toEqual([
      loaded.text,
      hi.text,
      restored.text,
    ]);
    expect(view.getMessagesProps()['aria-busy']).toBe('false');
    off();
  });

  it('never shows markdown syntax that the finished reply hides', () => {
    const w = drawnWidget({ typewriter: { charsPerSecond: 60, maxDurationMs: 60_000 } });
    const text =
      '## A **bold claim** and `some code` here\n\n- see [the docs](https://example.com/a_b) now\n' +
      '- ~~old~~ _new_ thing\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nlet a = 1;\n```\n';
    w.reply(text);
    vi.advanceTimersByTime(10_000);
    const seen = w.draws.map((view) =>
      textOf(view.messages.find((m) => m.id === 'b1')?.content ?? []),
    );
    expect(seen.length).toBeGreaterThan(20);
    for (const shown of seen) expect(shown).not.toMatch(/\*\*|`|~~|\]\(|^#|\|/);
    w.off();
  });
});

describe('typewriter: a streamed reply', () => {
  it('spreads a burst over frames and catches up within a bounded lag', () => {
    const w = drawnWidget();
    w.reply('Hello', 'streaming');
    vi.advanceTimersByTime(100);
    expect(w.shownText()).toBe('Hello');
    const burst = `Hello ${words(300)}`;
    w.reply(burst, 'streaming');
    vi.advanceTimersByTime(40);
    const first = w.shownText().length;
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(burst.length / 3);
    vi.advanceTimersByTime(1200);
    expect(w.shownText()).toBe(burst);
    expect(w.busy()).toBe('true');
    w.reply(burst, 'done');
    vi.advanceTimersByTime(40);
    expect(w.busy()).toBe('false');
    w.off();
  });

  it('idles while a paused stream is caught up, and still spreads the burst that follows', () => {
    const w = drawnWidget();
    w.reply('Hello', 'streaming');
    vi.advanceTimersByTime(100);
    expect(w.shownText()).toBe('Hello');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    const burst = `Hello ${words(300)}`;
    w.reply(burst, 'streaming');
    vi.advanceTimersByTime(40);
    expect(w.shownText().length).toBeGreaterThan(5);
    expect(w.shownText().length).toBeLessThan(burst.length / 3);
    vi.advanceTimersByTime(1200);
    expect(w.shownText()).toBe(burst);
    w.off();
  });

  it('shows what arrived at once when the visitor stops', () => {
    const w = drawnWidget();
    w.reply('Hello', 'streaming');
    vi.advanceTimersByTime(100);
    const text = `Hello ${words(300)}`;
    w.reply(text, 'streaming');
    vi.advanceTimersByTime(40);
    expect(w.shownText().length).toBeLessThan(text.length / 2);
    w.reply(text, 'incomplete');
    expect(w.shownText()).toBe(text);
    w.off();
  });
});
