import { describe, expect, it, vi } from 'vitest';
import { WidgetError } from '../errors/widget-error.js';
import { connect } from '../view/connect.js';
import { createChatWidget } from '../widget.js';
import { idle, manualTransport, sends, tick, useBot, useWidgets, waitFor } from './helpers.js';

const ctx = useBot();
const track = useWidgets();

describe('chatting with an n8n bot', () => {
  it('shows the visitor message and the whole reply', async () => {
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    expect(widget.send('Hello bot')).toBe(true);
    expect(widget.getSnapshot().messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'sending'],
    ]);
    const state = await idle(widget);
    expect(state.messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'Hello bot', 'done'],
      ['bot', 'You said: Hello bot', 'done'],
    ]);
    expect(state.error).toBeNull();
  });

  it('streams a reply into one bot message as it arrives', async () => {
    const widget = track(
      createChatWidget({
        webhookUrl: `${ctx.bot.webhookUrl}?stream=1&chunk=2&delay=10`,
        storage: 'memory',
      }),
    );
    const seen: string[] = [];
    widget.subscribe((s) => {
      const bot = s.messages.find((m) => m.role === 'bot');
      if (bot && bot.status === 'streaming') seen.push(bot.text);
    });
    widget.send('stream please');
    const state = await idle(widget);
    expect(state.messages.filter((m) => m.role === 'bot')).toHaveLength(1);
    expect(state.messages[1]?.text).toBe('You said: stream please');
    // Several partial texts were visible before the end, each growing.
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[0]!.length).toBeLessThan(seen.at(-1)!.length);
  });

  it('shows the typing state until the first text arrives', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: `${ctx.bot.url}/webhook/slow?ms=150`, storage: 'memory' }),
    );
    widget.send('hi');
    expect(widget.getSnapshot()).toMatchObject({ isResponding: true, isTyping: true });
    const state = await idle(widget);
    expect(state.isTyping).toBe(false);
  });

  it('sends one request for a double click and for repeated Enter', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: `${ctx.bot.url}/webhook/slow?ms=100`, storage: 'memory' }),
    );
    expect(widget.send('once')).toBe(true);
    expect(widget.send('once')).toBe(false);
    expect(widget.send('once')).toBe(false);
    await idle(widget);
    expect(sends(ctx.bot)).toHaveLength(1);
    expect(widget.getSnapshot().messages.filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('refuses blank messages', () => {
    const widget = track(createChatWidget({ webhookUrl: ctx.bot.webhookUrl, storage: 'memory' }));
    expect(widget.send('   \n ')).toBe(false);
    expect(widget.getSnapshot().messages).toEqual([]);
  });

  it('keeps the visitor text, marks it failed and retries it once when the webhook answers 504', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.faultUrl('status-504-html'), storage: 'memory' }),
    );
    widget.send('Where is my order?');
    const failed = await idle(widget);
    const [message] = failed.messages;
    expect(message).toMatchObject({ role: 'user', text: 'Where is my order?', status: 'failed' });
    expect(message?.error).toMatchObject({ kind: 'http', status: 504 });
    expect(failed.error?.message).toBe(failed.config.messages['error.server']);
    expect(failed.error?.message).not.toMatch(/<|html/i);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();

    const before = sends(ctx.bot).length;
    expect(widget.retry(message!.id)).toBe(true);
    expect(widget.retry(message!.id)).toBe(false);
    await idle(widget);
    expect(sends(ctx.bot)).toHaveLength(before + 1);
    expect(
      widget.getSnapshot().messages.filter((m) => m.text === 'Where is my order?'),
    ).toHaveLength(1);
  });

  it('retries a failed message through a healthy transport and gets the reply', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('first try');
    calls[0]!.fail(new WidgetError('network', 'connection refused'));
    const failed = await idle(widget);
    expect(failed.messages[0]).toMatchObject({ status: 'failed', text: 'first try' });
    widget.retry(failed.messages[0]!.id);
    expect(widget.getSnapshot().messages[0]).toMatchObject({ status: 'sending', error: undefined });
    expect(calls[1]!.request).toMatchObject({
      text: 'first try',
      messageId: failed.messages[0]!.id,
    });
    calls[1]!.push({ type: 'delta', text: 'Got it' });
    calls[1]!.finish();
    const done = await idle(widget);
    expect(done.messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'first try', 'done'],
      ['bot', 'Got it', 'done'],
    ]);
    expect(done.error).toBeNull();
    vi.restoreAllMocks();
  });

  it('keeps the streamed text of a reply that breaks off, marked incomplete and retryable', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.faultUrl('drop-mid-stream'), storage: 'memory' }),
    );
    widget.send('tell me a story');
    const state = await idle(widget);
    const reply = state.messages.find((m) => m.role === 'bot');
    expect(reply?.status).toBe('incomplete');
    expect(reply?.text.length).toBeGreaterThan(0);
    expect(state.messages[0]?.status).toBe('done');
    expect(widget.retry(reply!.id)).toBe(true);
    await idle(widget);
    expect(sends(ctx.bot)).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('turns an empty reply into a clear, retryable error', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.faultUrl('empty-200'), storage: 'memory' }),
    );
    widget.send('anyone there?');
    const state = await idle(widget);
    expect(state.messages[0]).toMatchObject({ status: 'failed', error: { kind: 'bad_reply' } });
    expect(state.error?.message).toBe(state.config.messages['error.bad_reply']);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('splits two reply blocks into two bot messages', async () => {
    const widget = track(
      createChatWidget({ webhookUrl: ctx.bot.faultUrl('two-blocks'), storage: 'memory' }),
    );
    widget.send('two please');
    const state = await idle(widget);
    expect(state.messages.filter((m) => m.role === 'bot').map((m) => [m.text, m.status])).toEqual([
      ['First block.', 'done'],
      ['Second block.', 'done'],
    ]);
  });
});

describe('stopping and aborting', () => {
  it('stop() aborts the request and keeps what streamed so far as incomplete', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('long answer please');
    calls[0]!.push({ type: 'start', streamed: true });
    calls[0]!.push({ type: 'delta', text: 'Once upon ' });
    await waitFor(widget, (s) => s.messages.some((m) => m.role === 'bot'));
    widget.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    const state = widget.getSnapshot();
    expect(state.isResponding).toBe(false);
    expect(state.messages.at(-1)).toMatchObject({
      role: 'bot',
      text: 'Once upon ',
      status: 'incomplete',
    });
    // Late chunks from an aborted call change nothing.
    calls[0]!.push({ type: 'delta', text: 'a time' });
    await tick(10);
    expect(widget.getSnapshot().messages.at(-1)?.text).toBe('Once upon ');
  });

  it('stop() before any text leaves an interrupted reply the visitor can retry', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('question');
    widget.stop();
    const [user, bot] = widget.getSnapshot().messages;
    expect(user).toMatchObject({ status: 'done' });
    expect(bot).toMatchObject({ role: 'bot', text: '', status: 'incomplete' });
    expect(widget.retry(bot!.id)).toBe(true);
    expect(calls).toHaveLength(2);
    expect(widget.getSnapshot().messages.map((m) => m.role)).toEqual(['user']);
  });

  it('newSession() aborts the request and forgets the conversation', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('hello');
    const firstSession = widget.getSnapshot().sessionId;
    widget.newSession();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(widget.getSnapshot()).toMatchObject({
      messages: [],
      sessionId: null,
      isResponding: false,
    });
    widget.send('again');
    expect(widget.getSnapshot().sessionId).not.toBe(firstSession);
  });

  it('destroy() aborts the request and stops all updates', async () => {
    const { transport, calls } = manualTransport();
    const widget = createChatWidget({ transport, storage: 'memory' });
    const listener = vi.fn();
    widget.send('hello');
    widget.subscribe(listener);
    listener.mockClear();
    widget.destroy();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.push({ type: 'delta', text: 'late' });
    await tick(10);
    expect(listener).not.toHaveBeenCalled();
    expect(widget.send('after destroy')).toBe(false);
  });

  it('closing the floating window keeps the reply coming and counts it as unread', async () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.open();
    widget.send('hello');
    widget.close();
    expect(calls[0]!.signal.aborted).toBe(false);
    calls[0]!.push({ type: 'delta', text: 'Hi!' });
    calls[0]!.finish();
    const state = await idle(widget);
    expect(state.unread).toBe(1);
    expect(state.messages.at(-1)?.text).toBe('Hi!');
    widget.open();
    expect(widget.getSnapshot().unread).toBe(0);
  });

  it('with abortOnClose, closing the window aborts the reply', () => {
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory', abortOnClose: true }));
    widget.open();
    widget.send('hello');
    widget.close();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(widget.getSnapshot()).toMatchObject({ isOpen: false, isResponding: false });
  });
});

describe('rate limits', () => {
  it('refuses a retry until the Retry-After time has passed, then sends exactly one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { transport, calls } = manualTransport();
    const widget = track(createChatWidget({ transport, storage: 'memory' }));
    widget.send('hello');
    calls[0]!.fail(new WidgetError('rate_limited', 'HTTP 429', { status: 429, retryAfterMs: 150 }));
    const failed = await idle(widget);
    const id = failed.messages[0]!.id;
    expect(failed.error?.message).toBe(failed.config.messages['error.rate_limited']);
    expect(widget.retry(id)).toBe(false);
    expect(widget.retry(id)).toBe(false);
    const waiting = connect(widget.getSnapshot(), widget);
    expect(waiting.getRetryButtonProps(waiting.messages[0]!).disabled).toBe(true);
    // The retry control comes back by itself when the wait is over.
    const reopened = await waitFor(widget, (s) => s.messages[0]?.error?.retryAt === undefined);
    const ready = connect(reopened, widget);
    expect(ready.getRetryButtonProps(ready.messages[0]!).disabled).toBe(false);
    expect(widget.retry(id)).toBe(true);
    expect(calls).toHaveLength(2);
    vi.restoreAllMocks();
  });
});
