import { faultNames } from '@cwp/bot';
import { rows } from './rows.js';
import { expect, sendRequests, test } from './support/fixtures.js';

for (const row of rows) {
  test.describe(row.name, () => {
    if (row.faults) {
      for (const fault of faultNames) {
        test(`handles the broken transport "${fault}"`, async ({ openWidget, server, page }) => {
          const warnings: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'warning') warnings.push(m.text());
          });
          const w = await openWidget(row);
          await w.open();
          server.setHook(fault);
          await w.send(`message for ${fault}`);
          await expect(w.part('stop-button')).toBeHidden({ timeout: 15_000 });
          const shown = ((await w.root.textContent()) ?? '').toLowerCase();
          expect(shown).not.toMatch(/<html|<!doctype|<body|\{"|nginx|"message"/);
          await expect(w.userMessages.first()).toContainText(`message for ${fault}`);
          expect(sendRequests(server)).toHaveLength(1);
          const retry = w.part('retry-button').filter({ visible: true });
          if ((await retry.count()) > 0) {
            await expect(
              w.error.or(w.part('message-status').filter({ visible: true })).first(),
            ).toBeVisible();
            expect(warnings.length).toBeGreaterThan(0);
            server.setHook('normal');
            // Core refuses a retry before the server's Retry-After (2 s from the bot) has passed.
            if (fault.startsWith('status-429')) await page.waitForTimeout(2100);
            await retry.first().dblclick();
            await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done', {
              timeout: 10_000,
            });
            await expect(w.botMessages.last()).toContainText(`You said: message for ${fault}`);
            expect(sendRequests(server)).toHaveLength(2);
          } else {
            await expect(w.botMessages.last()).toHaveAttribute('data-status', 'done');
          }
        });
      }

      test('handles a webhook nobody listens on', async ({ openWidget }) => {
        const w = await openWidget(row, { config: { webhookUrl: 'http://127.0.0.1:9/webhook' } });
        await w.open();
        await w.send('is anyone there');
        await expect(w.error).toBeVisible({ timeout: 15_000 });
        await expect(w.error).not.toContainText('<');
        await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
        await expect(w.userMessages.last()).toContainText('is anyone there');
        await expect(w.part('retry-button')).toBeVisible();
      });

      test('handles a connection reset before any reply', async ({ openWidget, server }) => {
        const w = await openWidget(row);
        await w.open();
        server.setHook('refused');
        await w.send('nobody listening');
        await expect(w.error).toBeVisible({ timeout: 15_000 });
        await expect(w.userMessages.last()).toHaveAttribute('data-status', 'failed');
        server.setHook('normal');
        await w.part('retry-button').click();
        await w.expectBotReply('You said: nobody listening');
      });
    }
  });
}
