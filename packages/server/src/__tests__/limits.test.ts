import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIp } from '../security/client-ip.js';
import { RateLimiter } from '../security/rate-limit.js';
import { type Harness, readChunks, sendMessage, siteOrigin, startHarness } from './harness.js';

const roomy = { perIpPerMinute: 1000, perSessionPerMinute: 1000, perWidgetPerMinute: 1000 };

describe('request limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers 429 with Retry-After once one address sends too much', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perIpPerMinute: 3 },
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const { res } = await h.chat(widget.id, sendMessage(`s-ip-${i}`, 'hi'));
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(20);
  });

  it('ignores X-Forwarded-For from clients that are not trusted proxies', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perIpPerMinute: 2 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { res } = await h.chat(widget.id, sendMessage(`s-xff-${i}`, 'hi'), {
        headers: { 'x-forwarded-for': `203.0.113.${i}`, forwarded: `for=198.51.100.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('limits one session even across addresses', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perSessionPerMinute: 2 },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await h.chat(widget.id, sendMessage('same-session', `m${i}`))).res.status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await h.chat(widget.id, sendMessage('other-session', 'hi'))).res.status).toBe(200);
  });

  it('caps replies streaming at once for a widget', async () => {
    const widget = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?stream=1&chunk=2&delay=100`,
      limits: { ...roomy, maxConcurrentStreams: 2 },
    });
    const open = async (session: string) =>
      h.request(`/v1/widgets/${widget.id}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sendMessage(session, 'a long enough message')),
      });
    const first = await open('c-1');
    const second = await open('c-2');
    const third = await h.chat(widget.id, sendMessage('c-3', 'hi'));
    expect(third.res.status).toBe(429);
    expect(JSON.parse(third.body).error.code).toBe('too_many_streams');
    expect(third.res.headers.get('retry-after')).toBe('1');
    await Promise.all([readChunks(first), readChunks(second)]);
    const fourth = await h.request(`/v1/widgets/${widget.id}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sendMessage('c-4', 'hi')),
    });
    expect(fourth.status).toBe(200);
    await readChunks(fourth);
  });

  it('refuses a body over the size cap while reading it, Content-Length or not', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, maxBodyBytes: 1024 },
    });
    h.bot.reset();
    const big = JSON.stringify(sendMessage('s-big', 'x'.repeat(2000)));
    expect((await h.chat(widget.id, big)).res.status).toBe(413);
    // Chunked, no Content-Length: the count is of bytes received.
    const chunks = [big.slice(0, 600), big.slice(600, 1200), big.slice(1200)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(`${h.server.url}/v1/widgets/${widget.id}/chat`, {
      method: 'POST',
      headers: { origin: siteOrigin, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(h.bot.requests).toHaveLength(0);
    expect((await h.chat(widget.id, sendMessage('s-small', 'fits'))).res.status).toBe(200);
  });

  it('uses 64 KiB as the default body cap', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl, limits: roomy });
    const body = JSON.stringify(
      sendMessage('s-default', 'hi', { metadata: { pad: 'x'.repeat(70 * 1024) } }),
    );
    expect((await h.chat(widget.id, body)).res.status).toBe(413);
  });

  it.each([
    ['an empty session id', sendMessage('', 'hi'), 'invalid_session_id'],
    ['a session id with a slash', sendMessage('../../etc', 'hi'), 'invalid_session_id'],
    ['a session id with spaces', sendMessage('a b', 'hi'), 'invalid_session_id'],
    ['a 129-character session id', sendMessage('a'.repeat(129), 'hi'), 'invalid_session_id'],
    [
      'a numeric session id',
      { action: 'sendMessage', sessionId: 42, chatInput: 'hi' },
      'invalid_session_id',
    ],
    ['a chatInput over 16,000 characters', sendMessage('s-1', 'x'.repeat(16_001)), 'bad_request'],
    [
      'a chatInput that is not a string',
      { action: 'sendMessage', sessionId: 's-1', chatInput: { $ne: 1 } },
      'bad_request',
    ],
    ['a missing chatInput', { action: 'sendMessage', sessionId: 's-1' }, 'bad_request'],
    ['an unknown action', { action: 'deleteEverything', sessionId: 's-1' }, 'bad_request'],
    ['metadata that is not an object', sendMessage('s-1', 'hi', { metadata: 'x' }), 'bad_request'],
    ['a body that is not JSON', 'action=sendMessage', 'bad_request'],
    ['a JSON array', '[]', 'bad_request'],
  ])('refuses %s with 400 before calling the webhook', async (_name, body, code) => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, maxBodyBytes: 100_000 },
    });
    h.bot.reset();
    const { res, body: answer } = await h.chat(widget.id, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(answer).error.code).toBe(code);
    expect(h.bot.requests).toHaveLength(0);
  });

  it('accepts a 128-character session id of letters, digits, _ and -', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl, limits: roomy });
    const id = `${'aZ9_-'.repeat(25)}abc`;
    expect(id).toHaveLength(128);
    expect((await h.chat(widget.id, sendMessage(id, 'hi'))).res.status).toBe(200);
  });
});

describe('behind a trusted reverse proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(() => h.close());

  it('counts each forwarded client address on its own', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perIpPerMinute: 1 },
    });
    const as = (ip: string, session: string) =>
      h.chat(widget.id, sendMessage(session, 'hi'), { headers: { 'x-forwarded-for': ip } });
    expect((await as('203.0.113.1', 'p-1')).res.status).toBe(200);
    expect((await as('203.0.113.2', 'p-2')).res.status).toBe(200);
    expect((await as('203.0.113.1', 'p-3')).res.status).toBe(429);
    // A client cannot pick its key by prepending a fake hop: the rightmost untrusted hop counts.
    expect((await as('198.51.100.9, 203.0.113.1', 'p-4')).res.status).toBe(429);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perIpPerMinute: 2 },
    });
    const as = (ip: string, session: string) =>
      h.chat(widget.id, sendMessage(session, 'hi'), { headers: { 'x-forwarded-for': ip } });
    expect((await as('2001:db8:1:2::1', 'v6-1')).res.status).toBe(200);
    expect((await as('2001:db8:1:2:ffff::9', 'v6-2')).res.status).toBe(200);
    expect((await as('2001:db8:1:2:abcd:1:2:3', 'v6-3')).res.status).toBe(429);
    expect((await as('2001:db8:1:3::1', 'v6-4')).res.status).toBe(200);
  });

  it('limits the whole widget across addresses', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { ...roomy, perWidgetPerMinute: 2 },
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const { res } = await h.chat(widget.id, sendMessage(`w-${i}`, 'hi'), {
        headers: { 'x-forwarded-for': `203.0.113.${10 + i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('client address and token buckets', () => {
  it('reads Forwarded and X-Forwarded-For only from trusted peers', () => {
    expect(clientIp('::ffff:10.0.0.2', { xForwardedFor: '203.0.113.7' }, ['10.0.0.0/8'])).toBe(
      '203.0.113.7',
    );
    expect(
      clientIp('10.0.0.2', { forwarded: 'for="[2001:db8::1]:443";proto=https' }, ['10.0.0.2']),
    ).toBe('2001:db8:0:0:0:0:0:1');
    expect(clientIp('10.0.0.2', { forwarded: 'for=203.0.113.8:1234' }, ['10.0.0.2'])).toBe(
      '203.0.113.8',
    );
    expect(clientIp('192.0.2.50', { xForwardedFor: '203.0.113.7' }, ['10.0.0.0/8'])).toBe(
      '192.0.2.50',
    );
    expect(clientIp('10.0.0.2', { xForwardedFor: 'not-an-ip' }, ['10.0.0.2'])).toBe('10.0.0.2');
  });

  it('refills a bucket over the minute', () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    expect(limiter.take('k', 2)).toEqual({ ok: true });
    expect(limiter.take('k', 2)).toEqual({ ok: true });
    expect(limiter.take('k', 2)).toEqual({ ok: false, retryAfterSeconds: 30 });
    now = 30_000;
    expect(limiter.take('k', 2)).toEqual({ ok: true });
  });
});
