import AxeBuilder from '@axe-core/playwright';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

for (const row of rows) {
  test.describe(row.name, () => {
    const floating = row.type === 'floating';

    test('axe finds no violations, closed and open', async ({ openWidget, page }) => {
      const w = await openWidget(row, {
        config: { footer: { links: [{ label: 'Privacy', href: 'https://example.com/privacy' }] } },
      });
      const axe = () =>
        new AxeBuilder({ page }).include('[data-cwp-host]').include('cwp-chat').analyze();
      if (floating) expect((await axe()).violations).toEqual([]);
      await w.open();
      await w.send('/markdown');
      await w.expectBotReply('A markdown reply');
      expect((await axe()).violations).toEqual([]);
    });
  });
}
