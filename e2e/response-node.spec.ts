/**
 * n8n "Respond to Chat" conversations: the Chat Trigger answers the first message with
 * `executionStarted` and goes on over its websocket (the local bot speaks n8n's protocol).
 */
import type { Bot } from '@cwp/bot';
import type { Page } from '@playwright/test';
import type { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';
import { test as managedTest } from './support/managed-fixtures.js';
import { botTraces, recordTraffic, shadowHtml } from './support/managed-traffic.js';

const prompt = (text: string) => `You said: ${text}. Now reply please.`;
const sends = (bot: Bot) =>
  bot.requests.filter((r) => (r.body as { action?: string } | null)?.action === 'sendMessage');

/** Prompt, the visitor's reply over the socket, echo, the execution's end, and a new POST. */
async function converse(w: WidgetModel, bot: Bot) {
  await w.send('hello');
  // n8n works on it: a typing state, not an empty reply or an error.
  await expect(w.typing).toBeVisible();
  await w.expectBotReply(prompt('hello'));
  await expect(w.typing).toBeHidden();
  await w.send('my reply');
  await w.expectBotReply('Echo: my reply');
  expect(bot.socketMessages.map((m) => (m.body as { chatInput: string }).chatInput)).toEqual([
    'my reply',
  ]);
  expect(sends(bot)).toHaveLength(1);
  await expect(w.error).toBeHidden();
  // The execution ended (close 1005): the next message starts a new one by POST.
  await expect.poll(() => bot.openSockets()).toBe(0);
  await expect(w.typing).toBeHidden();
  await w.send('again');
  await w.expectBotReply(prompt('again'));
  expect(sends(bot)).toHaveLength(2);
  await expect(w.userMessages).toHaveCount(3);
  await expect(w.botMessages).toHaveCount(3);
  for (const status of await w.userMessages.evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-status')),
  ))
    expect(status).toBe('done');
}

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} response nodes`, () => {
    test('a response-node conversation over n8n’s socket, then a new execution by POST', async ({
      openWidget,
      bot,
    }) => {
      const w = await openWidget(row, {
        // The bot's origin serves n8n's socket at /chat; heartbeats every 500 ms must be acked.
        config: {
          webhookUrl: `${bot.responseNodeUrl}?heartbeatMs=500&promptDelayMs=300`,
          typewriter: false,
        },
      });
      await w.open();
      await converse(w, bot);
    });
  });
}

managedTest(
  'managed: the conversation goes over the server’s socket; the page never learns the n8n origin',
  async ({ page, bot, cwp, managedWidget }) => {
    const widget = await managedWidget({
      webhookUrl: `${bot.responseNodeUrl}?heartbeatMs=500&promptDelayMs=300`,
      config: { tooltip: false, typewriter: false, timeouts: { request: 8000, idle: 1500 } },
    });
    const traffic = await recordTraffic(page);
    const sockets = recordSockets(page);
    const w = await widget.open('mountWidget');
    await converse(w, bot);

    const serverSocket = `${cwp.url.replace('http:', 'ws:')}/v1/widgets/${widget.id}/socket?`;
    expect(sockets.urls.length).toBeGreaterThan(0);
    for (const url of sockets.urls) expect(url.startsWith(serverSocket)).toBe(true);
    expect(sockets.frames).toEqual(expect.arrayContaining([prompt('hello'), 'Echo: my reply']));
    const seen = [
      ...traffic.requests.map((r) => `${r.url}\n${r.postData ?? ''}`),
      ...(await traffic.responses()).map((r) => r.body ?? ''),
      ...sockets.urls,
      ...sockets.frames,
    ];
    for (const text of seen) expect(botTraces(text, bot, false)).toEqual([]);
    expect(botTraces(await shadowHtml(page), bot, true)).toEqual([]);
    const report = await cwp.report(widget.id);
    // Three visitor messages (two POSTs, one over the socket) and three bot messages.
    expect(report.totals.messages).toBe(3);
    expect(report.totals.responses).toBe(3);
  },
);

/** Every websocket the page opens, and each frame either way. */
function recordSockets(page: Page) {
  const seen = { urls: [] as string[], frames: [] as string[] };
  page.on('websocket', (ws) => {
    seen.urls.push(ws.url());
    const add = (data: { payload: string | Buffer }) => seen.frames.push(String(data.payload));
    ws.on('framereceived', add);
    ws.on('framesent', add);
  });
  return seen;
}
