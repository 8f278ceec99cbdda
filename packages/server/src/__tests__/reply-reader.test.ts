import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readN8nText } from '@cwp/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { WidgetReport } from '../store/types.js';
import { type Harness, sendMessage, startHarness } from './harness.js';

// Replies the bot does not play: whole replies as arrays, and odd stream lines.
const bodies: Record<string, string> = {
  '/array': JSON.stringify([{ output: 'First answer' }, { output: 'Second answer' }]),
  '/array-partly-text': JSON.stringify([{ output: 'Only this one' }, { json: { value: 1 } }]),
  '/text-key': JSON.stringify({ text: 'From text' }),
  '/inherited': '{"__proto__":{"output":"not an own key"}}',
  '/stream-two-groups': [
    '{"type":"begin"}',
    '{"type":"item","content":"Hello "}',
    '{"type":"item","content":"there"}',
    '{"type":"end"}',
    '{"type":"begin"}',
    '{"type":"item","content":"Second node"}',
    '{"type":"end"}',
    '',
  ].join('\n'),
  '/stream-typed-array': '{"type":["item"],"content":"x"}\n{"output":"y"}\n',
};

let h: Harness;
let webhook: Server;
let base: string;

beforeAll(async () => {
  h = await startHarness();
  webhook = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies[req.url ?? ''] ?? '{}');
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise((resolve) => webhook.close(resolve));
  await h.close();
});

/** Sends one message through a fresh widget; returns the body, the bot's transcript lines and the report. */
async function proxied(path: string) {
  const widget = await h.createWidget({ webhookUrl: `${base}${path}`, transcripts: true });
  const { res, body } = await h.chat(widget.id, sendMessage('s-reader', 'question'));
  await h.server.flushAnalytics();
  const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
  const store = await openStore({ file: h.dbFile });
  try {
    let lines = await store.listTranscript(widget.id, 's-reader');
    for (let i = 0; i < 50 && lines.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lines = await store.listTranscript(widget.id, 's-reader');
    }
    // The user's line is written first; give the bot's a moment when there is one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    lines = await store.listTranscript(widget.id, 's-reader');
    return {
      res,
      body,
      botLines: lines.filter((line) => line.role === 'bot').map((line) => line.text),
      totals: (json as WidgetReport).totals,
    };
  } finally {
    await store.close();
  }
}

describe('the server reads n8n replies as the widget does', () => {
  it('keeps every item of an array reply in the transcript, one line per reply the widget shows', async () => {
    const { res, body, botLines, totals } = await proxied('/array');
    expect(res.status).toBe(200);
    expect(readN8nText(JSON.parse(body))).toEqual(['First answer', 'Second answer']);
    expect(botLines).toEqual(['First answer', 'Second answer']);
    expect(totals.responses).toBe(1);
    expect(totals.errors).toBe(0);
  });

  it('counts an array with an item the widget cannot read as a bad reply, as the widget shows it', async () => {
    const { body, botLines, totals } = await proxied('/array-partly-text');
    expect(readN8nText(JSON.parse(body))).toBeUndefined();
    expect(botLines).toEqual([]);
    expect(totals.responses).toBe(0);
    expect(totals.errorsByKind).toEqual({ bad_reply: 1 });
  });

  it('reads text, and never a key the reply only inherits', async () => {
    const text = await proxied('/text-key');
    expect(text.botLines).toEqual(['From text']);
    expect(text.totals.responses).toBe(1);
    const inherited = await proxied('/inherited');
    expect(inherited.botLines).toEqual([]);
    expect(inherited.totals.errorsByKind).toEqual({ bad_reply: 1 });
  });

  it('keeps each streamed reply group as its own transcript line', async () => {
    const { botLines, totals } = await proxied('/stream-two-groups');
    expect(botLines).toEqual(['Hello there', 'Second node']);
    expect(totals.responses).toBe(1);
  });

  it('treats a line whose type is not a string as a whole reply, as the widget does', async () => {
    const { res, body, totals } = await proxied('/stream-typed-array');
    expect(res.status).toBe(502);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'upstream_bad_reply' } });
    expect(totals.errorsByKind).toEqual({ bad_reply: 1 });
  });
});
