import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

const longText = Array.from(
  { length: 12 },
  (_, i) => `Sentence ${i + 1} of a question long enough to fill a wide screen from edge to edge.`,
).join(' ');

for (const row of rows.filter((r) => r.type === 'fullscreen')) {
  test.describe(row.name, () => {
    test('keeps bubbles to a readable line length on a 1440 px screen', async ({
      openWidget,
      page,
    }) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      const w = await openWidget(row);
      await w.open();
      await w.send(longText);
      await w.expectBotReply(`You said: ${longText.slice(0, 40)}`);
      for (const message of [w.botMessages.last(), w.userMessages.last()]) {
        const box = await message.locator('[data-part="message-content"]').boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.width).toBeLessThanOrEqual(760);
      }
      // The column sits in the middle of the screen, not against its left edge.
      const bot = await w.botMessages.last().boundingBox();
      expect(bot?.x).toBeGreaterThan(200);
    });
  });
}
