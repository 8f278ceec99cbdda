/**
 * Analytics batches in a real browser against a real @cwp/server: while the events route cannot
 * be reached, batches wait in the widget's storage, survive a reload, and once the route is back
 * each event is counted exactly once.
 */
import { WidgetModel } from './page-model.js';
import { expect, test } from './support/managed-fixtures.js';

test('events sent while the server is unreachable are counted once, across a reload', async ({
  page,
  context,
  bot,
  cwp,
  managedWidget,
}) => {
  const widget = await managedWidget({
    webhookUrl: bot.webhookUrl,
    config: { tooltip: false, timeouts: { request: 8000, idle: 1500 } },
  });
  let refused = 0;
  const eventsRoute = `${cwp.url}/v1/widgets/${widget.id}/events`;
  await page.route(eventsRoute, (route) => {
    refused += 1;
    return route.abort('connectionrefused');
  });
  const storedBatches = () =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.endsWith(':events'))
        .map((key) => (JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]).length)
        .reduce((a, b) => a + b, 0),
    );

  const w = await widget.open('embed');
  await w.send('count me once');
  await w.expectBotReply('You said: count me once');
  await w.part('close-button').click();
  await expect(w.window).toBeHidden();
  // The first batch (load, open, session, message…) goes out after a few seconds, and fails.
  await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await storedBatches()).toBeGreaterThan(0);

  await page.reload(); // the page goes with its events unsent; the next one tries them again
  await new WidgetModel(page, 'floating').anyBubble.waitFor();
  const refusedBefore = refused;
  await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(refusedBefore);

  // The server is reachable again; the browser coming back online sends what waited, at once.
  await page.unroute(eventsRoute);
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(storedBatches, { timeout: 10_000 }).toBe(0);
  await page.goto('about:blank'); // the second page's own batch (its load) goes on pagehide

  await expect
    .poll(async () => (await cwp.report(widget.id)).totals, { timeout: 10_000 })
    .toMatchObject({ loads: 2, opens: 1, messages: 1, responses: 1, sessions: 1, errors: 0 });
});

test('a starter prompt and the thumbs on a reply reach the server report (the latest thumb counts)', async ({
  page,
  bot,
  cwp,
  managedWidget,
}) => {
  const widget = await managedWidget({
    webhookUrl: bot.webhookUrl,
    config: {
      tooltip: false,
      starterPrompts: ['Rate me'],
      timeouts: { request: 8000, idle: 1500 },
    },
  });
  const w = await widget.open('embed');
  // The prompt comes from the server's public config.
  await w.part('starter-prompt').click();
  await w.expectBotReply('You said: Rate me');
  const reply = w.botMessages.last();
  await reply.locator('[data-part="feedback-down"]').click();
  await reply.locator('[data-part="feedback-up"]').click();
  await expect(reply.locator('[data-part="feedback-up"]')).toHaveAttribute('aria-pressed', 'true');
  await page.goto('about:blank'); // the batch goes on pagehide

  await expect
    .poll(async () => (await cwp.report(widget.id)).totals, { timeout: 10_000 })
    .toMatchObject({ starterPrompts: 1, feedbackUp: 1, feedbackDown: 0, feedbackRate: 1 });
});
