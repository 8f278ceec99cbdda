import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, sendMessage, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.bot.reset());

interface Button {
  text: string;
  link?: string;
  type: string;
}

const botHost = () => new URL(h.bot.url).host;
const hits = () => h.bot.requests.filter((r) => r.path.startsWith('/webhook-waiting/'));

async function buttonsReply(widgetId: string, sessionId: string) {
  const { res, body } = await h.chat(widgetId, sendMessage(sessionId, '/buttons'));
  expect(res.status).toBe(200);
  const message = JSON.parse((JSON.parse(body) as { output: string }).output) as {
    type: string;
    buttons: Button[];
  };
  return { body, message };
}

describe('button links in managed mode', () => {
  it('seals links on the webhook’s origin, so the page never sees the bot’s address', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { body, message } = await buttonsReply(widget.id, 's-1');
    expect(body).not.toContain(botHost());
    expect(body).not.toContain('webhook-waiting');
    expect(message.type).toBe('with-buttons');
    const [approve, terms, more] = message.buttons;
    expect(approve?.link).toMatch(/^buttons\/[\w-]{40,}$/);
    expect(terms?.link).toBe('https://example.com/terms');
    expect(more?.link).toBeUndefined();
  });

  it('fetches a sealed link on the bot for the session it was made for, and for no one else', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const other = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    const { message } = await buttonsReply(widget.id, 's-2');
    const link = message.buttons[0]!.link!;
    const url = (id: string, session: string) => `/v1/widgets/${id}/${link}?sessionId=${session}`;

    const stranger = await h.text(url(widget.id, 's-someone-else'));
    expect(stranger.res.status).toBe(403);
    expect((await h.text(url(other.id, 's-2'))).res.status).toBe(404);
    expect(
      (await h.text(url(widget.id, 's-2'), { origin: 'https://evil.example' })).res.status,
    ).toBe(403);
    const forged = `/v1/widgets/${widget.id}/buttons/${'A'.repeat(60)}?sessionId=s-2`;
    expect((await h.text(forged)).res.status).toBe(404);
    expect(hits()).toHaveLength(0);

    const chosen = await h.text(url(widget.id, 's-2'));
    expect(chosen.res.status).toBe(204);
    expect(chosen.res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(hits()).toMatchObject([
      { method: 'GET', path: '/webhook-waiting/approve', query: { order: '42' } },
    ]);
    // Nothing of the bot's answer is passed on, only that it was reached.
    expect(chosen.body).toBe('');
  });

  it('seals the links in restored history too', async () => {
    const widget = await h.createWidget({ webhookUrl: h.bot.webhookUrl });
    await buttonsReply(widget.id, 's-3');
    const { res, body } = await h.chat(widget.id, {
      action: 'loadPreviousSession',
      sessionId: 's-3',
    });
    expect(res.status).toBe(200);
    expect(body).toContain('with-buttons');
    expect(body).not.toContain(botHost());
  });

  it('counts button fetches against the session’s rate limit', async () => {
    const widget = await h.createWidget({
      webhookUrl: h.bot.webhookUrl,
      limits: { perSessionPerMinute: 2 },
    });
    const { message } = await buttonsReply(widget.id, 's-4');
    const url = `/v1/widgets/${widget.id}/${message.buttons[0]!.link}?sessionId=s-4`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.text(url)).res.status);
    expect(statuses).toEqual([204, 204, 429]);
    expect(hits()).toHaveLength(2);
  });
});
