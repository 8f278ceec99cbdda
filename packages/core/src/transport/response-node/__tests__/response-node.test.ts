import { type Bot, startBot, WebSocketClient } from '@cwp/bot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WidgetError } from '../../../errors/widget-error.js';
import { collect, request } from '../../__tests__/collect.js';
import { isAbortError } from '../../abort.js';
import { createN8nTransport } from '../../n8n-transport.js';
import type { ConversationEvent, Transport } from '../../types.js';
import type { WebSocketConstructor } from '../execution-socket.js';

let bot: Bot;
const timeouts = { request: 2000, idle: 1000 };
const WebSocket = WebSocketClient as unknown as WebSocketConstructor;

beforeAll(async () => {
  bot = await startBot({ heartbeatMs: 100 });
});
afterAll(async () => {
  await bot.close();
});
afterEach(() => bot.reset());

/** Records the conversation's events; `next(type)` waits for the next one of that type. */
function watch(transport: Transport) {
  const events: ConversationEvent[] = [];
  const waiting: Array<{ type: string; from: number; done: (e: ConversationEvent) => void }> = [];
  let seen = 0;
  transport.conversation!.subscribe((event) => {
    events.push(event);
    for (const w of [...waiting]) {
      if (event.type === w.type) {
        waiting.splice(waiting.indexOf(w), 1);
        w.done(event);
      }
    }
  });
  return {
    events,
    texts: () => events.flatMap((e) => (e.type === 'message' ? [e.text] : [])),
    next(type: ConversationEvent['type']): Promise<ConversationEvent> {
      const found = events.slice(seen).find((e) => e.type === type);
      if (found) {
        seen = events.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((done) =>
        waiting.push({
          type,
          from: seen,
          done: (e) => {
            seen = events.indexOf(e) + 1;
            done(e);
          },
        }),
      );
    },
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('n8n transport: response-node conversations', () => {
  it('follows the execution over its socket: prompt, reply over the socket, echo, then POST again', async () => {
    const transport = createN8nTransport({ webhookUrl: bot.responseNodeUrl, timeouts, WebSocket });
    const seen = watch(transport);
    const first = await collect(transport, request('hello', { sessionId: 'S1' }));
    expect(first.error).toBeUndefined();
    expect(first.chunks).toEqual([{ type: 'handoff' }]);
    expect(seen.events[0]).toEqual({ type: 'typing', typing: true });
    expect(await seen.next('message')).toEqual({
      type: 'message',
      text: 'You said: hello. Now reply please.',
    });
    expect(seen.events.at(-2)).toEqual({ type: 'typing', typing: false });

    // Heartbeats come every 100 ms; unacked for 200 ms the bot (as n8n) cancels the execution.
    await sleep(450);
    const second = await collect(transport, request('my reply', { sessionId: 'S1' }));
    expect(second.chunks).toEqual([{ type: 'handoff' }]);
    expect(await seen.next('message')).toEqual({ type: 'message', text: 'Echo: my reply' });
    expect(bot.socketMessages.map((m) => m.body)).toEqual([
      { sessionId: 'S1', action: 'sendMessage', chatInput: 'my reply' },
    ]);
    expect(bot.requests).toHaveLength(1);
    await seen.next('ended');
    expect(seen.events.at(-1)).toEqual({ type: 'ended' });
    expect(seen.texts()).toEqual(['You said: hello. Now reply please.', 'Echo: my reply']);

    const third = await collect(transport, request('again', { sessionId: 'S1' }));
    expect(third.chunks).toEqual([{ type: 'handoff' }]);
    expect(bot.requests).toHaveLength(2);
    expect(bot.requests[1]?.body).toMatchObject({ chatInput: 'again', sessionId: 'S1' });
    transport.conversation!.close();
  });

  it('opens the socket at the webhook origin’s /chat with the execution ids', async () => {
    const urls: string[] = [];
    class Recording extends (WebSocketClient as unknown as new (url: string) => object) {
      constructor(url: string) {
        urls.push(url);
        super(url);
      }
    }
    const transport = createN8nTransport({
      webhookUrl: `${bot.responseNodeUrl}?x=1`,
      timeouts,
      WebSocket: Recording as unknown as WebSocketConstructor,
    });
    const seen = watch(transport);
    await collect(transport, request('hi', { sessionId: 'S2' }));
    await seen.next('message');
    const executionId = /executionId=(\d+)/.exec(urls[0] ?? '')?.[1];
    expect(urls).toEqual([
      `${bot.url.replace('http:', 'ws:')}/chat?sessionId=S2&executionId=${executionId}&isPublic=true`,
    ]);
    transport.conversation!.close();
  });

  it('a message held while n8n is not yet waiting is never sent once the visitor stopped it', async () => {
    const transport = createN8nTransport({ webhookUrl: bot.responseNodeUrl, timeouts, WebSocket });
    const seen = watch(transport);
    await collect(transport, request('hello', { sessionId: 'S6' }));
    await seen.next('message');
    // Right after a message n8n may still say n8n|continue: the reply is held, then stopped.
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const stopped = await collect(
      transport,
      request('never mind', { sessionId: 'S6' }),
      stop.signal,
    );
    expect(isAbortError(stopped.error)).toBe(true);
    await sleep(500);
    expect(bot.socketMessages).toEqual([]);
    const sent = await collect(transport, request('my reply', { sessionId: 'S6' }));
    expect(sent.chunks).toEqual([{ type: 'handoff' }]);
    expect(await seen.next('message')).toEqual({ type: 'message', text: 'Echo: my reply' });
    expect(bot.socketMessages.map((m) => (m.body as { chatInput: string }).chatInput)).toEqual([
      'my reply',
    ]);
  });

  it('reconnects once after a drop and shows the prompt n8n sends again only once', async () => {
    const transport = createN8nTransport({
      webhookUrl: `${bot.responseNodeUrl}?drop=1`,
      timeouts,
      WebSocket,
    });
    const seen = watch(transport);
    await collect(transport, request('hello', { sessionId: 'S3' }));
    await seen.next('message');
    await sleep(400);
    const reply = await collect(transport, request('after the drop', { sessionId: 'S3' }));
    expect(reply.error).toBeUndefined();
    expect(await seen.next('message')).toEqual({ type: 'message', text: 'Echo: after the drop' });
    expect(seen.texts()).toEqual(['You said: hello. Now reply please.', 'Echo: after the drop']);
    expect(seen.events.some((e) => e.type === 'dropped')).toBe(false);
  });

  it('a socket that cannot be opened ends the conversation with a clear error; the next message is a new POST', async () => {
    const transport = createN8nTransport({
      webhookUrl: bot.responseNodeUrl,
      timeouts,
      WebSocket,
      // n8n closes a socket for an execution it does not know with 1008.
      socketUrl: ({ sessionId }) =>
        `${bot.url.replace('http:', 'ws:')}/chat?sessionId=${sessionId}&executionId=999`,
    });
    const seen = watch(transport);
    await collect(transport, request('hello', { sessionId: 'S4' }));
    const dropped = await seen.next('dropped');
    const error = (dropped as { error: unknown }).error;
    expect(error).toBeInstanceOf(WidgetError);
    expect((error as WidgetError).messageKey).toBe('error.conversation_lost');
    expect((error as WidgetError).message).toContain('1008');
    await collect(transport, request('next', { sessionId: 'S4' }));
    expect(bot.requests).toHaveLength(2);
  });

  it('without any WebSocket (Node 20, no option) the conversation drops with a clear error', async () => {
    const transport = createN8nTransport({ webhookUrl: bot.responseNodeUrl, timeouts });
    const seen = watch(transport);
    const saved = globalThis.WebSocket;
    // @ts-expect-error: removed for this test (Node 22 has a global WebSocket)
    delete globalThis.WebSocket;
    try {
      await collect(transport, request('hello', { sessionId: 'S5' }));
    } finally {
      if (saved) globalThis.WebSocket = saved;
    }
    const dropped = (await seen.next('dropped')) as { error: WidgetError };
    expect(dropped.error.message).toContain('pass the transport a WebSocket constructor');
  });
});
