import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect } from '../view/connect.js';
import { createChatWidget } from '../widget.js';
import { idle, sharedStorage, tick, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

/** A browser's online/offline: navigator.onLine and the window's `online` event. */
const network = {
  online: true,
  events: new EventTarget(),
  goOffline() {
    this.online = false;
  },
  goOnline() {
    this.online = true;
    this.events.dispatchEvent(new Event('online'));
  },
};

beforeEach(() => {
  network.online = true;
  network.events = new EventTarget();
  vi.stubGlobal('navigator', {
    get onLine() {
      return network.online;
    },
  });
  vi.stubGlobal('addEventListener', (type: string, fn: EventListener) =>
    network.events.addEventListener(type, fn),
  );
  vi.stubGlobal('removeEventListener', (type: string, fn: EventListener) =>
    network.events.removeEventListener(type, fn),
  );
});
afterEach(() => vi.unstubAllGlobals());

const sendRequests = () =>
  ctx.bot.requests.filter((r) => (r.body as { action?: string }).action === 'sendMessage');

describe('a visitor who is offline', () => {
  it('sees the message wait for the connection, then go out once by itself', async () => {
    network.goOffline();
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    expect(widget.send('sent on the train')).toBe(true);
    await tick(50);

    const waiting = widget.getSnapshot();
    expect(waiting.messages.map((m) => [m.text, m.status])).toEqual([
      ['sent on the train', 'sending'],
    ]);
    expect(waiting.error).toBeNull();
    expect(waiting.isTyping).toBe(false);
    const view = connect(waiting, widget);
    expect(view.messages[0]?.statusText).toBe('Waiting for connection…');
    expect(view.getMessageStatusProps(view.messages[0]!).hidden).toBe(false);
    expect(view.presenceText).toBe('Offline');
    expect(sendRequests()).toHaveLength(0);

    network.goOnline();
    network.goOnline(); // a second event must not send it twice
    const state = await waitFor(widget, (s) => s.messages.length === 2 && !s.isResponding);
    expect(state.messages.map((m) => [m.text, m.status])).toEqual([
      ['sent on the train', 'done'],
      ['You said: sent on the train', 'done'],
    ]);
    expect(connect(state, widget).messages[0]?.statusText).toBe('');
    expect(connect(state, widget).presenceText).toBe('Online');
    expect(sendRequests().map((r) => (r.body as { chatInput: string }).chatInput)).toEqual([
      'sent on the train',
    ]);
  });

  it('can stop a waiting message, which then sends nothing when the connection is back', async () => {
    network.goOffline();
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    widget.send('never mind');
    await tick(20);
    widget.stop();
    network.goOnline();
    await tick(100);
    expect(sendRequests()).toHaveLength(0);
    expect(widget.getSnapshot().isResponding).toBe(false);
    expect(widget.getSnapshot().messages[0]?.error).toBeUndefined();
  });

  it('after a reload, a message that was waiting can be retried', async () => {
    network.goOffline();
    const storage = sharedStorage();
    const first = createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage });
    first.send('waiting when the tab closed');
    await tick(20);
    first.destroy();
    network.goOnline();

    const reloaded = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage }));
    const [message] = reloaded.getSnapshot().messages;
    expect(message).toMatchObject({ status: 'failed', error: { kind: 'offline' } });
    expect(reloaded.retry(message!.id)).toBe(true);
    const state = await idle(reloaded);
    expect(state.messages.map((m) => m.status)).toEqual(['done', 'done']);
    expect(sendRequests()).toHaveLength(1);
  });
});
