// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWidget, message, stateOf } from '../../__tests__/fake-widget.js';
import type { WidgetState } from '../../types.js';
import { subscribeForDrawing } from '../subscribe-for-drawing.js';

const streaming = (text: string) => ({
  messages: [message({ id: 'b', role: 'bot', text, status: 'streaming' })],
  isResponding: true,
});
const done = (text: string) => ({
  messages: [message({ id: 'b', role: 'bot', text, status: 'done' })],
  isResponding: false,
});
const textOf = (state: WidgetState) => state.messages.map((m) => m.text).join();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than streamed text waits between two draws (66 ms): the next draw is due. */
const drawDue = () => wait(80);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('subscribeForDrawing', () => {
  it('passes the current state at once on subscribe, even while a reply streams', () => {
    const fake = fakeWidget(stateOf(streaming('Hel')));
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    expect(seen).toEqual([fake.widget.getSnapshot()]);
    off();
  });

  it('passes other changes at once', () => {
    const fake = fakeWidget(stateOf());
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    const opened = fake.emit({ isOpen: true });
    const typed = fake.emit({ draft: 'hi' });
    expect(seen.slice(1)).toEqual([opened, typed]);
    off();
  });

  it('draws a streamed chunk at once after a quiet spell, and faster ones 15 times a second, the latest', async () => {
    // A reply is in flight (isResponding) before its first chunk arrives.
    const fake = fakeWidget(stateOf({ isResponding: true }));
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    await drawDue();
    const first = fake.emit(streaming('H'));
    expect(seen.slice(1)).toEqual([first]);
    fake.emit(streaming('Hel'));
    const latest = fake.emit(streaming('Hello'));
    expect(seen).toHaveLength(2);
    await wait(25);
    // Not yet: text drawn less than 66 ms ago waits.
    expect(seen).toHaveLength(2);
    await drawDue();
    expect(seen.slice(2)).toEqual([latest]);
    expect(seen[2]).toBe(latest);
    // Text was just drawn: the next chunks wait for the next draw.
    fake.emit(streaming('Hello w'));
    const second = fake.emit(streaming('Hello world'));
    expect(seen).toHaveLength(3);
    await drawDue();
    expect(seen.slice(3).map(textOf)).toEqual(['Hello world']);
    expect(seen[3]).toBe(second);
    // Nothing drawn for a while: the next chunk is drawn at once again.
    await drawDue();
    expect(seen).toHaveLength(4);
    const later = fake.emit(streaming('Hello world!'));
    expect(seen.slice(4)).toEqual([later]);
    off();
  });

  it('passes a streamed chunk at once when something else changed with it', async () => {
    const fake = fakeWidget(stateOf(streaming('Hel')));
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    const opened = fake.emit({ ...streaming('Hello'), isOpen: true });
    const failed = fake.emit({ ...streaming('Hello w'), draft: 'more' });
    expect(seen.slice(1)).toEqual([opened, failed]);
    off();
  });

  it('passes the end of a stream at once, dropping the draw still pending', async () => {
    const fake = fakeWidget(stateOf({ isResponding: true }));
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    await drawDue();
    fake.emit(streaming('H'));
    fake.emit(streaming('Hel'));
    const finished = fake.emit(done('Hello'));
    expect(seen.slice(2)).toEqual([finished]);
    await drawDue();
    await drawDue();
    // The streamed chunk before it is never drawn after the final text.
    expect(seen.slice(2)).toEqual([finished]);
    off();
  });

  it('stops on unsubscribe, cancelling a pending draw', async () => {
    const fake = fakeWidget(stateOf({ isResponding: true }));
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    expect(fake.listenerCount()).toBe(1);
    await drawDue();
    fake.emit(streaming('H'));
    fake.emit(streaming('Hel'));
    off();
    expect(fake.listenerCount()).toBe(0);
    await drawDue();
    await drawDue();
    fake.emit(done('Hello'));
    expect(seen.map(textOf).slice(1)).toEqual(['H']);
  });

  it('passes every state at once where there are no animation frames (server, tests)', () => {
    vi.stubGlobal('requestAnimationFrame', undefined);
    const fake = fakeWidget(stateOf());
    const seen: WidgetState[] = [];
    const off = subscribeForDrawing(fake.widget, (s) => seen.push(s));
    fake.emit(streaming('H'));
    fake.emit(streaming('Hel'));
    expect(seen.slice(1).map(textOf)).toEqual(['H', 'Hel']);
    off();
  });
});
