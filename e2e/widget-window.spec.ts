import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

for (const row of rows) {
  test.describe(row.name, () => {
    const floating = row.type === 'floating';

    test('opens and closes by mouse and keyboard', async ({ openWidget, page }) => {
      const w = await openWidget(row);
      if (!floating) {
        await expect(w.window).toBeVisible();
        // Inline fills its container (560px high on the test page); fullscreen the viewport.
        const box = await w.window.boundingBox();
        expect(box?.height).toBeCloseTo(row.type === 'inline' ? 560 : 768, -1);
        await expect(w.bubble).toBeHidden();
        await expect(w.part('close-button')).toBeHidden();
        return;
      }
      await expect(w.window).toBeHidden();
      await w.open();
      await expect(w.input).toBeFocused();
      await expect(w.bubble).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Escape');
      await expect(w.window).toBeHidden();
      await expect(w.bubble).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(w.window).toBeVisible();
      await expect(w.input).toBeFocused();
      await w.part('close-button').click();
      await expect(w.window).toBeHidden();
    });

    if (floating) {
      test('shows the tooltip after its delay and an unread badge while closed', async ({
        openWidget,
        page,
        server,
      }) => {
        const w = await openWidget(row, {
          config: { tooltip: { text: 'Need help?', delay: 300 } },
        });
        await expect(w.part('tooltip')).toBeVisible({ timeout: 5000 });
        await expect(w.part('tooltip')).toContainText('Need help?');
        await w.part('tooltip-close').click();
        await expect(w.part('tooltip')).toBeHidden();
        await w.open();
        server.setHook('slow');
        await w.send('answer while closed');
        await page.keyboard.press('Escape');
        await expect(w.part('unread-badge')).toBeVisible({ timeout: 5000 });
        await w.open();
        await expect(w.part('unread-badge')).toBeHidden();
      });

      test('keeps the bubble in its configured corner, also on a right-to-left page', async ({
        openWidget,
        page,
      }) => {
        const w = await openWidget(row, {
          widgets: [
            { id: 'right', dir: 'rtl' },
            { id: 'left', bubble: { position: 'bottom-left' } },
          ],
        });
        const other = new WidgetModel(page, row.type, 1);
        for (const bubble of [w.anyBubble, other.anyBubble]) await bubble.hover();
        const right = await w.bubble.boundingBox();
        const left = await other.bubble.boundingBox();
        expect(right!.x).toBeGreaterThan(1024 / 2);
        expect(left!.x).toBeLessThan(1024 / 2);
        expect(right!.y).toBeGreaterThan(768 / 2);
      });

      test('takes the whole screen on a narrow viewport', async ({ openWidget, page }) => {
        await page.setViewportSize({ width: 375, height: 700 });
        const w = await openWidget(row);
        await w.open();
        const box = await w.window.boundingBox();
        expect(box?.width).toBeCloseTo(375, 0);
        expect(box?.height).toBeCloseTo(700, 0);
      });
    }
  });
}
