/**
 * Managed mode in a real browser: the page knows only @cwp/server and a widget id; the server
 * (real, on a temporary SQLite file) keeps the webhook URL to itself and proxies to the local bot.
 */
import type { Bot } from '@cwp/bot';
import type { Page } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { type CwpServer, expect, test } from './support/managed-fixtures.js';
import type { ManagedEmbedding } from './support/managed-pages.js';
import { botTraces, recordTraffic, shadowHtml, type Traffic } from './support/managed-traffic.js';

const title = 'Help from the server';
const subtitle = 'Configured in @cwp/server';

const config = {
  header: { title, subtitle },
  tooltip: false,
  timeouts: { request: 8000, idle: 1500 },
};

const route = (r: { url: string }) => new URL(r.url).pathname.split('/').pop();

/**
 * Nothing the page requested went to the bot's origin, and nothing it sent or received, nor its
 * DOM (shadow roots included), names the bot. Returns the responses from @cwp/server.
 */
async function expectNoBotTraces(page: Page, traffic: Traffic, bot: Bot, cwp: CwpServer) {
  const botOrigin = new URL(bot.url).origin;
  expect(traffic.requests.filter((r) => r.url.startsWith(botOrigin))).toEqual([]);
  for (const request of traffic.requests) {
    const leaks = botTraces(`${request.url}\n${request.postData ?? ''}`, bot, false);
    expect(leaks, `request ${request.method} ${request.url}`).toEqual([]);
  }
  const responses = await traffic.responses();
  for (const response of responses) {
    expect(response.body, `body of ${response.url}: ${response.error}`).not.toBeNull();
    const leaks = botTraces(response.body ?? '', bot, response.url.startsWith(`${cwp.url}/`));
    expect(leaks, `response from ${response.url}`).toEqual([]);
  }
  expect(botTraces(await page.content(), bot, true)).toEqual([]);
  expect(botTraces(await shadowHtml(page), bot, true)).toEqual([]);
  return responses.filter((r) => r.url.startsWith(`${cwp.url}/`));
}

/** The reply text of a whole (`{ output }`) or streamed (n8n NDJSON) chat answer. */
function replyText(body: string): string {
  const lines = body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type?: string; content?: string; output?: string });
  if (lines[0]?.type === undefined) return lines[0]?.output ?? '';
  expect(lines.at(-1)?.type).toBe('end');
  return lines.map((line) => (line.type === 'item' ? (line.content ?? '') : '')).join('');
}

const embeddings: ManagedEmbedding[] = ['embed', 'mountWidget'];

for (const embedding of embeddings) {
  test.describe(`managed, ${embedding}`, () => {
    for (const streamed of [false, true]) {
      test(`the visitor chats through the server (${streamed ? 'streamed' : 'whole'} reply) and the page never learns the webhook URL`, async ({
        page,
        bot,
        cwp,
        managedWidget,
      }) => {
        const webhookUrl = `${bot.webhookUrl}${streamed ? '?stream=1&chunk=4&delay=60' : ''}`;
        const widget = await managedWidget({ webhookUrl, config });
        const traffic = await recordTraffic(page);

        const w = await widget.open(embedding);
        // The header comes from the server-side config, not from the page.
        await expect(w.part('title')).toHaveText(title);
        await expect(w.part('subtitle')).toHaveText(subtitle);

        await w.send('hello through the server');
        if (streamed)
          await expect(w.botMessages.last()).toHaveAttribute('data-status', 'streaming');
        await w.expectBotReply('You said: hello through the server');
        await expect(w.botMessages).toHaveCount(1);
        await expect(w.error).toBeHidden();

        // The bot was reached, by the server: once, with the visitor's text.
        const sent = bot.requests.filter(
          (r) => (r.body as { action?: string } | null)?.action === 'sendMessage',
        );
        expect(sent).toHaveLength(1);
        expect(sent[0]?.body).toMatchObject({ chatInput: 'hello through the server' });
        expect(sent[0]?.query.stream).toBe(streamed ? '1' : undefined);

        const fromServer = await expectNoBotTraces(page, traffic, bot, cwp);
        expect(fromServer.map(route)).toEqual(expect.arrayContaining(['config', 'chat']));
        // The copies checked are the whole answers: the config with its title, the full reply.
        expect(fromServer.find((r) => route(r) === 'config')?.body).toContain(title);
        const chats = fromServer.filter((r) => route(r) === 'chat');
        const chat = chats[0];
        // Every chat answer the page saw, so a failure shows what came first and why.
        const seen = chats
          .map((r) => `${r.status} ${r.contentType} ${(r.body ?? '').slice(0, 120)}`)
          .join('\n');
        expect(chat?.contentType, seen).toContain(
          streamed ? 'application/x-ndjson' : 'application/json',
        );
        expect(replyText(chat?.body ?? '')).toBe('You said: hello through the server');
        expect(await shadowHtml(page)).toContain('You said: hello through the server');
      });
    }

    test('a page on an origin the widget does not allow gets no reply and a clear error', async ({
      page,
      bot,
      pages,
      managedWidget,
    }) => {
      const widget = await managedWidget({ webhookUrl: bot.webhookUrl, config });
      const traffic = await recordTraffic(page);
      await page.goto(widget.url(embedding, { type: 'inline', origin: pages.otherOrigin }));
      const w = new WidgetModel(page, 'inline');
      await expect(w.error).toHaveText('The chat could not be loaded. Please try again later.');
      // The server's own title never arrived, and nothing raw is shown.
      await expect(w.part('title')).not.toHaveText(title);
      const text = (await w.root.textContent()) ?? '';
      expect(text).not.toMatch(/[{}]|origin_not_allowed|403/);
      await w.input.fill('hello?');
      await w.input.press('Enter');
      await page.waitForTimeout(300);
      await expect(w.botMessages).toHaveCount(0);
      expect(bot.requests).toEqual([]);
      // It asked the server for its config (refused), and never tried to chat.
      expect(traffic.requests.filter((r) => route(r) === 'config').length).toBeGreaterThan(0);
      expect(traffic.requests.filter((r) => route(r) === 'chat')).toEqual([]);
    });

    test('a floating widget on a refused origin still opens and says why', async ({
      page,
      bot,
      pages,
      managedWidget,
    }) => {
      const widget = await managedWidget({ webhookUrl: bot.webhookUrl, config });
      await page.goto(widget.url(embedding, { origin: pages.otherOrigin }));
      const w = new WidgetModel(page, 'floating');
      await w.bubble.click();
      await expect(w.window).toBeVisible();
      await expect(w.error).toHaveText('The chat could not be loaded. Please try again later.');
      expect(bot.requests).toEqual([]);
    });
  });
}

test('the server reports the load, the open, the message and the response', async ({
  page,
  bot,
  cwp,
  managedWidget,
}) => {
  const widget = await managedWidget({ webhookUrl: bot.webhookUrl, config });
  const traffic = await recordTraffic(page);
  const firstBatch = page.waitForResponse((r) => route({ url: r.url() }) === 'events', {
    timeout: 10_000,
  });
  const w = await widget.open('embed');
  await w.send('count me');
  await w.expectBotReply('You said: count me');
  await w.part('close-button').click();
  await expect(w.window).toBeHidden();
  // The widget sends its events in batches (a few seconds apart) and flushes the rest on pagehide.
  expect((await firstBatch).status()).toBe(202);
  const fromServer = await expectNoBotTraces(page, traffic, bot, cwp);
  const events = fromServer.filter((r) => route(r) === 'events');
  expect(events[0]?.body).toMatch(/"accepted":[1-9]/);
  await page.goto('about:blank');

  await expect
    .poll(async () => (await cwp.report(widget.id)).totals, { timeout: 10_000 })
    .toMatchObject({ loads: 1, opens: 1, messages: 1, responses: 1, sessions: 1, errors: 0 });
});
