import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamAgents, postToWebhook, UpstreamError } from '../proxy/upstream.js';
import { blockedReason } from '../security/ip-address.js';
import { checkWebhookUrl, guardedLookup, type Resolver } from '../security/webhook-url.js';
import { type Harness, sendMessage, startHarness } from './harness.js';

const refusedHosts = [
  'http://127.0.0.1/',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://0177.0.0.1/',
  'http://017700000001/',
  'http://127.0.0.1.:8080/',
  'http://localhost/',
  'http://LOCALHOST./',
  'http://app.localhost/',
  'http://[::1]/',
  'http://[::]/',
  'http://0.0.0.0/',
  'http://0/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[0:0:0:0:0:ffff:7f00:1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[64:ff9b::a9fe:a9fe]/',
  'http://[2002:7f00:1::]/',
  'http://10.0.0.5/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[fe80::1]/',
  'http://224.0.0.1/',
  'http://[ff02::1]/',
  'http://255.255.255.255/',
];

describe('webhook address rules', () => {
  it.each(refusedHosts)('refuses %s unless private webhooks are allowed', (url) => {
    const check = checkWebhookUrl(url, { allowPrivate: false });
    expect(check.ok).toBe(false);
    expect(checkWebhookUrl(url, { allowPrivate: true }).ok).toBe(true);
  });

  it.each([
    'https://n8n.example.com/webhook/abc',
    'http://93.184.216.34/hook',
    'https://[2606:4700::1111]/hook',
    'http://172.32.0.1/',
    'http://100.128.0.1/',
  ])('accepts the public address %s', (url) => {
    expect(checkWebhookUrl(url, { allowPrivate: false })).toMatchObject({ ok: true });
  });

  it.each([
    'ftp://example.com/x',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'gopher://example.com',
    'not a url',
    '//example.com',
  ])('refuses the non-http(s) URL %s', (url) => {
    expect(checkWebhookUrl(url, { allowPrivate: true }).ok).toBe(false);
  });

  it('classifies resolved addresses the same way', () => {
    expect(blockedReason('::ffff:10.1.2.3')).toMatch(/private/);
    expect(blockedReason('169.254.169.254')).toMatch(/metadata/);
    expect(blockedReason('8.8.8.8')).toBeNull();
    expect(blockedReason('2001:4860:4860::8888')).toBeNull();
  });
});

describe('the address checked is the address connected to', () => {
  let target: ReturnType<typeof createServer>;
  let port: number;
  const hosts: string[] = [];
  beforeAll(async () => {
    target = createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.setHeader('content-type', 'application/json');
      res.end('{"output":"reached"}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    port = (target.address() as AddressInfo).port;
  });
  afterAll(async () => {
    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
  });

  // A DNS that answers a public-looking name with loopback, as a rebinding attacker would.
  const rebinding: Resolver = (_host, callback) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  const mixed: Resolver = (_host, callback) =>
    callback(null, [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ]);

  const post = (allowPrivate: boolean, resolver: Resolver) =>
    postToWebhook(
      {
        webhookUrl: `http://bot.example.test:${port}/hook`,
        body: '{}',
        accept: 'application/json',
        allowPrivate,
        requestTimeoutMs: 2000,
        signal: new AbortController().signal,
        resolver,
      },
      createUpstreamAgents(),
    );

  it('refuses to connect when the name resolves to loopback', async () => {
    const error = await post(false, rebinding).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe('blocked');
    expect(hosts).toEqual([]);
  });

  it('refuses when any resolved address is private', async () => {
    const error = await post(false, mixed).catch((e: unknown) => e);
    expect((error as UpstreamError).kind).toBe('blocked');
    expect(hosts).toEqual([]);
  });

  it('connects to the resolved address with the original Host header when allowed', async () => {
    const response = await post(true, rebinding);
    response.resume();
    expect(response.statusCode).toBe(200);
    expect(hosts).toEqual([`bot.example.test:${port}`]);
  });

  it('refuses through the system resolver too (localhost)', async () => {
    const lookup = guardedLookup({ allowPrivate: false });
    const error = await new Promise((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(String(error)).toMatch(/loopback/);
  });
});

describe('with private webhooks off (the default)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ allowPrivateWebhooks: false });
  });
  afterAll(() => h.close());

  it.each([
    'http://127.0.0.1:9/webhook',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://localhost/',
    'http://169.254.169.254/',
    'http://10.1.2.3/',
  ])('refuses to create a widget for %s with a clear message', async (webhookUrl) => {
    const { res, json } = await h.admin('POST', '/v1/admin/widgets', {
      name: 'x',
      webhookUrl,
      allowedOrigins: ['https://a.example'],
    });
    expect(res.status).toBe(400);
    expect((json as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_widget',
      message: expect.stringMatching(/--allow-private-webhooks/),
    });
  });

  it('refuses to move an existing widget onto a private address', async () => {
    const { res, json } = await h.admin('POST', '/v1/admin/widgets', {
      name: 'public',
      webhookUrl: 'https://n8n.example.com/webhook/abc',
      allowedOrigins: ['https://a.example'],
    });
    expect(res.status).toBe(201);
    const widget = json as { id: string };
    const patch = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, {
      webhookUrl: 'http://[::ffff:7f00:1]:5678/',
    });
    expect(patch.res.status).toBe(400);
  });

  it('refuses at connect time a widget saved while private webhooks were allowed', async () => {
    await h.restart({ allowPrivateWebhooks: true });
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await h.restart({ allowPrivateWebhooks: false });
    h.bot.reset();
    const { res, body } = await h.chat(widget.id, sendMessage('s-1', 'hi'));
    expect(res.status).toBe(502);
    expect(JSON.parse(body).error.code).toBe('upstream_blocked');
    expect(body).not.toContain(new URL(h.bot.url).host);
    expect(h.bot.requests).toHaveLength(0);
  });
});
