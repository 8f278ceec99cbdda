import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetRecord, WidgetReport } from '../store/types.js';
import { adminToken, type Harness, sendMessage, siteOrigin, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('the admin API', () => {
  it('creates, lists, reads, updates, disables and deletes widgets', async () => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'Support',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: ['https://Example.com/'],
      config: { header: { title: 'Help' } },
      limits: { perIpPerMinute: 5 },
    });
    expect(created.res.status).toBe(201);
    const widget = created.json as WidgetRecord;
    expect(widget).toMatchObject({
      name: 'Support',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: ['https://example.com'],
      config: { header: { title: 'Help' } },
      limits: { perIpPerMinute: 5 },
      disabled: false,
    });
    expect(widget.id).toMatch(/^[A-Za-z0-9_-]+$/);

    const list = await h.admin('GET', '/v1/admin/widgets');
    expect((list.json as { widgets: WidgetRecord[] }).widgets.map((w) => w.id)).toContain(
      widget.id,
    );
    expect((await h.admin('GET', `/v1/admin/widgets/${widget.id}`)).json).toMatchObject({
      id: widget.id,
    });

    const renamed = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, { name: 'Sales' });
    expect(renamed.json).toMatchObject({ name: 'Sales', webhookUrl: h.bot.webhookUrl });

    const disabled = await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, { disabled: true });
    expect(disabled.json).toMatchObject({ disabled: true });
    const config = await h.request(`/v1/widgets/${widget.id}/config`, {
      origin: 'https://example.com',
    });
    expect(config.status).toBe(404);

    expect((await h.admin('DELETE', `/v1/admin/widgets/${widget.id}`)).res.status).toBe(204);
    expect((await h.admin('GET', `/v1/admin/widgets/${widget.id}`)).res.status).toBe(404);
    expect((await h.admin('DELETE', `/v1/admin/widgets/${widget.id}`)).res.status).toBe(404);
  });

  it.each([
    [{ name: '', webhookUrl: 'https://n8n.example.com/w', allowedOrigins: [] }, /name/],
    [{ name: 'x', webhookUrl: 'ftp://n8n.example.com/w', allowedOrigins: [] }, /http/],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: ['https://a.example/path'],
      },
      /origin/,
    ],
    [
      { name: 'x', webhookUrl: 'https://n8n.example.com/w', allowedOrigins: ['*.example.com'] },
      /origin/,
    ],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: [],
        config: { webhookUrl: 'https://x.example' },
      },
      /webhookUrl/,
    ],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: [],
        config: { webhookConfig: { headers: { a: 'b' } } },
      },
      /webhookConfig/,
    ],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: [],
        config: { footer: { text: 'see https://n8n.example.com/w' } },
      },
      /webhook URL/,
    ],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: [],
        limits: { perIpPerMinute: -1 },
      },
      /limits/,
    ],
    [
      {
        name: 'x',
        webhookUrl: 'https://n8n.example.com/w',
        allowedOrigins: [],
        limits: { unknown: 1 },
      },
      /unknown/,
    ],
    [
      { name: 'x', webhookUrl: 'https://n8n.example.com/w', allowedOrigins: [], secret: true },
      /secret/,
    ],
  ])('refuses an invalid widget %j with 400 and a message', async (body, message) => {
    const { res, json } = await h.admin('POST', '/v1/admin/widgets', body);
    expect(res.status).toBe(400);
    expect((json as { error: { message: string } }).error.message).toMatch(message);
  });

  it('refuses requests without the right bearer token, comparing in constant time', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Bearer ${adminToken}x`,
      `Basic ${adminToken}`,
      adminToken,
    ]) {
      const res = await h.request('/v1/admin/widgets', {
        origin: null,
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('reports per day as JSON and validates the range', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await h.chat(widget.id, sendMessage('r-1', 'one'));
    await h.chat(widget.id, sendMessage('r-1', 'two'));
    await h.chat(widget.id, sendMessage('r-2', 'three'));
    await h.server.flushAnalytics();
    const today = new Date().toISOString().slice(0, 10);
    const { res, json } = await h.admin(
      'GET',
      `/v1/admin/widgets/${widget.id}/report?from=${today}&to=${today}`,
    );
    expect(res.status).toBe(200);
    const report = json as WidgetReport;
    expect(report.days).toHaveLength(1);
    expect(report.days[0]).toMatchObject({
      day: today,
      sessions: 2,
      messages: 3,
      responses: 3,
      errors: 0,
    });
    expect(report.days[0]!.latencyP50).toBeGreaterThanOrEqual(0);
    for (const query of [
      'from=2026-13-01',
      'from=yesterday',
      'from=2026-02-01&to=2026-01-01',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const r = await h.admin('GET', `/v1/admin/widgets/${widget.id}/report?${query}`);
      expect(r.res.status).toBe(400);
    }
  });
});

describe('without an admin token configured', () => {
  it('answers 404 for every admin route, token or not', async () => {
    const off = await startHarnessWithoutToken();
    try {
      for (const [method, path] of [
        ['GET', '/v1/admin/widgets'],
        ['POST', '/v1/admin/widgets'],
        ['GET', '/v1/admin/dashboard'],
        ['GET', '/v1/admin/dashboard?token=anything'],
        ['DELETE', '/v1/admin/widgets/x'],
      ] as const) {
        const res = await off.request(path, {
          method,
          origin: null,
          headers: { authorization: 'Bearer anything' },
        });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: { code: 'not_found' } });
      }
    } finally {
      await off.close();
    }
  });
});

async function startHarnessWithoutToken() {
  return startHarness({ adminToken: undefined });
}

describe('public widget config', () => {
  it('serves the public config and id, never the webhook URL, origins, limits or flags', async () => {
    const widget = await h.createWidget({
      webhookUrl: `${h.bot.webhookUrl}?secret=s3cr3t`,
      allowedOrigins: [siteOrigin, 'https://second.example'],
      config: { header: { title: 'Ask us' }, tooltip: { text: 'Hi!' } },
      limits: { perIpPerMinute: 7 },
      transcripts: true,
    });
    const { res, body } = await h.text(`/v1/widgets/${widget.id}/config`);
    expect(res.status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      id: widget.id,
      config: { header: { title: 'Ask us' }, tooltip: { text: 'Hi!' } },
    });
    const headers = JSON.stringify([...res.headers]);
    for (const secret of [
      's3cr3t',
      new URL(h.bot.url).host,
      'second.example',
      'perIpPerMinute',
      'transcripts',
    ]) {
      expect(body).not.toContain(secret);
      expect(headers).not.toContain(secret);
    }
    expect(res.headers.get('access-control-allow-origin')).toBe(siteOrigin);
  });
});

describe('the dashboard', () => {
  it('draws every widget with escaped names, a strict CSP and no inline script', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert("x")</script>&';
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl, name: evil });
    await h.chat(widget.id, sendMessage('d-1', 'hello'));
    await h.server.flushAnalytics();
    const { res, body } = await h.text('/v1/admin/dashboard', {
      origin: null,
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    // The one script is the console's own file from this origin (copy buttons); nothing inline.
    expect(csp.split('; ')).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(body).toContain(`<style nonce="${nonce}">`);
    expect(
      [...body.matchAll(/<script\b[^>]*>([^<]*)<\/script>/g)].map((m) => [m[0], m[1]]),
    ).toEqual([['<script src="/v1/admin/dashboard/console.js" defer></script>', '']]);
    expect(body).not.toContain('<img');
    expect(body).toContain(
      '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;',
    );
    for (const title of [
      'Sessions per day',
      'Messages per day',
      'Response latency',
      'Error rate',
      'Open rate',
    ]) {
      expect(body).toContain(title);
    }
    expect(body).toContain('<svg');
    expect(body).not.toContain(new URL(h.bot.url).host);
  });

  it('takes the token once from the address, then keeps a strict HttpOnly cookie', async () => {
    const res = await h.request(`/v1/admin/dashboard?token=${adminToken}`, {
      origin: null,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/v1/admin/dashboard');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toContain(adminToken);
    const page = await h.request('/v1/admin/dashboard', {
      origin: null,
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(page.status).toBe(200);
    // The cookie opens the dashboard only, not the JSON API.
    const api = await h.request('/v1/admin/widgets', {
      origin: null,
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(api.status).toBe(401);
    const wrong = await h.request('/v1/admin/dashboard?token=nope', {
      origin: null,
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    const forged = await h.request('/v1/admin/dashboard', {
      origin: null,
      headers: { cookie: 'cwp_admin=forged' },
    });
    expect(forged.status).toBe(401);
  });
});

describe('the webhook URL stays secret', () => {
  it('appears in no body or header of any public route, success or error', async () => {
    const secretPath = '/webhook?stream=1&token=very-secret-path-token';
    const widget = await h.createWidget({
      webhookUrl: `${h.bot.url}${secretPath}`,
      limits: { perSessionPerMinute: 2, maxBodyBytes: 2048 },
    });
    const other = await h.createWidget({ webhookUrl: h.bot.faultUrl('status-500-html') });
    const seen: string[] = [];
    const hit = async (path: string, init: RequestInit & { origin?: string | null } = {}) => {
      const res = await h.request(path, init);
      seen.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`);
    };
    const chat = (id: string, body: unknown, origin: string | null = siteOrigin) =>
      hit(`/v1/widgets/${id}/chat`, {
        method: 'POST',
        origin,
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    await hit(`/v1/widgets/${widget.id}/config`);
    await hit(`/v1/widgets/${widget.id}/config`, { origin: 'https://evil.example' });
    await hit(`/v1/widgets/${widget.id}/chat`, { method: 'OPTIONS' });
    await chat(widget.id, sendMessage('leak-1', 'streamed'));
    await chat(widget.id, { action: 'loadPreviousSession', sessionId: 'leak-1' });
    await chat(widget.id, sendMessage('leak-1', 'rate limited now'));
    await chat(widget.id, sendMessage('bad id!', 'x'));
    await chat(widget.id, 'not json');
    await chat(widget.id, sendMessage('leak-2', 'x'.repeat(3000)));
    await chat(widget.id, sendMessage('leak-3', 'no origin'), null);
    await chat(other.id, sendMessage('leak-4', 'upstream 500'));
    await hit(`/v1/widgets/${widget.id}/events`, {
      method: 'POST',
      body: JSON.stringify({ events: [{ type: 'opened', at: Date.now() }] }),
    });
    await hit(`/v1/widgets/${widget.id}/events`, { method: 'POST', body: '{"events":"nope"}' });
    await hit('/v1/widgets/unknown-widget/config');
    await hit('/healthz');
    await hit('/nowhere');
    const all = seen.join('\n');
    expect(seen).toHaveLength(16);
    expect(seen.at(-1)).toMatch(/^404 /);
    expect(all).toContain('You said: streamed');
    for (const secret of [new URL(h.bot.url).host, 'very-secret-path-token', '/webhook']) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('guessing the admin token', () => {
  it('is cut off with 429 after 20 wrong tries a minute, while the right token still passes', async () => {
    const g = await startHarness();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await g.request('/v1/admin/widgets', {
          origin: null,
          headers: { authorization: `Bearer guess-${i}` },
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
      const right = await g.request('/v1/admin/widgets', {
        origin: null,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(right.status).toBe(200);
      const again = await g.request('/v1/admin/widgets', {
        origin: null,
        headers: { authorization: 'Bearer guess-again' },
      });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await g.close();
    }
  });
});
