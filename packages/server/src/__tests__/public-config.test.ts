import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicConfigProblem } from '../public-config.js';
import { openStore } from '../store/index.js';
import type { WidgetRecord } from '../store/types.js';
import { type Harness, siteOrigin, startHarness } from './harness.js';

let h: Harness;
let port: string;
// Two webhooks on different hosts, each with an n8n-style secret id in its path.
let hookA: string;
let hookB: string;
const idA = '3f1c9a52-7b1e-4d6a-9c0f-2a8b7e5d4c31';
const idB = '8d2e4b17-9a3c-4f5e-b6d7-1c0a9e8f7b62';

beforeAll(async () => {
  h = await startHarness();
  port = new URL(h.bot.url).port;
  hookA = `http://127.0.0.1:${port}/webhook/${idA}/chat`;
  hookB = `http://localhost:${port}/webhook/${idB}/chat`;
});
afterAll(() => h.close());

/** The public config as a browser gets it, checked for every spelling of the webhook's secret parts. */
async function publicBody(widget: WidgetRecord, webhookUrl: string): Promise<unknown> {
  const { res, body } = await h.text(`/v1/widgets/${widget.id}/config`);
  expect(res.status).toBe(200);
  const url = new URL(webhookUrl);
  const lower = decodeURIComponent(body).toLowerCase();
  for (const secret of [url.pathname.split('/')[2]!, `${url.host}${url.pathname}`]) {
    expect(lower).not.toContain(secret.toLowerCase());
  }
  expect(lower).not.toMatch(/web\W*hook\W*url/);
  return JSON.parse(body);
}

const patch = (id: string, body: unknown) => h.admin('PATCH', `/v1/admin/widgets/${id}`, body);

const mentioning = (url: string) => ({
  header: { title: 'Support' },
  footer: { links: [{ label: 'Status', href: url }] },
});

describe('the webhook URL never reaches the public config', () => {
  it.each([
    ['a webhookUrl key under header', () => ({ header: { title: 'Hi', webhookUrl: hookA } })],
    ['a WebhookURL key under theme', () => ({ theme: { WebhookURL: hookA } })],
    ['a webhookUrl key under config', () => ({ config: { webhookUrl: hookA } })],
    ['a webhook_url key in metadata', () => ({ metadata: { webhook_url: 'x' } })],
    [
      'the URL in upper case in a text',
      () => ({ footer: { text: `Mail ${hookA.toUpperCase()}` } }),
    ],
    ['the URL %-escaped in a link', () => mentioning(hookA.replace('/chat', '/%63hat'))],
    [
      'the URL in a JSON blob in a message text',
      () => ({ messages: { title: JSON.stringify({ webhookUrl: hookA }) } }),
    ],
    [
      'the URL with escaped slashes deep in metadata',
      () => ({ metadata: { a: { b: [hookA.replaceAll('/', '\\/')] } } }),
    ],
    [
      'the secret id alone in a greeting',
      () => ({ initialMessages: [`ref ${idA.toUpperCase()}`] }),
    ],
    ['an unknown nested setting', () => ({ header: { titel: 'typo' } })],
  ])('refuses a widget saved with %s, naming the field', async (_name, config) => {
    const created = await h.admin('POST', '/v1/admin/widgets', {
      name: 'x',
      webhookUrl: hookA,
      allowedOrigins: [siteOrigin],
      config: config(),
    });
    expect(created.res.status).toBe(400);
    expect((created.json as { error: { message: string } }).error.message).toMatch(/config\.\w+/);

    const widget = await h.createWidget({ webhookUrl: hookA, config: { header: { title: 'Hi' } } });
    const patched = await patch(widget.id, { config: config() });
    expect(patched.res.status).toBe(400);
    expect(await publicBody(widget, hookA)).toEqual({
      id: widget.id,
      config: { header: { title: 'Hi' } },
    });
  });

  it('refuses a new webhook URL that the saved config already mentions (config first, then URL)', async () => {
    const widget = await h.createWidget({ webhookUrl: hookA, config: mentioning(hookB) });
    const moved = await patch(widget.id, {
      webhookUrl: hookB.toUpperCase().replace('HTTP', 'http'),
    });
    expect(moved.res.status).toBe(400);
    expect((moved.json as { error: { message: string } }).error.message).toMatch(
      /config\.footer\.links\.0\.href: must not contain the webhook URL/,
    );
    const moved2 = await patch(widget.id, { webhookUrl: hookB });
    expect(moved2.res.status).toBe(400);
    await publicBody(widget, hookA);
    expect((await h.admin('GET', `/v1/admin/widgets/${widget.id}`)).json).toMatchObject({
      webhookUrl: hookA,
    });
  });

  it('refuses the config when it mentions the webhook set by an earlier patch (URL first, then config)', async () => {
    const widget = await h.createWidget({ webhookUrl: hookA });
    expect((await patch(widget.id, { webhookUrl: hookB })).res.status).toBe(200);
    const withLink = await patch(widget.id, { config: mentioning(hookB) });
    expect(withLink.res.status).toBe(400);
    await publicBody(widget, hookB);
  });

  it('refuses both changed in one patch, and a patch of config then URL then config', async () => {
    const widget = await h.createWidget({ webhookUrl: hookA });
    const both = await patch(widget.id, { webhookUrl: hookB, config: mentioning(hookB) });
    expect(both.res.status).toBe(400);
    expect((await patch(widget.id, { config: mentioning(hookB) })).res.status).toBe(200);
    expect((await patch(widget.id, { config: mentioning(hookA) })).res.status).toBe(400);
    expect((await patch(widget.id, { webhookUrl: hookB })).res.status).toBe(400);
    expect(await publicBody(widget, hookA)).toEqual({ id: widget.id, config: mentioning(hookB) });
  });

  it('refuses a config naming the webhook host once the site origin that shared it is removed', async () => {
    const widget = await h.createWidget({
      webhookUrl: hookA,
      allowedOrigins: [siteOrigin, `http://127.0.0.1:${port}`],
      config: mentioning(`http://127.0.0.1:${port}/privacy`),
    });
    const narrowed = await patch(widget.id, { allowedOrigins: [siteOrigin] });
    expect(narrowed.res.status).toBe(400);
  });

  it('serves only public settings whatever the store holds', async () => {
    const widget = await h.createWidget({ webhookUrl: hookA });
    // Written past the admin API, as an older version, a script or another tool could have.
    const store = await openStore({ file: h.dbFile });
    try {
      await store.updateWidget(widget.id, {
        config: {
          header: { title: 'Hi', webhookUrl: hookA, WebhookURL: hookA, avatar: hookA },
          theme: { colorScheme: 'dark', tokens: { accent: '#f00' }, WEBHOOKURL: hookA },
          config: { webhookUrl: hookA },
          webhookUrl: hookA,
          server: hookA,
          footer: { text: `Reach us at ${hookA.toUpperCase()}`, links: [] },
          metadata: { source: 'site', nested: { webhookUrl: hookA, url: hookA, ok: 1 } },
          messages: { title: 'Chat', subtitle: JSON.stringify({ webhookUrl: hookA }) },
          initialMessages: ['Hello', `see ${idA}`],
          tooltip: false,
        },
      });
    } finally {
      await store.close();
    }
    expect(await publicBody(widget, hookA)).toEqual({
      id: widget.id,
      config: {
        header: { title: 'Hi' },
        theme: { colorScheme: 'dark', tokens: { accent: '#f00' } },
        footer: { links: [] },
        metadata: { source: 'site', nested: { ok: 1 } },
        messages: { title: 'Chat' },
        initialMessages: ['Hello'],
        tooltip: false,
      },
    });
  });

  it('still serves every public setting the widget understands', async () => {
    const config = {
      type: 'inline',
      initialMessages: ['Hi!'],
      header: { title: 'T', subtitle: 'S', avatar: 'https://cdn.example/a.png', showStatus: true },
      footer: {
        text: 'Powered by n8n',
        links: [{ label: 'Privacy', href: 'mailto:p@example.com' }],
      },
      tooltip: { text: 'Need help?', delay: 300 },
      bubble: { position: 'bottom-left' },
      theme: { colorScheme: 'auto', tokens: { 'accent-color': 'rgb(1 2 3)' } },
      locale: 'pt-BR',
      dir: 'ltr',
      messages: { send: 'Enviar', unread: { one: '1 nova', other: '{count} novas' } },
      timeouts: { request: 8000, idle: 1500 },
      analytics: { includeText: false },
      allowImagesFrom: ['https://cdn.example'],
      openOnStart: false,
      autoOpen: { delay: 8000, once: 'visitor', onMobile: false },
      abortOnClose: true,
      loadPreviousSession: true,
      metadata: { plan: 'pro', tags: ['a', 'b'], nested: { n: 1, nothing: null } },
    };
    const widget = await h.createWidget({ webhookUrl: hookA, config });
    expect(await publicBody(widget, hookA)).toEqual({ id: widget.id, config });
  });

  it('serves the brand settings: a bubble icon (built in or an image) and the reply sound', async () => {
    for (const config of [
      { bubble: { icon: 'sparkle' }, sound: true },
      {
        bubble: { icon: 'https://cdn.example/logo.svg' },
        sound: { url: 'https://cdn.example/ding.mp3' },
        theme: { tokens: { 'window-width': '440px', 'window-height': '720px' } },
      },
    ]) {
      const widget = await h.createWidget({ webhookUrl: hookA, config });
      expect(await publicBody(widget, hookA)).toEqual({ id: widget.id, config });
    }
    const bad = await h.admin('POST', '/v1/admin/widgets', {
      name: 'Bad brand',
      allowedOrigins: [siteOrigin],
      webhookUrl: hookA,
      config: { bubble: { icon: 'javascript:alert(1)' }, sound: { url: 'ding.mp3' } },
    });
    expect(bad.res.status).toBe(400);
    const message = (bad.json as { error: { message: string } }).error.message;
    expect(message).toContain('config.bubble.icon');
    expect(message).toContain('config.sound');
  });

  it('serves the typewriter setting and refuses a pace that is not a positive number', async () => {
    for (const config of [
      { typewriter: false },
      { typewriter: { charsPerSecond: 300, maxDurationMs: 1000 } },
    ]) {
      const widget = await h.createWidget({ webhookUrl: hookA, config });
      expect(await publicBody(widget, hookA)).toEqual({ id: widget.id, config });
    }
    // 0 would pass here and then fail the widget's own config check on every page.
    for (const charsPerSecond of ['fast', 0]) {
      const bad = await h.admin('POST', '/v1/admin/widgets', {
        name: 'Bad pace',
        allowedOrigins: [siteOrigin],
        webhookUrl: hookA,
        config: { typewriter: { charsPerSecond } },
      });
      expect(bad.res.status).toBe(400);
      expect((bad.json as { error: { message: string } }).error.message).toContain(
        'config.typewriter',
      );
    }
  });
});

describe('what counts as revealing the webhook', () => {
  const context = {
    webhookUrl: `http://n8n:5678/webhook/${idA}/chat`,
    allowedOrigins: ['https://shop.example'],
  };

  it('lets a text name n8n when the webhook sits on a bare container name', () => {
    expect(publicConfigProblem({ footer: { text: 'Powered by n8n' } }, context)).toBeNull();
  });

  it('refuses the secret id however it is spelled', () => {
    for (const text of [
      idA.toUpperCase(),
      encodeURIComponent(`http://n8n:5678/webhook/${idA}`),
      `http:\\/\\/n8n:5678\\/webhook\\/${idA}`,
    ]) {
      expect(publicConfigProblem({ footer: { text } }, context)).toMatch(
        /config\.footer\.text: must not contain the webhook URL/,
      );
    }
  });
});
