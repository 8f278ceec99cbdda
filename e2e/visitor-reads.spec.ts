import type { Locator } from '@playwright/test';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

/** Whether `inner` is drawn wholly inside `outer`'s box (the log's visible area). */
async function inView(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([inner.boundingBox(), outer.boundingBox()]);
  if (a === null || b === null) return false;
  return a.y >= b.y - 1 && a.y + a.height <= b.y + b.height + 1;
}

// Enough history that the log scrolls.
const history = Array.from(
  { length: 24 },
  (_, i) => `Earlier answer ${i + 1}: a line long enough to wrap once or twice in the chat window.`,
);

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} what the visitor reads`, () => {
    test('the failed message and its Retry stay in view after the error banner appears', async ({
      openWidget,
      page,
      server,
    }) => {
      // A phone: the banner's text wraps, taking a large share of the log's height.
      await page.setViewportSize({ width: 375, height: 667 });
      const w = await openWidget(row, { config: { initialMessages: history } });
      await w.open();
      server.setHook('refused');
      await w.send('does this reach you');
      await expect(w.error).toBeVisible({ timeout: 15_000 });
      const retry = w.part('retry-button').last();
      const log = w.part('messages');
      await expect(retry).toBeVisible();
      await expect.poll(() => inView(retry, log)).toBe(true);
      // Then the visitor starts a longer message: the composer grows and the log shrinks again.
      await w.input.fill('One more try,\nwith more detail\nabout my order\nand the delivery date.');
      await expect.poll(() => w.input.evaluate((el) => el.clientHeight)).toBeGreaterThan(60);
      await expect.poll(() => inView(retry, log)).toBe(true);
    });

    test('a stream that drops mid-reply says the reply was cut off', async ({
      openWidget,
      server,
    }) => {
      const w = await openWidget(row);
      await w.open();
      server.setHook('drop-mid-stream');
      await w.send('tell me a long story');
      await expect(w.error).toBeVisible({ timeout: 15_000 });
      await expect(w.error).toHaveText('The reply was cut off. Try again.');
      await expect(w.botMessages.last()).toContainText('Dropped');
      await expect(w.botMessages.last()).toHaveAttribute('data-status', 'incomplete');
    });

    test('a reply the visitor stopped is marked neutrally, not as an error', async ({
      openWidget,
      server,
    }) => {
      const w = await openWidget(row, { config: { timeouts: { request: 30_000, idle: 30_000 } } });
      await w.open();
      server.setHook('never-ends');
      await w.send('keep going');
      await expect(w.botMessages.last()).toContainText('Never');
      await w.part('stop-button').click();
      const status = w.botMessages.last().locator('[data-part="message-status"]');
      await expect(status).toHaveAttribute('data-status', 'stopped');
      await expect(status).toHaveText('You stopped this reply.');
      await expect(w.error).toBeHidden();
      // The same widget's failure marker is red; the stop marker must not share its colour.
      server.setHook('refused');
      await w.send('and now fail');
      const failed = w.userMessages.last().locator('[data-part="message-status"]');
      await expect(failed).toBeVisible({ timeout: 15_000 });
      const color = (l: Locator) => l.evaluate((el) => getComputedStyle(el).color);
      expect(await color(status)).not.toBe(await color(failed));
    });

    test('the header says Offline while sends fail, and Online once one succeeds', async ({
      openWidget,
      server,
    }) => {
      const w = await openWidget(row);
      await w.open();
      const presence = w.part('status');
      await expect(presence).toHaveText('Online');
      server.setHook('refused');
      await w.send('anyone there');
      await expect(w.error).toBeVisible({ timeout: 15_000 });
      await expect(presence).toHaveText('Offline');
      await expect(presence).toHaveAttribute('data-status', 'offline');
      server.setHook('normal');
      await w.part('retry-button').last().click();
      await w.expectBotReply('You said: anyone there');
      await expect(presence).toHaveText('Online');
    });
  });
}
