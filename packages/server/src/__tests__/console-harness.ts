import { afterAll, beforeAll, expect } from 'vitest';
import { adminToken, type Harness, siteOrigin, startHarness } from './harness.js';

export const base = '/v1/admin/dashboard';
/** The running server, set by useConsole()'s beforeAll (a live binding: read it inside tests). */
export let h: Harness;
let cookie: string;

/** One server for the test file, and a console login that the helpers below post with. */
export function useConsole() {
  beforeAll(async () => {
    h = await startHarness();
    cookie = await login();
  });
  afterAll(() => h.close());
}

export async function login(): Promise<string> {
  const res = await h.request(`${base}?token=${adminToken}`, { origin: null, redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export const self = () => new URL(h.server.url).origin;

export async function page(path: string, session = cookie) {
  const res = await h.request(path, { origin: null, headers: { cookie: session } });
  return { res, body: await res.text() };
}

const csrfIn = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

export async function post(
  path: string,
  fields: Record<string, string>,
  { session = cookie, origin = self() }: { session?: string; origin?: string | null } = {},
) {
  const res = await h.request(path, {
    method: 'POST',
    origin,
    redirect: 'manual',
    headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { res, body: await res.text() };
}

export async function csrf(session = cookie) {
  return csrfIn((await page(`${base}/widgets/new`, session)).body);
}

export const widgetFields = (extra: Record<string, string> = {}) => ({
  name: 'Shop help',
  webhookUrl: h.bot.webhookUrl,
  allowedOrigins: `${siteOrigin}\nhttps://www.shop.example`,
  title: 'Ask the shop',
  primary: '#0a7d5a',
  tooltip: 'Questions?',
  position: 'bottom-left',
  locale: 'de',
  'limits.perIpPerMinute': '12',
  identityClaims: 'name, email',
  ...extra,
});

export async function createThroughForm(extra: Record<string, string> = {}) {
  const { res } = await post(`${base}/widgets`, { csrf: await csrf(), ...widgetFields(extra) });
  expect(res.status).toBe(303);
  const id = /\/widgets\/([^/?]+)\?created=1$/.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

export async function stored(id: string) {
  return (await h.admin('GET', `/v1/admin/widgets/${id}`)).json as Record<string, unknown>;
}
