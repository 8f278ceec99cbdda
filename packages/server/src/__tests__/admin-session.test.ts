import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminToken, type Harness, startHarness } from './harness.js';

const login = (h: Harness, headers: Record<string, string> = {}) =>
  h.request(`/v1/admin/dashboard?token=${adminToken}`, {
    origin: null,
    redirect: 'manual',
    headers,
  });

async function sessionCookie(h: Harness): Promise<{ header: string; pair: string }> {
  const res = await login(h);
  expect(res.status).toBe(303);
  const header = res.headers.get('set-cookie')!;
  return { header, pair: header.split(';')[0]! };
}

const dashboard = (h: Harness, headers: Record<string, string>) =>
  h.request('/v1/admin/dashboard', { origin: null, redirect: 'manual', headers });

const api = (h: Harness, headers: Record<string, string>) =>
  h.request('/v1/admin/widgets', { origin: null, headers });

describe('wrong admin tokens never lock out the right one', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(() => h.close());

  it('keeps the bearer token and the dashboard cookie working after a flood of wrong ?token= links', async () => {
    const cookie = await sessionCookie(h);
    // What a page the admin visits could fire cross-site: <img src=".../dashboard?token=…">.
    const from = { 'x-forwarded-for': '203.0.113.40' };
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await h.request(`/v1/admin/dashboard?token=guess-${i}`, {
        origin: null,
        redirect: 'manual',
        headers: from,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));

    const bearer = await api(h, { ...from, authorization: `Bearer ${adminToken}` });
    expect(bearer.status).toBe(200);
    const page = await dashboard(h, { ...from, cookie: cookie.pair });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ChatWidgetPro dashboard');
    const relogin = await login(h, from);
    expect(relogin.status).toBe(303);

    // Wrong guesses from that address stay refused, with a Retry-After.
    const wrong = await api(h, { ...from, authorization: 'Bearer still-wrong' });
    expect(wrong.status).toBe(429);
    expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts an IPv6 guesser by its /64, so rotating addresses inside it does not reset the count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await api(h, {
        'x-forwarded-for': `2001:db8:7:8::${(i + 1).toString(16)}`,
        authorization: `Bearer guess-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses[20]).toBe(429);
    const neighbour = await api(h, {
      'x-forwarded-for': '2001:db8:7:9::1',
      authorization: 'Bearer guess-x',
    });
    expect(neighbour.status).toBe(401);
  });

  it('reads a token from the address only on the dashboard login link, never on the API', async () => {
    const res = await h.request(`/v1/admin/widgets?token=${adminToken}`, {
      origin: null,
      headers: { 'x-forwarded-for': '203.0.113.41' },
    });
    expect(res.status).toBe(401);
  });
});

describe('the dashboard session cookie', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ trustedProxies: ['127.0.0.1'] });
  });
  afterAll(() => h.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is random per login, HttpOnly, SameSite=Strict and expires with the login', async () => {
    const first = await sessionCookie(h);
    const second = await sessionCookie(h);
    expect(first.pair).not.toBe(second.pair);
    for (const { header, pair } of [first, second]) {
      expect(header).toMatch(/HttpOnly/i);
      expect(header).toMatch(/SameSite=Strict/i);
      expect(header).toMatch(/Max-Age=43200/i);
      expect(header).toMatch(/Path=\/v1\/admin\/dashboard/i);
      expect(pair).not.toContain(adminToken);
    }
    // Plain http straight to the server: Secure would keep the browser from sending it back.
    expect(first.header).not.toMatch(/Secure/i);
    expect((await dashboard(h, { cookie: first.pair })).status).toBe(200);
    expect((await dashboard(h, { cookie: second.pair })).status).toBe(200);
  });

  it('is refused by the server past its expiry even if the browser still sends it', async () => {
    const { pair } = await sessionCookie(h);
    expect((await dashboard(h, { cookie: pair })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 12 * 60 * 60 * 1000 + 1000);
    expect((await dashboard(h, { cookie: pair })).status).toBe(401);
  });

  it('refuses a forged or altered cookie', async () => {
    const { pair } = await sessionCookie(h);
    const value = pair.slice(pair.indexOf('=') + 1);
    const [v, expires, id, mac] = value.split('.');
    const later = (Number.parseInt(expires!, 36) + 1000).toString(36);
    for (const forged of [
      'forged',
      `${v}.${later}.${id}.${mac}`,
      `${v}.${expires}.${id}x.${mac}`,
      `${v}.${expires}.${id}`,
    ]) {
      expect((await dashboard(h, { cookie: `cwp_admin=${forged}` })).status).toBe(401);
    }
  });

  it('is Secure when a trusted proxy says the visitor came over https', async () => {
    for (const headers of [
      { 'x-forwarded-proto': 'https' } as Record<string, string>,
      { forwarded: 'for=203.0.113.5;proto=https' },
    ]) {
      const res = await login(h, headers);
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    }
  });

  it('opens the JSON API for nobody: the cookie is for the dashboard page only', async () => {
    const { pair } = await sessionCookie(h);
    expect((await api(h, { cookie: pair })).status).toBe(401);
  });
});

describe('the dashboard session across restarts', () => {
  it('ignores X-Forwarded-Proto from an untrusted peer and ends every session when the token changes', async () => {
    const h = await startHarness();
    try {
      const spoofed = await login(h, { 'x-forwarded-proto': 'https' });
      expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/i);
      const { pair } = await sessionCookie(h);
      await h.restart();
      expect((await dashboard(h, { cookie: pair })).status).toBe(200);
      const rotated = 'rotated-admin-token-abcdefghijklmnop';
      await h.restart({ adminToken: rotated });
      expect((await dashboard(h, { cookie: pair })).status).toBe(401);
      const fresh = await h.request(`/v1/admin/dashboard?token=${rotated}`, {
        origin: null,
        redirect: 'manual',
      });
      expect(fresh.status).toBe(303);
    } finally {
      await h.close();
    }
  });
});
