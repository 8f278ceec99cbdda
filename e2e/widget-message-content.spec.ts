import AxeBuilder from '@axe-core/playwright';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

for (const row of rows) {
  test.describe(row.name, () => {
    // The same on every widget type: once per way of drawing it (rows.ts `content`).
    if (row.content) {
      test('renders bot markdown as formatting, never as markup', async ({ openWidget }) => {
        const w = await openWidget(row);
        await w.open();
        await w.send('/markdown');
        await w.expectBotReply('A markdown reply');
        const content = w.botMessages.last().locator('[data-part="message-content"]');
        await expect(content.locator('p:not([data-heading]) strong')).toHaveText('bold');
        await expect(content.locator('li')).toHaveCount(4);
        await expect(content.locator('pre code')).toContainText("const greeting = 'hello';");
        const link = content.locator('a');
        await expect(link).toHaveAttribute('href', 'https://example.com/');
        await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
      });

      test('draws GFM tables, strikethrough, task items, and copies a code block', async ({
        openWidget,
        context,
        page,
      }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const w = await openWidget(row);
        await w.open();
        await w.send('/gfm');
        await w.expectBotReply('GFM sample');
        const content = w.botMessages.last().locator('[data-part="message-content"]');
        // The table scrolls sideways inside the bubble; the bubble itself stays within the list.
        const wrapper = content.locator('[data-table]');
        await expect(wrapper.locator('th')).toHaveCount(13);
        await expect(wrapper.locator('th').first()).toHaveText('Plan');
        await expect(wrapper.locator('td').last()).toHaveText('value 12');
        await expect(wrapper.locator('th').nth(1)).toHaveCSS('text-align', 'right');
        const sizes = await wrapper.evaluate((el) => ({
          scroll: el.scrollWidth,
          client: el.clientWidth,
          overflow: getComputedStyle(el).overflowX,
        }));
        expect(sizes.overflow).toBe('auto');
        expect(sizes.scroll).toBeGreaterThan(sizes.client);
        const bubble = await content.boundingBox();
        const list = await w.part('messages').boundingBox();
        expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(list!.x + list!.width + 1);
        await wrapper.evaluate((el) => {
          el.scrollLeft = 10_000;
        });
        expect(await wrapper.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

        await expect(content.locator('del')).toHaveText('$20');
        await expect(content.locator('del')).toHaveCSS('text-decoration-line', 'line-through');
        const done = content.getByRole('checkbox', { name: 'sign up' });
        await expect(done).toBeChecked();
        await expect(done).toBeDisabled();
        await expect(content.getByRole('checkbox', { name: 'pay' })).not.toBeChecked();

        const copy = content.locator('[data-part="code-copy"]');
        await expect(copy).toHaveAccessibleName('Copy code');
        await copy.click();
        await expect(copy).toHaveAccessibleName('Copied');
        // Drawn anew as it says Copied and again when it stops: focus stays on it.
        await expect(copy).toBeFocused();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
          'npm install @cwp/dom',
        );
        await expect(copy).toHaveAccessibleName('Copy code', { timeout: 4000 });
        await expect(copy).toBeFocused();
        const axe = await new AxeBuilder({ page })
          .include('[data-cwp-host]')
          .include('cwp-chat')
          .analyze();
        expect(axe.violations).toEqual([]);
      });

      test('sends a starter prompt on click, and shows the prompts again after a new conversation', async ({
        openWidget,
        server,
      }) => {
        const w = await openWidget(row, {
          config: { starterPrompts: ['What do you sell?', 'Where is my order?'] },
        });
        await w.open();
        const prompts = w.part('starter-prompt');
        await expect(w.part('starter-prompts')).toBeVisible();
        await expect(prompts).toHaveText(['What do you sell?', 'Where is my order?']);
        await prompts.nth(1).click();
        await expect(w.userMessages.last().locator('[data-part="message-content"]')).toHaveText(
          'Where is my order?',
        );
        await w.expectBotReply('You said: Where is my order?');
        await expect(w.part('starter-prompts')).toBeHidden();
        expect(server.hookRequests.map((r) => r.body?.chatInput)).toEqual(['Where is my order?']);
        await w.part('new-session-button').click();
        await expect(w.part('starter-prompts')).toBeVisible();
        await expect(prompts).toHaveCount(2);
      });

      test('copies a reply, and thumbs a reply up or down (a second click takes it back)', async ({
        openWidget,
        context,
        page,
      }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const w = await openWidget(row);
        await w.open();
        await w.send('hello there');
        await w.expectBotReply('You said: hello there');
        await expect(w.userMessages.last().locator('[data-part="message-actions"]')).toBeHidden();
        const reply = w.botMessages.last();
        const up = reply.locator('[data-part="feedback-up"]');
        const down = reply.locator('[data-part="feedback-down"]');
        const copy = reply.locator('[data-part="copy-reply"]');
        await expect(up).toHaveAccessibleName('Helpful');
        await expect(down).toHaveAccessibleName('Not helpful');
        await expect(up).toHaveAttribute('aria-pressed', 'false');
        await up.click();
        await expect(up).toHaveAttribute('aria-pressed', 'true');
        await expect(down).toHaveAttribute('aria-pressed', 'false');
        await down.click();
        await expect(up).toHaveAttribute('aria-pressed', 'false');
        await expect(down).toHaveAttribute('aria-pressed', 'true');
        await down.click();
        await expect(down).toHaveAttribute('aria-pressed', 'false');

        await expect(copy).toHaveText('Copy');
        await copy.click();
        await expect(copy).toHaveText('Copied');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
          'You said: hello there',
        );
        await expect(copy).toHaveText('Copy', { timeout: 4000 });
      });
    }
  });
}
