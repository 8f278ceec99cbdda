import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminToken, type Harness, sendMessage, siteOrigin, startHarness } from './harness.js';

const base = '/v1/admin/dashboard';
let h: Harness;
let cookie: string;

beforeAll(async () => {
  h = await startHarness();
  cookie = await login();
});
afterAll(() => h.close());

async function login(): Promise<string> {
  const res = await h.request(`${base}?token=${adminToken}`, { origin: null, redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const self = () => new URL(h.server.url).origin;

async function page(path: string, session = cookie) {
  const res = await h.request(path, { origin: null, headers: { cookie: session } });
  return { res, body: await res.text() };
}

const csrfIn = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

async function post(
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

async function csrf(session = cookie) {
  return csrfIn((await page(`${base}/widgets/new`, session)).body);
}

const widgetFields = (extra: Record<string, string> = {}) => ({
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

async function createThroughForm(extra: Record<string, string> = {}) {
  const { res } = await post(`${base}/widgets`, { csrf: await csrf(), ...widgetFields(extra) });
  expect(res.status).toBe(303);
  const id = /\/widgets\/([^/?]+)\?created=1$/.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function stored(id: string) {
  return (await h.admin('GET', `/v1/admin/widgets/${id}`)).json as Record<string, unknown>;
}

describe('managing widgets from the console', () => {
  it('creates a widget from the form with the same settings the API stores', async () => {
    const id = await createThroughForm();
    expect(await stored(id)).toMatchObject({
      name: 'Shop help',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: [siteOrigin, 'https://www.shop.example'],
      config: {
        header: { title: 'Ask the shop' },
        theme: { tokens: { primary: '#0a7d5a' } },
        tooltip: { text: 'Questions?' },
        bubble: { position: 'bottom-left' },
        locale: 'de',
      },
      limits: { perIpPerMinute: 12 },
      identity: { required: false, claims: ['name', 'email'] },
      disabled: false,
    });
    const { res, body } = await page(`${base}/widgets/${id}`);
    expect(res.status).toBe(200);
    // The embed code names this server and the widget, never the webhook outside the form.
    expect(body).toContain(`data-server=&quot;${self()}&quot; data-widget-id=&quot;${id}&quot;`);
    expect(body).toContain(`&lt;cwp-chat server=&quot;${self()}&quot; widget-id=&quot;${id}&quot;`);
    expect(body).toContain('@cwp/vue');
    expect(body).toContain('@cwp/svelte');
    expect(body).toContain('@cwp/solid');
    const widgets = await page(base);
    expect(widgets.body).toContain(`href="${base}/widgets/${id}"`);
  });

  it('shows the admin API’s own errors next to the form and keeps what was typed', async () => {
    const before = ((await h.admin('GET', '/v1/admin/widgets')).json as { widgets: unknown[] })
      .widgets.length;
    const { res, body } = await post(`${base}/widgets`, {
      csrf: await csrf(),
      ...widgetFields({
        name: 'Typed name',
        webhookUrl: 'ftp://files.example/hook',
        'limits.perIpPerMinute': 'lots',
      }),
    });
    expect(res.status).toBe(400);
    expect(body).toContain('role="alert"');
    expect(body).toContain('limits.perIpPerMinute: limits must be numbers');
    expect(body).toContain('value="Typed name"');
    expect(body).toContain('value="ftp://files.example/hook"');
    const after = ((await h.admin('GET', '/v1/admin/widgets')).json as { widgets: unknown[] })
      .widgets.length;
    expect(after).toBe(before);

    const leak = await post(`${base}/widgets`, {
      csrf: await csrf(),
      ...widgetFields({ title: h.bot.webhookUrl }),
    });
    expect(leak.res.status).toBe(400);
    expect(leak.body).toContain('config.header.title: must not contain the webhook URL');
  });

  it('edits a widget, keeping the settings the form does not show', async () => {
    const id = await createThroughForm();
    await h.admin('PATCH', `/v1/admin/widgets/${id}`, {
      config: { ...((await stored(id)).config as object), messages: { sendLabel: 'Senden' } },
    });
    const { res } = await post(`${base}/widgets/${id}`, {
      csrf: await csrf(),
      ...widgetFields({
        title: 'Renamed',
        tooltip: '',
        'limits.perIpPerMinute': '',
        identityRequired: 'on',
        identityClaims: 'email',
      }),
    });
    expect(res.status).toBe(303);
    const widget = await stored(id);
    expect(widget.identity).toEqual({ required: true, claims: ['email'] });
    const bad = await post(`${base}/widgets/${id}`, {
      csrf: await csrf(),
      ...widgetFields({ identityClaims: 'e-mail' }),
    });
    expect(bad.res.status).toBe(400);
    expect(bad.body).toContain('identity.claims must be claim names');
    expect(widget.config).toEqual({
      header: { title: 'Renamed' },
      theme: { tokens: { primary: '#0a7d5a' } },
      bubble: { position: 'bottom-left' },
      locale: 'de',
      messages: { sendLabel: 'Senden' },
    });
    expect(widget.limits).toEqual({});
  });

  it('disables, re-enables and deletes (after a confirmation page) a widget', async () => {
    const id = await createThroughForm();
    const token = await csrf();
    expect(
      (await post(`${base}/widgets/${id}/disabled`, { csrf: token, disabled: 'true' })).res.status,
    ).toBe(303);
    expect((await h.chat(id, sendMessage('c-1', 'hi'))).res.status).toBe(404);
    await post(`${base}/widgets/${id}/disabled`, { csrf: token, disabled: 'false' });
    expect((await h.chat(id, sendMessage('c-1', 'hi'))).res.status).toBe(200);

    const confirm = await page(`${base}/widgets/${id}/delete`);
    expect(confirm.body).toContain('cannot be undone');
    expect(confirm.body).toContain(`action="${base}/widgets/${id}/delete"`);
    expect((await stored(id)).id).toBe(id);
    const deleted = await post(`${base}/widgets/${id}/delete`, { csrf: token });
    expect(deleted.res.status).toBe(303);
    expect((await h.admin('GET', `/v1/admin/widgets/${id}`)).res.status).toBe(404);
  });

  it('rotates the identity secret and shows the new one once', async () => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'Verified',
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: [siteOrigin],
    });
    const { id, identitySecret: old } = created.json as { id: string; identitySecret: string };
    const { res, body } = await post(`${base}/widgets/${id}/identity-secret`, {
      csrf: await csrf(),
    });
    expect(res.status).toBe(200);
    const secret = /<pre id="secret"[^>]*>([A-Za-z0-9_-]{43})<\/pre>/.exec(body)?.[1];
    expect(secret).toBeTruthy();
    expect(secret).not.toBe(old);
    expect((await page(`${base}/widgets/${id}`)).body).not.toContain(secret!);
  });
});

describe('console forms refuse cross-site posts', () => {
  it('refuses a POST without the token, with another login’s token, or from another origin', async () => {
    const count = async () =>
      ((await h.admin('GET', '/v1/admin/widgets')).json as { widgets: unknown[] }).widgets.length;
    const before = await count();
    const other = await login();
    const tries = [
      await post(`${base}/widgets`, widgetFields()),
      await post(`${base}/widgets`, { csrf: await csrf(other), ...widgetFields() }),
      await post(
        `${base}/widgets`,
        { csrf: await csrf(), ...widgetFields() },
        { origin: 'https://evil.example' },
      ),
      await post(`${base}/widgets`, { csrf: await csrf(), ...widgetFields() }, { origin: null }),
    ];
    expect(tries.map((t) => t.res.status)).toEqual([403, 403, 403, 403]);
    const noSession = await post(
      `${base}/widgets`,
      { csrf: await csrf(), ...widgetFields() },
      { session: '' },
    );
    expect(noSession.res.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('serves the copy script from its own origin only, and no page has inline script', async () => {
    const script = await page(`${base}/console.js`);
    expect(script.res.headers.get('content-type')).toContain('text/javascript');
    expect(script.body).toContain('navigator.clipboard');
    const { res, body } = await page(`${base}/widgets/new`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // A no-referrer page makes the browser post its forms with `Origin: null`.
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect((await h.admin('GET', '/v1/admin/widgets')).res.headers.get('referrer-policy')).toBe(
      'no-referrer',
    );
    expect(body.match(/<script/g)).toHaveLength(1);
    expect(body).toContain(`<script src="${base}/console.js" defer></script>`);
  });
});

describe('reports in the console', () => {
  it('picks a range, draws one day as a labelled bar on a readable axis, and exports the same numbers', async () => {
    const id = await createThroughForm({ name: 'Reported' });
    await h.chat(id, sendMessage('r-1', 'hello'));
    await h.chat(id, sendMessage('r-1', 'again'));
    await h.server.flushAnalytics();
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await page(`${base}?widget=${id}&from=${today}&to=${today}`);
    expect(body).toContain(`type="date" name="from" value="${today}"`);
    for (const days of [7, 30, 90]) expect(body).toContain(`?days=${days}&amp;widget=${id}`);
    // One day: bars with their value written beside them, not a lone dot.
    expect(body).toMatch(/<text class="value"[^>]*>2<\/text>/);
    expect(body).not.toContain('<polyline');
    // No errors: the error-rate axis still runs 0%–1%, not 0%–0%.
    const errorChart = body.slice(body.indexOf('Error rate</figcaption>'));
    expect(errorChart).toMatch(/class="tick"[^>]*>1%<\/text>/);

    const csv = await page(`${base}/report.csv?widget=${id}&from=${today}&to=${today}`);
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const [header, row] = csv.body.trim().split('\r\n');
    const record = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    expect(record).toMatchObject({
      widgetId: id,
      widgetName: 'Reported',
      day: today,
      sessions: '1',
      messages: '2',
      errors: '0',
    });

    const ninety = await page(`${base}?widget=${id}&days=90`);
    expect(ninety.res.status).toBe(200);
    const figure = (body: string, title: string) => {
      const start = body.indexOf(`${title}</figcaption>`);
      return body.slice(start, body.indexOf('</figure>', start));
    };
    // Ninety days: one bar a day, labelled by a few spread dates rather than a value each.
    const sessions = figure(ninety.body, 'Sessions per day');
    expect(sessions.match(/<rect /g)).toHaveLength(90);
    expect(sessions).not.toContain('class="value"');
    expect(sessions.match(/class="tick"[^>]*text-anchor="middle"/g)).toHaveLength(5);
  });
});

describe('reply feedback in the console', () => {
  it('shows thumbs up and down, their rate, starter prompt clicks and buttons chosen, in the table, charts and the CSV', async () => {
    const id = await createThroughForm({ name: 'Rated' });
    const at = Date.now();
    const sent = await h.text(`/v1/widgets/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-1', value: 'up' },
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-2', value: 'up' },
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-3', value: 'up' },
          { type: 'feedback', at, sessionId: 's-2', messageId: 'r-4', value: 'down' },
          { type: 'starter_prompt_sent', at, sessionId: 's-2', index: 0, messageId: 'q-1' },
          {
            type: 'button_chosen',
            at,
            sessionId: 's-2',
            messageId: 'b-1',
            index: 0,
            action: 'fetch',
          },
          {
            type: 'button_chosen',
            at,
            sessionId: 's-3',
            messageId: 'b-2',
            index: 1,
            action: 'open',
          },
        ],
      }),
    });
    expect(sent.res.status).toBe(202);
    await h.server.flushAnalytics();
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await page(`${base}?widget=${id}&from=${today}&to=${today}`);
    expect(body).toContain('<th>thumbs up</th><th>thumbs down</th><th>thumbs-up rate</th>');
    expect(body).toContain(
      '<th>starter prompts</th><th>buttons chosen</th><th>thumbs up</th><th>thumbs down</th><th>thumbs-up rate</th>',
    );
    expect(body).toContain('<td>1</td><td>2</td><td>3</td><td>1</td><td>75%</td></tr>');
    expect(body).toContain('Reply feedback per day</figcaption>');
    expect(body).toContain('Buttons chosen per day</figcaption>');
    const csv = await page(`${base}/report.csv?widget=${id}&from=${today}&to=${today}`);
    const [header, row] = csv.body.trim().split('\r\n');
    const record = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    expect(record).toMatchObject({
      starterPrompts: '1',
      buttonsChosen: '2',
      feedbackUp: '3',
      feedbackDown: '1',
      feedbackRate: '0.75',
    });
  });
});

describe('transcripts in the console', () => {
  it('lists a widget’s conversations newest first, finds them by text, and shows nothing where they are off', async () => {
    const id = await createThroughForm({ name: 'Kept', transcripts: 'on' });
    expect((await stored(id)).transcripts).toBe(true);
    await h.chat(id, sendMessage('first-session', 'my parcel is lost'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.chat(id, sendMessage('second-session', 'opening hours?'));
    const path = `${base}/widgets/${id}/transcripts`;
    await vi.waitFor(async () => {
      expect((await page(path)).body).toContain('You said: opening hours?');
    });
    const all = (await page(path)).body;
    expect(all.indexOf('second-session')).toBeGreaterThan(0);
    expect(all.indexOf('second-session')).toBeLessThan(all.indexOf('first-session'));
    expect(all).toContain('my parcel is lost');
    expect(all).toContain('You said: my parcel is lost');

    const found = (await page(`${path}?q=PARCEL`)).body;
    expect(found).toContain('first-session');
    expect(found).not.toContain('second-session');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const earlier = (await page(`${path}?from=${yesterday}&to=${yesterday}`)).body;
    expect(earlier).not.toContain('first-session');
    expect(earlier).toContain('No conversations');

    // Unticked in the form: the server stops keeping text, and the page says so.
    const { res } = await post(`${base}/widgets/${id}`, {
      csrf: await csrf(),
      ...widgetFields({ name: 'Kept' }),
    });
    expect(res.status).toBe(303);
    expect((await stored(id)).transcripts).toBe(false);
    const off = (await page(path)).body;
    expect(off).toContain('Transcripts are off for this widget');
    expect(off).not.toContain('my parcel is lost');
  });
});

describe('file uploads in the console', () => {
  it('turns uploads on with types and limits from the form, shows them again, and names a bad limit', async () => {
    const id = await createThroughForm({
      uploads: 'on',
      uploadTypes: 'image/*,application/pdf',
      maxFileSize: '2048',
      maxFiles: '3',
    });
    expect((await stored(id)).config).toMatchObject({
      allowFileUploads: true,
      allowedFilesMimeTypes: 'image/*,application/pdf',
      maxFileSize: 2048,
      maxFiles: 3,
    });
    const { body } = await page(`${base}/widgets/${id}`);
    expect(body).toMatch(/name="uploads" checked/);
    expect(body).toContain('name="uploadTypes" value="image/*,application/pdf"');
    const bad = await post(`${base}/widgets`, {
      csrf: await csrf(),
      ...widgetFields({ uploads: 'on', maxFiles: 'many' }),
    });
    expect(bad.res.status).toBe(400);
    expect(bad.body).toContain('config.maxFiles: must be a positive whole number');
  });
});
