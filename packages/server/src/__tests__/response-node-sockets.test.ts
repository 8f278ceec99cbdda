import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signIdentityToken } from '../security/identity-token.js';
import type { WidgetRecord, WidgetReport } from '../store/types.js';
import { type Harness, sendMessage, siteOrigin, startHarness } from './harness.js';

const allFrames: string[] = [];

/** A browser-like client of the server's socket route: frames in order, the close code, acks. */
function connect(url: string, origin: string | null = siteOrigin) {
  const ws = new WebSocket(url, origin === null ? {} : { origin });
  const frames: string[] = [];
  let waiting: (() => void) | undefined;
  const closed = new Promise<number>((done) => ws.on('close', (code) => done(code)));
  const refused = new Promise<number>((done) =>
    ws.on('unexpected-response', (_req, res) => {
      done(res.statusCode ?? 0);
      ws.terminate();
    }),
  );
  ws.on('error', () => {});
  ws.on('message', (data) => {
    const text = data.toString();
    allFrames.push(text);
    if (text === 'n8n|heartbeat') return ws.send('n8n|heartbeat-ack');
    frames.push(text);
    waiting?.();
  });
  return {
    ws,
    frames,
    closed,
    refused,
    opened: new Promise<void>((done) => ws.on('open', () => done())),
    async until(count: number) {
      while (frames.length < count) await new Promise<void>((done) => (waiting = done));
    },
    send: (chatInput: string, sessionId: string) =>
      ws.send(JSON.stringify({ sessionId, action: 'sendMessage', chatInput })),
  };
}

describe('response-node sockets through the server', () => {
  let h: Harness;
  let widget: WidgetRecord;
  const socketUrl = (sessionId: string, executionId: string, extra = '') =>
    `${h.server.url.replace('http:', 'ws:')}/v1/widgets/${widget.id}/socket?sessionId=${sessionId}&executionId=${executionId}${extra}`;

  /** The first message through /chat: the execution it started. */
  async function start(sessionId: string, headers: Record<string, string> = {}) {
    const { res, body } = await h.chat(widget.id, sendMessage(sessionId, 'hello'), { headers });
    expect(res.status).toBe(200);
    const json = JSON.parse(body) as { executionStarted: boolean; executionId: string };
    expect(json.executionStarted).toBe(true);
    return json.executionId;
  }

  beforeAll(async () => {
    h = await startHarness({ sockets: { idleMs: 1500 } });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.bot.reset();
    widget = await h.createWidget({ webhookUrl: `${h.bot.responseNodeUrl}?heartbeatMs=200` });
  });

  it('carries the conversation: prompt, the visitor’s reply, echo, continue, then the execution’s end (1005)', async () => {
    const executionId = await start('sess-1');
    const client = connect(socketUrl('sess-1', executionId));
    await client.until(1);
    expect(client.frames).toEqual(['You said: hello. Now reply please.']);
    // Heartbeats pass through and the acks go back: the execution lives past two periods.
    await new Promise((done) => setTimeout(done, 500));
    client.send('my reply', 'sess-1');
    await client.until(3);
    expect(client.frames.slice(1)).toEqual(['Echo: my reply', 'n8n|continue']);
    expect(await client.closed).toBe(1005);
    expect(h.bot.socketMessages.map((m) => m.body)).toEqual([
      { sessionId: 'sess-1', action: 'sendMessage', chatInput: 'my reply' },
    ]);

    await h.server.flushAnalytics();
    const { json } = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report`);
    const totals = (json as WidgetReport).totals;
    // The POST and the reply over the socket are the two messages; prompt and echo the two replies.
    expect(totals.messages).toBe(2);
    expect(totals.responses).toBe(2);
    expect(totals.errors).toBe(0);
    // An execution that ended cannot be joined again.
    expect(await connect(socketUrl('sess-1', executionId)).refused).toBe(404);
  });

  it('refuses a socket from another session, for an unknown execution, or from another origin', async () => {
    const executionId = await start('owner-session');
    expect(await connect(socketUrl('intruder', executionId)).refused).toBe(403);
    expect(await connect(socketUrl('owner-session', '987654')).refused).toBe(404);
    expect(
      await connect(socketUrl('owner-session', executionId), 'https://evil.example').refused,
    ).toBe(403);
    expect(await connect(socketUrl('owner-session', executionId), null).refused).toBe(403);
    expect(h.bot.socketMessages).toEqual([]);
    // The owner still gets in.
    const owner = connect(socketUrl('owner-session', executionId));
    await owner.until(1);
    expect(owner.frames[0]).toBe('You said: hello. Now reply please.');
    owner.ws.close();
  });

  it('binds the socket to the verified visitor who started the execution', async () => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'Signed-in shop',
      webhookUrl: h.bot.responseNodeUrl,
      allowedOrigins: [siteOrigin],
      identity: {},
    });
    widget = created.json as WidgetRecord;
    const secret = (created.json as { identitySecret: string }).identitySecret;
    const exp = Math.floor(Date.now() / 1000) + 600;
    const ada = signIdentityToken({ sub: 'ada', exp }, secret);
    const bob = signIdentityToken({ sub: 'bob', exp }, secret);
    const executionId = await start('signed-session', { authorization: `Bearer ${ada}` });
    expect(await connect(socketUrl('signed-session', executionId)).refused).toBe(403);
    expect(
      await connect(socketUrl('signed-session', executionId, `&identity=${bob}`)).refused,
    ).toBe(403);
    const client = connect(socketUrl('signed-session', executionId, `&identity=${ada}`));
    await client.until(1);
    client.ws.close();
  });

  it('closes a socket that sends for another session (1008) and one that goes quiet (4408)', async () => {
    const first = await start('s-bad');
    const bad = connect(socketUrl('s-bad', first));
    await bad.until(1);
    bad.send('not mine', 'someone-else');
    expect(await bad.closed).toBe(1008);
    expect(h.bot.socketMessages).toEqual([]);

    const second = await start('s-idle');
    const quiet = connect(socketUrl('s-idle', second));
    await quiet.until(1);
    const started = performance.now();
    expect(await quiet.closed).toBe(4408);
    expect(performance.now() - started).toBeGreaterThan(1000);
  });

  it('refuses frames over the widget’s body cap (1009)', async () => {
    const executionId = await start('s-big');
    const client = connect(socketUrl('s-big', executionId));
    await client.until(1);
    client.send('x'.repeat(70 * 1024), 's-big');
    expect(await client.closed).toBe(1009);
    expect(h.bot.socketMessages).toEqual([]);
  });

  it('ends the browser socket with 1011 when n8n’s socket breaks, and lets it reconnect once', async () => {
    widget = await h.createWidget({ webhookUrl: `${h.bot.responseNodeUrl}?drop=1` });
    const executionId = await start('s-drop');
    const client = connect(socketUrl('s-drop', executionId));
    await client.until(1);
    expect(await client.closed).toBe(1011);
    const again = connect(socketUrl('s-drop', executionId));
    await again.until(1);
    expect(again.frames).toEqual(['You said: hello. Now reply please.']);
    again.send('back', 's-drop');
    await again.until(3);
    expect(again.frames[1]).toBe('Echo: back');
  });

  it('seals a with-buttons frame’s links on n8n’s origin, as /chat does', async () => {
    const { res, body } = await h.chat(widget.id, sendMessage('s-buttons', '/buttons'));
    expect(res.status).toBe(200);
    const { executionId } = JSON.parse(body) as { executionId: string };
    const client = connect(socketUrl('s-buttons', executionId));
    await client.until(1);
    const frame = JSON.parse(client.frames[0]!) as {
      type: string;
      buttons: { text: string; link?: string }[];
    };
    expect(frame.type).toBe('with-buttons');
    expect(frame.buttons[0]?.link).toMatch(/^buttons\/[\w-]{40,}$/);
    expect(frame.buttons[1]?.link).toBe('https://example.com/terms');
    expect(client.frames[0]).not.toContain(new URL(h.bot.url).host);
    client.ws.close();
  });

  it('keeps the socket’s messages in the transcript of a widget that turned transcripts on', async () => {
    widget = await h.createWidget({ webhookUrl: h.bot.responseNodeUrl, transcripts: true });
    const executionId = await start('s-text');
    const client = connect(socketUrl('s-text', executionId));
    await client.until(1);
    client.send('my answer', 's-text');
    expect(await client.closed).toBe(1005);
    const { openStore } = await import('../store/index.js');
    const store = await openStore({ file: h.dbFile });
    try {
      let lines = await store.listTranscript(widget.id, 's-text');
      for (let tries = 0; lines.length < 4 && tries < 100; tries++) {
        await new Promise((done) => setTimeout(done, 20));
        lines = await store.listTranscript(widget.id, 's-text');
      }
      expect(lines.map((l) => [l.role, l.text])).toEqual([
        ['user', 'hello'],
        ['bot', 'You said: hello. Now reply please.'],
        ['user', 'my answer'],
        ['bot', 'Echo: my answer'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('never shows the n8n origin to the browser', () => {
    const botAddress = new URL(h.bot.url).host;
    // The admin API is the one place that returns the webhook URL.
    const publicSeen = [...h.seen.filter((entry) => !entry.includes('"webhookUrl"')), ...allFrames];
    expect(allFrames.length).toBeGreaterThan(5);
    expect(publicSeen.join('\n')).not.toContain(botAddress);
  });
});
