import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOriginAllowed } from '../security/origin.js';
import { type Harness, sendMessage, startHarness } from './harness.js';

const allowed = ['https://example.com', 'http://localhost:5173'];

describe('exact origin matching', () => {
  it.each([
    'https://example.com.evil.com',
    'https://evil-example.com',
    'https://evilexample.com',
    'http://example.com',
    'https://example.com/',
    'https://example.com/path',
    'https://EXAMPLE.com',
    'HTTPS://example.com',
    'https://example.com:443',
    'https://example.com:8443',
    'https://sub.example.com',
    'https://user@example.com',
    'https://example.com.',
    'http://localhost:5174',
    'http://localhost',
    'null',
    '',
    ' https://example.com',
    'https://example.com%2f@evil.com',
    'https://example.com, https://evil.com',
    'https://example.com\thttps://evil.com',
  ])('refuses %j', (origin) => {
    expect(isOriginAllowed(origin, allowed)).toBe(false);
  });

  it('accepts the listed origins exactly', () => {
    expect(isOriginAllowed('https://example.com', allowed)).toBe(true);
    expect(isOriginAllowed('http://localhost:5173', allowed)).toBe(true);
  });

  it('accepts "null" only when it is listed, and anything with "*"', () => {
    expect(isOriginAllowed('null', [...allowed, 'null'])).toBe(true);
    expect(isOriginAllowed(undefined, ['*'])).toBe(true);
    expect(isOriginAllowed('https://anything.example', ['*'])).toBe(true);
  });

  it('refuses requests without an Origin unless "*" is listed', () => {
    expect(isOriginAllowed(undefined, allowed)).toBe(false);
  });
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('origins and widget ids on the wire', () => {
  it('answers a preflight from an allowed origin and refuses one from a look-alike', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: ['https://example.com'],
    });
    const ok = await h.request(`/v1/widgets/${widget.id}/chat`, {
      method: 'OPTIONS',
      origin: 'https://example.com',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://example.com');
    expect(ok.headers.get('access-control-allow-headers')).toContain('content-type');
    const bad = await h.request(`/v1/widgets/${widget.id}/chat`, {
      method: 'OPTIONS',
      origin: 'https://example.com.evil.com',
    });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses chat, config and events from a look-alike origin before touching the webhook', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      allowedOrigins: ['https://example.com'],
    });
    h.bot.reset();
    for (const origin of ['https://evil-example.com', 'http://example.com', 'null']) {
      const chat = await h.chat(widget.id, sendMessage('s-1', 'hi'), { origin });
      expect(chat.res.status).toBe(403);
      expect(JSON.parse(chat.body)).toEqual({
        error: {
          code: 'origin_not_allowed',
          message: 'this origin is not allowed to use this widget',
        },
      });
      expect((await h.request(`/v1/widgets/${widget.id}/config`, { origin })).status).toBe(403);
      const events = await h.request(`/v1/widgets/${widget.id}/events`, {
        method: 'POST',
        origin,
        body: JSON.stringify({ events: [] }),
      });
      expect(events.status).toBe(403);
    }
    expect(h.bot.requests).toHaveLength(0);
  });

  it('refuses chat without an Origin header unless the widget lists "*"', async () => {
    const strict = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    expect((await h.chat(strict.id, sendMessage('s-1', 'hi'), { origin: null })).res.status).toBe(
      403,
    );
    const open = await h.createWidget({ webhookUrl: h.bot.webhookUrl, allowedOrigins: ['*'] });
    expect((await h.chat(open.id, sendMessage('s-1', 'hi'), { origin: null })).res.status).toBe(
      200,
    );
  });

  it('lets a sandboxed page (Origin: null) in only when "null" is listed', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl, allowedOrigins: ['null'] });
    expect((await h.chat(widget.id, sendMessage('s-1', 'hi'), { origin: 'null' })).res.status).toBe(
      200,
    );
  });

  it('answers unknown, malformed and disabled widget ids exactly alike', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await h.admin('PATCH', `/v1/admin/widgets/${widget.id}`, { disabled: true });
    const ids = [widget.id, 'AAAAAAAAAAAAAAAAAAAAAA', 'no such id!', '..%2F..%2Fadmin'];
    for (const path of ['config', 'chat', 'events']) {
      const answers = [];
      for (const id of ids) {
        const { res, body } = await h.text(`/v1/widgets/${id}/${path}`, {
          method: path === 'config' ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json' },
          ...(path === 'config' ? {} : { body: JSON.stringify(sendMessage('s-1', 'hi')) }),
        });
        answers.push({
          status: res.status,
          body,
          type: res.headers.get('content-type'),
          cors: res.headers.get('access-control-allow-origin'),
        });
      }
      for (const answer of answers) {
        // Readable by the page, so the widget can say the id is unknown; the same for all three.
        expect(answer).toEqual({
          status: 404,
          body: '{"error":{"code":"not_found","message":"no widget with this id, or it is disabled"}}',
          type: 'application/json; charset=utf-8',
          cors: 'https://shop.example',
        });
      }
    }
  });
});
