/**
 * The owner's console in a real browser against a real @cwp/server: log in with the token link,
 * create a widget with the form, copy its embed code onto a page of the owner's site, chat there,
 * and read the numbers back in the console; plus narrow screens and cross-site posts.
 */
import type { Page } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { adminToken, expect, test } from './support/managed-fixtures.js';
import { type SnippetSite, startSnippetSite } from './support/snippet-page.js';

const console_ = '/v1/admin/dashboard';
const cdnScript = 'https://cdn.jsdelivr.net/npm/@cwp/dom/dist/embed/cwp-embed.js';

let site: SnippetSite;
test.beforeAll(async () => {
  site = await startSnippetSite();
});
test.afterAll(() => site.close());

async function logIn(page: Page, server: string) {
  await page.goto(`${server}${console_}?token=${adminToken}`);
  // The token left the address bar.
  await expect(page).toHaveURL(`${server}${console_}`);
  await expect(page.getByRole('heading', { name: 'Widgets', exact: true })).toBeVisible();
}

async function createWidget(page: Page, webhookUrl: string, origin: string): Promise<string> {
  await page.getByRole('link', { name: 'New widget' }).first().click();
  await page.locator('input[name=name]').fill('Console shop');
  await page.locator('input[name=webhookUrl]').fill(webhookUrl);
  await page.locator('textarea[name=allowedOrigins]').fill(origin);
  await page.locator('input[name=title]').fill('Shop help desk');
  await page.getByRole('checkbox', { name: /Keep transcripts/ }).check();
  await page.getByRole('button', { name: 'Create widget' }).click();
  await expect(page.getByRole('status')).toHaveText(/Widget created/);
  return /\/widgets\/([^/?]+)/.exec(page.url())?.[1] ?? '';
}

async function noHorizontalScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

test('an owner logs in, creates a widget, puts its copied embed code on a page, chats and sees the conversation and the numbers', async ({
  page,
  context,
  bot,
  cwp,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cwp.url });
  await logIn(page, cwp.url);
  const id = await createWidget(page, bot.webhookUrl, site.origin);
  expect(id).not.toBe('');

  // Copy the script tag with the button, as an owner would.
  const copy = page.locator('button[data-copy="snippet-script"]');
  await expect(copy).toHaveAccessibleName('Copy');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain(`data-server="${cwp.url}"`);
  expect(snippet).toContain(`data-widget-id="${id}"`);
  expect(snippet).not.toContain(new URL(bot.webhookUrl).port);
  // The same text is on the page without any script, selectable.
  await expect(page.locator('#snippet-script')).toHaveText(snippet);

  // The owner's site hosts the embed script itself instead of the CDN.
  expect(snippet).toContain(cdnScript);
  const shop = await context.newPage();
  await shop.goto(site.page(snippet.replace(cdnScript, '/embed/cwp-embed.js')));
  const w = new WidgetModel(shop, 'floating');
  await w.open();
  await expect(w.part('title')).toHaveText('Shop help desk');
  await w.send('where is my parcel?');
  await w.expectBotReply('You said: where is my parcel?');
  await w.send('thanks');
  await w.expectBotReply('You said: thanks');
  await shop.close();

  // The conversation, in the console's transcripts.
  await page.getByRole('link', { name: 'Transcripts' }).click();
  const conversation = page.getByRole('region', { name: /^Conversation / });
  await expect(conversation).toHaveCount(1);
  await expect(conversation.getByRole('listitem')).toHaveText([
    /Visitor.*where is my parcel\?/,
    /Bot.*You said: where is my parcel\?/,
    /Visitor.*thanks/,
    /Bot.*You said: thanks/,
  ]);
  await page.getByRole('searchbox', { name: 'Containing' }).fill('PARCEL');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(conversation).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Containing' }).fill('refund');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(conversation).toHaveCount(0);

  await cwp.report(id); // writes pending analytics
  await page.goto(`${cwp.url}${console_}?widget=${id}`);
  await page.getByRole('link', { name: 'Last 7 days' }).click();
  const report = page.getByRole('region', { name: 'Report for Console shop' });
  const totals = report.locator('table tr').nth(1).locator('td');
  await expect(totals.nth(0)).toHaveText('1'); // sessions
  await expect(totals.nth(1)).toHaveText('2'); // messages
  await expect(totals.nth(3)).toHaveText('0'); // errors
  await expect(report.getByRole('img', { name: /^Messages per day/ })).toBeVisible();

  const csv = await page.request.get(`${cwp.url}${console_}/report.csv?widget=${id}&days=7`);
  const today = new Date().toISOString().slice(0, 10);
  expect(await csv.text()).toMatch(new RegExp(`^${id},Console shop,${today},1,2,2,`, 'm'));
});

test('the console fits a 375 px phone and a 1440 px screen without sideways scrolling', async ({
  page,
  bot,
  cwp,
}) => {
  const id = await cwp.createWidget({
    name: 'A widget with a rather long name to wrap on a phone',
    webhookUrl: bot.webhookUrl,
    allowedOrigins: ['https://www.a-very-long-shop-domain-name.example', site.origin],
  });
  await logIn(page, cwp.url);
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of [
      '',
      `/widgets/${id}`,
      '/widgets/new',
      `?widget=${id}&days=90`,
      `/widgets/${id}/transcripts`,
    ]) {
      await page.goto(`${cwp.url}${console_}${path}`);
      await noHorizontalScroll(page, width);
    }
  }
  // At 375 px the wide tables scroll inside their own box.
  await page.setViewportSize({ width: 375, height: 900 });
  await page.goto(`${cwp.url}${console_}`);
  const box = page.locator('.scroll').first();
  const sizes = await box.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
  expect(sizes.client).toBeLessThanOrEqual(375);
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
});

test('a form post without the session’s token, or from another site, changes nothing', async ({
  page,
  bot,
  cwp,
}) => {
  await logIn(page, cwp.url);
  const fields = { name: 'Forged', webhookUrl: bot.webhookUrl, allowedOrigins: site.origin };
  // Same browser, same cookie, right Origin, but no token: refused.
  const noToken = await page.request.post(`${cwp.url}${console_}/widgets`, {
    form: fields,
    headers: { origin: cwp.url },
  });
  expect(noToken.status()).toBe(403);

  // Another origin's page posting a form to the console. Loopback ports are one "site", so the
  // SameSite=Strict cookie goes along here; the Origin check refuses it.
  const attacker = site.page(
    `<form method="post" action="${cwp.url}${console_}/widgets">${Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
      .join('')}<input type="hidden" name="csrf" value="guess"><button>win a prize</button></form>`,
  );
  await page.goto(attacker);
  const [answer] = await Promise.all([
    page.waitForResponse(`${cwp.url}${console_}/widgets`),
    page.getByRole('button', { name: 'win a prize' }).click(),
  ]);
  expect(answer.status()).toBe(403);
  await expect(page.getByText('This form was not sent from the dashboard.')).toBeVisible();

  await page.goto(`${cwp.url}${console_}`);
  await expect(page.getByText('Forged')).toHaveCount(0);
});
