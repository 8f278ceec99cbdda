/**
 * n8n's JSON chat messages with buttons (`{"type":"with-buttons",…}`, as `@n8n/chat` 1.37 draws
 * them): the local bot's `/buttons` answers with one whose first link is on the bot's (the
 * webhook's) origin, the second elsewhere, the third has no link.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Bot } from '@cwp/bot';
import type { Page } from '@playwright/test';
import type { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';
import { test as managedTest } from './support/managed-fixtures.js';
import { botTraces, recordTraffic, shadowHtml } from './support/managed-traffic.js';

const hits = (bot: Bot) => bot.requests.filter((r) => r.path.startsWith('/webhook-waiting/'));
const termsUrl = 'https://example.com/terms';

/** The other origin's page opens in a tab of its own, answered here instead of the network. */
async function serveTerms(page: Page) {
  await page
    .context()
    .route(`${termsUrl}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Terms</title>' }),
    );
}

const buttonsOf = (w: WidgetModel) => w.botMessages.last().locator('[data-part="message-button"]');

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} buttons`, () => {
    test('buttons: the composer waits for one choice; the webhook’s link is fetched once, another origin’s only opened', async ({
      openWidget,
      bot,
      page,
    }) => {
      await serveTerms(page);
      const pageRequests: string[] = [];
      page.on('request', (request) => pageRequests.push(request.url()));
      const w = await openWidget(row, {
        config: { webhookUrl: bot.webhookUrl, typewriter: false },
      });
      await w.open();

      await w.send('/buttons');
      const buttons = buttonsOf(w);
      await expect(buttons).toHaveText(['Approve', 'Read the terms', 'Tell me more']);
      await expect(w.botMessages.last()).toContainText('Shall I approve the order?');
      await expect(w.botMessages.last()).not.toContainText('with-buttons');
      await expect(w.input).toBeDisabled();
      await expect(w.input).toHaveAttribute(
        'placeholder',
        'Choose one of the options above to continue',
      );

      const axe = await new AxeBuilder({ page })
        .include('[data-cwp-host]')
        .include('cwp-chat')
        .analyze();
      expect(axe.violations).toEqual([]);

      await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done');
      await buttons.nth(0).click();
      await expect(buttons.nth(0)).toHaveAttribute('aria-pressed', 'true');
      await expect(buttons.nth(1)).toBeDisabled();
      await expect(buttons.nth(2)).toBeDisabled();
      await expect(w.input).toBeEnabled();
      await expect.poll(() => hits(bot).length).toBe(1);
      expect(hits(bot)[0]).toMatchObject({ method: 'GET', query: { order: '42' } });

      // Another origin's link opens in a new tab; the widget itself never requests it.
      await w.send('/buttons free');
      await expect(w.input).toHaveValue('');
      await expect(w.botMessages).toHaveCount(2);
      await expect(buttonsOf(w)).toHaveCount(3);
      await expect(w.input).toBeEnabled();
      const tab = page.context().waitForEvent('page');
      await buttonsOf(w).nth(1).click();
      expect((await tab).url()).toBe(termsUrl);
      await expect(buttonsOf(w).nth(1)).toHaveAttribute('aria-pressed', 'true');

      // A button without a link sends its text.
      await w.send('/buttons free');
      await expect(w.botMessages).toHaveCount(3);
      await buttonsOf(w).nth(2).click();
      await w.expectBotReply('You said: Tell me more');
      await expect(w.userMessages.last().locator('[data-part="message-content"]')).toHaveText(
        'Tell me more',
      );

      expect(hits(bot)).toHaveLength(1);
      expect(pageRequests.filter((url) => url.startsWith('https://example.com'))).toEqual([]);
    });
  });
}

managedTest(
  'managed: a button’s link is fetched through the server; the page never learns the bot’s origin; the report counts the choice',
  async ({ page, bot, cwp, managedWidget }) => {
    const widget = await managedWidget({
      webhookUrl: bot.webhookUrl,
      config: { tooltip: false, typewriter: false },
    });
    const traffic = await recordTraffic(page);
    const w = await widget.open('mountWidget');
    await w.send('/buttons');
    await expect(buttonsOf(w)).toHaveCount(3);
    await expect(w.input).toBeDisabled();
    await buttonsOf(w).nth(0).click();
    await expect(buttonsOf(w).nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect(w.input).toBeEnabled();
    await expect.poll(() => hits(bot).length).toBe(1);
    expect(hits(bot)[0]).toMatchObject({
      path: '/webhook-waiting/approve',
      query: { order: '42' },
    });

    const buttonRequests = traffic.requests.filter((r) => r.url.includes('/buttons/'));
    expect(buttonRequests).toHaveLength(1);
    expect(buttonRequests[0]!.url.startsWith(`${cwp.url}/v1/widgets/${widget.id}/buttons/`)).toBe(
      true,
    );
    const seen = [
      ...traffic.requests.map((r) => `${r.url}\n${r.postData ?? ''}`),
      ...(await traffic.responses()).map((r) => r.body ?? ''),
    ];
    for (const text of seen) expect(botTraces(text, bot, false)).toEqual([]);
    expect(botTraces(await shadowHtml(page), bot, true)).toEqual([]);

    await page.goto('about:blank'); // the analytics batch goes on pagehide
    await expect
      .poll(async () => (await cwp.report(widget.id)).totals, { timeout: 10_000 })
      .toMatchObject({ buttonsChosen: 1, starterPrompts: 0 });
  },
);
