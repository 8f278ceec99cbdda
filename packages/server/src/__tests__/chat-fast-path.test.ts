import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { chatFastPath } from '../routes/chat-fast-path.js';
import { openStore } from '../store/index.js';
import type { Store, WidgetReport } from '../store/types.js';
import {
  captureLogger,
  type Harness,
  type LogLine,
  ndjsonItems,
  sendMessage,
  siteOrigin,
  startHarness,
} from './harness.js';

// startServer answers the chat POST without Hono (routes/chat-fast-path.ts); createApp, for other
// runtimes, through its Hono route. Both must answer every request the same way.
let h: Harness;
let store: Store;
let app: Hono;
beforeAll(async () => {
  h = await startHarness();
  store = await openStore({ file: h.dbFile });
  app = createApp({ store, recorder: { record() {} }, allowPrivateWebhooks: true });
});
afterAll(async () => {
  await store.close();
  await h.close();
});
beforeEach(() => h.bot.reset());

const comparedHeaders = [
  'content-type',
  'cache-control',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
  'retry-after',
  'x-content-type-options',
  'referrer-policy',
  'x-accel-buffering',
];

interface Sent {
  widgetId: string;
  body: string;
  origin?: string | null;
  headers?: Record<string, string>;
}

async function answerOf(res: Response) {
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(comparedHeaders.map((name) => [name, res.headers.get(name)])),
    // Streamed items carry the bot's timestamps: their kinds and texts are compared.
    body: res.headers.get('content-type')?.includes('ndjson')
      ? ndjsonItems(text).map((item) => `${item.type}:${item.content ?? ''}`)
      : text,
  };
}

function init(sent: Sent): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...sent.headers };
  const origin = sent.origin === undefined ? siteOrigin : sent.origin;
  if (origin !== null) headers.origin = origin;
  return { method: 'POST', headers, body: sent.body };
}

const viaServer = async (sent: Sent) =>
  answerOf(await fetch(`${h.server.url}/v1/widgets/${sent.widgetId}/chat`, init(sent)));
const viaHono = async (sent: Sent) =>
  answerOf(await app.request(`/v1/widgets/${sent.widgetId}/chat`, init(sent)));

async function totals(id: string) {
  await h.server.flushAnalytics();
  const { json } = await h.admin('GET', `/v1/admin/widgets/${id}/report`);
  return (json as WidgetReport).totals;
}

describe('the chat POST on the Node server, without Hono', () => {
  it('answers replies, refusals and limits exactly as the Hono route does', async () => {
    const whole = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { perSessionPerMinute: 1, maxBodyBytes: 2000 },
    });
    const streamed = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=4&delay=0`,
    });
    const message = (sessionId: string) => JSON.stringify(sendMessage(sessionId, 'hello there'));
    const cases: [string, (run: string) => Sent][] = [
      ['whole reply', (run) => ({ widgetId: whole.id, body: message(`${run}-a`) })],
      [
        'second message of the minute',
        (run) => ({ widgetId: whole.id, body: message(`${run}-a`) }),
      ],
      ['streamed reply', (run) => ({ widgetId: streamed.id, body: message(`${run}-b`) })],
      ['unknown widget', (run) => ({ widgetId: 'no-such-widget', body: message(`${run}-c`) })],
      [
        'origin not allowed',
        (run) => ({
          widgetId: whole.id,
          body: message(`${run}-d`),
          origin: 'https://evil.example',
        }),
      ],
      ['no origin', (run) => ({ widgetId: whole.id, body: message(`${run}-e`), origin: null })],
      ['not JSON', () => ({ widgetId: whole.id, body: '{"action":' })],
      ['bad session id', () => ({ widgetId: whole.id, body: message('not a session id!') })],
      [
        'body over the cap',
        (run) => ({
          widgetId: whole.id,
          body: JSON.stringify(sendMessage(`${run}-f`, 'x'.repeat(3000))),
        }),
      ],
      [
        'bad identity token',
        (run) => ({
          widgetId: whole.id,
          body: message(`${run}-g`),
          headers: { authorization: 'Basic abc' },
        }),
      ],
    ];
    for (const [name, sent] of cases) {
      const hono = await viaHono(sent('hono'));
      const server = await viaServer(sent('node'));
      expect({ name, ...server }).toEqual({ name, ...hono });
    }
    // Spot checks that the comparison compared something.
    const [first] = cases;
    const reply = await viaServer(first![1]('again'));
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe(siteOrigin);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect((await viaServer(cases[4]![1]('again'))).status).toBe(403);
    expect((await viaServer(cases[8]![1]('again'))).status).toBe(413);
  });

  it('still answers through the Hono app on @hono/node-server, message after message', async () => {
    const honoServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => honoServer.once('listening', resolve));
    const base = `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}`;
    try {
      const whole = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
      const streamed = await h.createWidget({
        webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=4&delay=0`,
      });
      for (const widget of [whole, streamed]) {
        for (const session of ['n-1', 'n-2', 'n-3']) {
          const sent = { widgetId: widget.id, body: JSON.stringify(sendMessage(session, 'hi')) };
          const viaNode = await answerOf(
            await fetch(`${base}/v1/widgets/${widget.id}/chat`, init(sent)),
          );
          expect(viaNode.status).toBe(200);
          expect(viaNode.headers['access-control-allow-origin']).toBe(siteOrigin);
          expect(viaNode).toEqual(await viaServer(sent));
        }
      }
    } finally {
      await new Promise((resolve) => honoServer.close(resolve));
    }
  });

  it('counts each message and its reply in analytics, whole or streamed', async () => {
    const whole = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const streamed = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=4&delay=0`,
    });
    for (const widget of [whole, streamed]) {
      for (const session of ['s-1', 's-2']) {
        const { res } = await h.chat(widget.id, sendMessage(session, 'hello'));
        expect(res.status).toBe(200);
      }
      const counted = await totals(widget.id);
      expect(counted.messages).toBe(2);
      expect(counted.responses).toBe(2);
      expect(counted.errors).toBe(0);
    }
  });

  it('sends a whole reply with its length, and keeps the connection for the next message', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { maxBodyBytes: 2000 },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<{ status: number; length: string | undefined; port: number; text: string }>(
        (resolve, reject) => {
          const url = new URL(`${h.server.url}/v1/widgets/${widget.id}/chat`);
          const req = request(
            {
              hostname: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              agent,
              headers: { origin: siteOrigin, 'content-type': 'application/json' },
            },
            (res) => {
              const port = res.socket.localPort ?? 0;
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk) => {
                text += chunk;
              });
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  length: res.headers['content-length'],
                  port,
                  text,
                }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
    try {
      const first = await post(JSON.stringify(sendMessage('k-1', 'one')));
      expect(first.status).toBe(200);
      expect(Number(first.length)).toBe(Buffer.byteLength(first.text));
      // Refused before its body was read: the body is drained, the connection kept.
      const refused = await post(JSON.stringify(sendMessage('k-1', 'y'.repeat(5000))));
      expect(refused.status).toBe(413);
      const next = await post(JSON.stringify(sendMessage('k-1', 'three')));
      expect(next.status).toBe(200);
      expect(JSON.parse(next.text)).toEqual({ output: 'You said: three' });
      expect(next.port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  });

  it('answers 500 when the chat handler fails, logs it, and leaves other paths to the app', async () => {
    const lines: LogLine[] = [];
    const fastPath = chatFastPath(
      () => Promise.reject(new Error('store gone')),
      captureLogger(lines),
    );
    const server = createServer((req, res) => {
      if (fastPath(req, res)) return;
      res.writeHead(418);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const failed = await fetch(
        `${base}/v1/widgets/abc/chat`,
        init({ widgetId: 'abc', body: '{}' }),
      );
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ error: { code: 'internal_error' } });
      expect(failed.headers.get('x-content-type-options')).toBe('nosniff');
      expect(lines.some((line) => line.message === 'request failed')).toBe(true);
      for (const path of [
        '/v1/widgets/abc/config',
        '/v1/widgets/a%62c/chat',
        '/v1/widgets/abc/chat/',
      ]) {
        expect((await fetch(`${base}${path}`, { method: 'POST' })).status).toBe(418);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
