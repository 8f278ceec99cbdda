import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WidgetReport } from '../store/types.js';
import { type Harness, ndjsonItems, sendMessage, startHarness } from './harness.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

let h: Harness;
let webhook: Server;
let base: string;
const routes = new Map<string, Route>();
/** Webhook requests whose connection the proxy closed, by path. */
const upstreamClosed = new Map<string, number>();

beforeAll(async () => {
  h = await startHarness();
  webhook = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '';
    res.on('close', () => upstreamClosed.set(path, (upstreamClosed.get(path) ?? 0) + 1));
    req.on('end', () => (routes.get(path) ?? ((_, r) => r.end('{}')))(req, res));
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise((resolve) => webhook.close(resolve));
  await h.close();
});

async function report(widgetId: string) {
  await h.server.flushAnalytics();
  const { json } = await h.admin('GET', `/v1/admin/widgets/${widgetId}/report`);
  return (json as WidgetReport).totals;
}

/** Writes `total` bytes of `fill` as fast as the socket takes them, until done or closed. */
function pour(res: ServerResponse, total: number, fill: number): void {
  const piece = Buffer.alloc(256 * 1024, fill);
  let sent = 0;
  const more = () => {
    while (sent < total && !res.destroyed) {
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

describe('a streamed line that never ends', () => {
  it('ends the reply with an error after 1 MB, in bounded CPU, while /healthz stays quick', async () => {
    routes.set('/endless-line', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"begin"}\n{"type":"item","content":"');
      pour(res, 40 * 1024 * 1024, 0x61);
    });
    const widget = await h.createWidget({ webhookUrl: `${base}/endless-line` });
    await (await fetch(`${h.server.url}/healthz`)).text();
    const health: number[] = [];
    let streaming = true;
    const pinger = (async () => {
      while (streaming) {
        const started = performance.now();
        const res = await fetch(`${h.server.url}/healthz`);
        await res.text();
        health.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const cpuBefore = process.cpuUsage();
    const { res, body } = await h.chat(widget.id, sendMessage('s-line', 'hi'));
    const cpu = process.cpuUsage(cpuBefore);
    streaming = false;
    await pinger;

    expect(res.status).toBe(200);
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const last = ndjsonItems(body).at(-1);
    expect(last).toEqual({
      type: 'error',
      content: "The bot's reply has a line longer than 1 MB.",
    });
    // This process also runs the fake webhook and the client; the old scan alone took ~16 s.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
    expect(health.length).toBeGreaterThan(0);
    // Wall-clock times on a shared machine: the typical ping is quick, and none waits for the stream.
    const sorted = [...health].sort((x, y) => x - y);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
    expect(sorted.at(-1)).toBeLessThan(1000);
    expect(await report(widget.id)).toMatchObject({
      errors: 1,
      responses: 0,
      errorsByKind: { line_too_long: 1 },
    });
    // The proxy let go of the webhook's connection.
    await vi.waitFor(() => expect(upstreamClosed.get('/endless-line')).toBe(1));
  }, 30_000);

  it('still passes on long lines under the limit', async () => {
    const text = 'b'.repeat(900 * 1024);
    routes.set('/long-line', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `{"type":"begin"}\n${JSON.stringify({ type: 'item', content: text })}\n{"type":"end"}\n`,
      );
    });
    const widget = await h.createWidget({ webhookUrl: `${base}/long-line` });
    const { res, body } = await h.chat(widget.id, sendMessage('s-long', 'hi'));
    expect(res.status).toBe(200);
    expect(ndjsonItems(body).map((item) => item.type)).toEqual(['begin', 'item', 'end']);
    expect(await report(widget.id)).toMatchObject({ errors: 0, responses: 1 });
  });
});

describe('the longest a reply may take (limits.maxReplyMs)', () => {
  const slow = { maxReplyMs: 600, idleTimeoutMs: 5000, requestTimeoutMs: 5000 };

  it('ends a stream of only keepalive lines with an error line, frees the slot and lets go of the webhook', async () => {
    routes.set('/keepalive', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"begin"}\n{"type":"item","content":"Thinking"}\n');
      const timer = setInterval(() => res.write('{"type":"keepalive"}\n'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const widget = await h.createWidget({
      webhookUrl: `${base}/keepalive`,
      limits: { ...slow, maxConcurrentStreams: 1 },
    });
    const started = performance.now();
    const first = await h.chat(widget.id, sendMessage('s-keepalive', 'hi'));
    const elapsed = performance.now() - started;
    expect(first.res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(5000);
    const items = ndjsonItems(first.body);
    expect(items[1]).toMatchObject({ type: 'item', content: 'Thinking' });
    expect(items.at(-1)).toEqual({
      type: 'error',
      content: "The bot's reply took longer than 0.6 s.",
    });
    // The one concurrency slot is free again: the next message is forwarded, not refused.
    const second = await h.chat(widget.id, sendMessage('s-keepalive', 'again'));
    expect(second.res.status).toBe(200);
    await vi.waitFor(() => expect(upstreamClosed.get('/keepalive')).toBe(2));
    expect(await report(widget.id)).toMatchObject({
      messages: 2,
      responses: 0,
      errorsByKind: { reply_deadline: 2 },
    });
  });

  it('answers 504 when a whole reply trickles in a byte at a time', async () => {
    routes.set('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const reply = JSON.stringify({ output: 'x'.repeat(200) });
      let at = 0;
      const timer = setInterval(() => res.write(reply.slice(at, ++at)), 100);
      res.on('close', () => clearInterval(timer));
    });
    const widget = await h.createWidget({ webhookUrl: `${base}/trickle`, limits: slow });
    const { res, body } = await h.chat(widget.id, sendMessage('s-trickle', 'hi'));
    expect(res.status).toBe(504);
    expect(JSON.parse(body)).toEqual({
      error: { code: 'upstream_timeout', status: 504, message: 'the reply took longer than 0.6 s' },
    });
    await vi.waitFor(() => expect(upstreamClosed.get('/trickle')).toBe(1));
    expect(await report(widget.id)).toMatchObject({ errorsByKind: { reply_deadline: 1 } });
  });

  it('counts the deadline even before the webhook sends its headers', async () => {
    routes.set('/silent', () => {});
    const widget = await h.createWidget({ webhookUrl: `${base}/silent`, limits: slow });
    const started = performance.now();
    const { res } = await h.chat(widget.id, sendMessage('s-silent', 'hi'));
    expect(res.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await report(widget.id)).toMatchObject({ errorsByKind: { reply_deadline: 1 } });
  });

  it('is a per-widget limit the admin API checks', async () => {
    const widget = await h.createWidget({
      webhookUrl: `${base}/keepalive`,
      limits: { maxReplyMs: 300_000 },
    });
    expect(widget.limits).toEqual({ maxReplyMs: 300_000 });
    for (const maxReplyMs of [0, 3_600_001, 1.5, '60000']) {
      const { res, body } = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, {
        limits: { maxReplyMs },
      });
      expect(res.status).toBe(400);
      expect(body).toContain('maxReplyMs');
    }
  });
});
