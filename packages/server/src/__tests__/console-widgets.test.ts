import { describe, expect, it } from 'vitest';
import {
  base,
  createThroughForm,
  csrf,
  h,
  page,
  post,
  self,
  stored,
  useConsole,
  widgetFields,
} from './console-harness.js';
import { sendMessage, siteOrigin } from './harness.js';

useConsole();

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
