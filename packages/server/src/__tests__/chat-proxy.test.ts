import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Harness,
  ndjsonItems,
  readChunks,
  sendMessage,
  siteOrigin,
  startHarness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.bot.reset());

describe('chat through the managed server', () => {
  it('answers a whole reply exactly as the webhook wrote it', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { res, body } = await h.chat(widget.id, sendMessage('s-1', 'hello there'));
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toEqual({ output: 'You said: hello there' });
    expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(h.bot.requests.at(-1)?.body).toEqual({
      action: 'sendMessage',
      sessionId: 's-1',
      chatInput: 'hello there',
    });
  });

  it('forwards metadata and never forwards the browser cookies or origin', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await h.chat(widget.id, sendMessage('s-2', 'hi', { metadata: { page: '/pricing' } }), {
      headers: { cookie: 'secret=1' },
    });
    const recorded = h.bot.requests.at(-1)!;
    expect(recorded.body).toMatchObject({ metadata: { page: '/pricing' } });
    expect(recorded.headers.cookie).toBeUndefined();
    expect(recorded.headers.origin).toBeUndefined();
  });

  it('streams the first chunk to the browser before the bot has sent its last', async () => {
    const widget = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=4&delay=120`,
    });
    const sent = performance.now();
    const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sendMessage('s-stream', 'abcdefghijklmnop')),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-hono-already-sent')).toBeNull();
    expect(res.headers.get('content-encoding')).toBeNull();
    const { text, chunks } = await readChunks(res);
    const lastAt = chunks.at(-1)!.at;
    // "You said: abcdefghijklmnop" is 26 chars → 7 items 120 ms apart: ≥ 720 ms in all.
    expect(lastAt - sent).toBeGreaterThan(600);
    expect(chunks[0]!.at - sent).toBeLessThan(lastAt - sent - 400);
    expect(chunks.length).toBeGreaterThan(3);
    const items = ndjsonItems(text);
    expect(items[0]?.type).toBe('begin');
    expect(items.at(-1)?.type).toBe('end');
    expect(
      items
        .filter((i) => i.type === 'item')
        .map((i) => i.content)
        .join(''),
    ).toBe('You said: abcdefghijklmnop');
  });

  it('loads previous messages through the n8n loadPreviousSession action', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await h.chat(widget.id, sendMessage('s-history', 'remember me'));
    const { res, body } = await h.chat(widget.id, {
      action: 'loadPreviousSession',
      sessionId: 's-history',
    });
    expect(res.status).toBe(200);
    const data = (JSON.parse(body) as { data: unknown[] }).data;
    expect(JSON.stringify(data)).toContain('remember me');
    expect(JSON.stringify(data)).toContain('You said: remember me');
  });

  it('tells a stream from a whole reply when lines and characters arrive split across chunks', async () => {
    // "Grüße 👋" split inside its multi-byte characters, the first line's newline in a later chunk.
    const streamed = Buffer.from(
      '{"type":"begin"}\n{"type":"item","content":"Grüße 👋"}\n{"type":"end"}\n',
    );
    const whole = Buffer.from(JSON.stringify({ output: 'Grüße 👋 from a whole reply' }));
    // Cut inside "ü", "ß" and "👋", and the first line's newline (byte 16) sent on its own after it.
    const cuts = { stream: [0, 10, 16, 46, 53, streamed.length], whole: [0, 14, 21, whole.length] };
    const splitting = createServer(async (req, res) => {
      const [bytes, at] = req.url === '/stream' ? [streamed, cuts.stream] : [whole, cuts.whole];
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 1; i < at.length; i++) {
        res.write(bytes.subarray(at[i - 1], at[i]));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    await new Promise<void>((resolve) => splitting.listen(0, '127.0.0.1', resolve));
    const port = (splitting.address() as AddressInfo).port;
    try {
      const stream = await h.createWidget({ webhookUrl: `http://127.0.0.1:${port}/stream` });
      const streamedReply = await h.chat(stream.id, sendMessage('s-split-1', 'hi'));
      expect(streamedReply.res.headers.get('content-type')).toMatch(/ndjson/);
      expect(ndjsonItems(streamedReply.body)).toEqual([
        { type: 'begin' },
        { type: 'item', content: 'Grüße 👋' },
        { type: 'end' },
      ]);
      const wholeWidget = await h.createWidget({ webhookUrl: `http://127.0.0.1:${port}/whole` });
      const wholeReply = await h.chat(wholeWidget.id, sendMessage('s-split-2', 'hi'));
      expect(wholeReply.res.headers.get('content-type')).toMatch(/application\/json/);
      expect(JSON.parse(wholeReply.body)).toEqual({ output: 'Grüße 👋 from a whole reply' });
    } finally {
      splitting.closeAllConnections();
      await new Promise((resolve) => splitting.close(resolve));
    }
  });

  it('stops the webhook request when the visitor goes away mid-stream', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => {
      upstreamClosed = resolve;
    });
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"begin"}\n{"type":"item","content":"forever "}\n');
      const timer = setInterval(() => res.write('{"type":"item","content":"and ever "}\n'), 50);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed();
      });
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const port = (endless.address() as AddressInfo).port;
    try {
      const widget = await h.createWidget({
        webhookUrl: `http://127.0.0.1:${port}/hook`,
        limits: { maxConcurrentStreams: 1 },
      });
      const controller = new AbortController();
      const res = await h.request(`/v1/widgets/${widget.id}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sendMessage('s-abort', 'go')),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await expect(
        Promise.race([
          closed.then(() => 'closed'),
          new Promise((r) => setTimeout(() => r('still open'), 3000)),
        ]),
      ).resolves.toBe('closed');
      // The widget's only stream slot was given back.
      await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, { webhookUrl: h.bot.webhookUrl });
      const next = await h.chat(widget.id, sendMessage('s-abort-2', 'again'));
      expect(next.res.status).toBe(200);
    } finally {
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it('keeps transcripts only for widgets that turned them on', async () => {
    const withText = await h.createWidget({ webhookUrl: h.bot.webhookUrl, transcripts: true });
    const withoutText = await h.createWidget({ webhookUrl: `${h.bot.webhookUrl}?stream=1` });
    await h.chat(withText.id, sendMessage('s-t', 'keep this'));
    await h.chat(withoutText.id, sendMessage('s-t', 'forget this'));
    const { openStore } = await import('../store/index.js');
    const store = await openStore({ file: h.dbFile });
    try {
      const deadline = Date.now() + 2000;
      let lines = await store.listTranscript(withText.id, 's-t');
      while (lines.length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        lines = await store.listTranscript(withText.id, 's-t');
      }
      expect(lines.map((l) => [l.role, l.text])).toEqual([
        ['user', 'keep this'],
        ['bot', 'You said: keep this'],
      ]);
      expect(await store.listTranscript(withoutText.id, 's-t')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
