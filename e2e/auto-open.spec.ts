import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

for (const row of rows.filter((r) => r.type === 'floating')) {
  test.describe(row.name, () => {
    test('autoOpen opens the window by itself after its delay, once per session', async ({
      openWidget,
      page,
    }) => {
      const config = { autoOpen: { delay: 600, once: 'session' } };
      const w = await openWidget(row, { config });
      await expect(w.window).toBeVisible({ timeout: 5000 });
      await w.part('close-button').click();
      await expect(w.window).toBeHidden();
      // The same session, another page load: it stays closed.
      await page.reload();
      await w.anyBubble.waitFor();
      await page.waitForTimeout(1500);
      await expect(w.window).toBeHidden();
    });
  });
}
