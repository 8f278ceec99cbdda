import { ar } from '@cwp/core/locales/ar';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

const domFloating = rows.find((r) => r.name === 'dom-floating');
if (domFloating === undefined) throw new Error('no dom-floating row');

test.describe('languages', () => {
  test('an Arabic widget draws right to left with Arabic text', async ({ openWidget }) => {
    const w = await openWidget(domFloating, { config: { locale: 'ar', locales: [ar] } });
    await expect(w.root).toHaveAttribute('dir', 'rtl');
    await expect(w.root).toHaveAttribute('lang', 'ar');
    await expect(w.bubble).toHaveAccessibleName('فتح الدردشة');
    await w.open();
    await expect(w.part('title')).toHaveText('الدردشة');
    await expect(w.input).toHaveAttribute('placeholder', 'اكتب رسالتك…');
    await expect(w.sendButton).toHaveAccessibleName('إرسال');
    await expect(w.part('close-button')).toHaveAccessibleName('إغلاق الدردشة');
    expect(await w.window.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

    // Right to left: the title starts at the window's right edge, the send button sits left of the input.
    const [win, title, input, send] = await Promise.all(
      [w.window, w.part('title'), w.input, w.sendButton].map(async (l) => {
        const box = await l.boundingBox();
        if (box === null) throw new Error('not drawn');
        return box;
      }),
    );
    expect(win.x + win.width - (title.x + title.width)).toBeLessThan(title.x - win.x);
    expect(send.x + send.width).toBeLessThanOrEqual(input.x + 1);
  });
});
