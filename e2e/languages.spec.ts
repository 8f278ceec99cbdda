// From source: the suite runs without a build.

import type { Locator, Page } from '@playwright/test';
import { ar } from '../packages/core/src/locales/ar.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

const rowNamed = (name: string) => {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no ${name} row`);
  return found;
};
const domFloating = rowNamed('dom-floating');
const embedFloating = rowNamed('embed-floating');

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('not drawn');
  return box;
}

/** The language packs the page fetched (`/embed/locales/<code>.js`). */
function packRequests(page: Page): string[] {
  const codes: string[] = [];
  page.on('request', (request) => {
    const code = /\/embed\/locales\/(\w+)\.js$/.exec(request.url())?.[1];
    if (code) codes.push(code);
  });
  return codes;
}

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
    const win = await boxOf(w.window);
    const title = await boxOf(w.part('title'));
    const input = await boxOf(w.input);
    const send = await boxOf(w.sendButton);
    expect(win.x + win.width - (title.x + title.width)).toBeLessThan(title.x - win.x);
    expect(send.x + send.width).toBeLessThanOrEqual(input.x + 1);
  });

  test('the embed with data-locale="ar" loads only the Arabic pack and speaks Arabic', async ({
    openWidget,
    page,
  }) => {
    const fetched = packRequests(page);
    const w = await openWidget(embedFloating, { config: { locale: 'ar' } });
    await w.open();
    await expect(w.root).toHaveAttribute('dir', 'rtl');
    await expect(w.part('title')).toHaveText('الدردشة');
    await expect(w.sendButton).toHaveAccessibleName('إرسال');
    expect(fetched).toEqual(['ar']);
  });

  test('the embed with no data-locale loads no pack', async ({ openWidget, page }) => {
    const fetched = packRequests(page);
    const w = await openWidget(embedFloating);
    await w.open();
    await expect(w.sendButton).toHaveAccessibleName('Send');
    expect(fetched).toEqual([]);
  });
});

test.describe('languages: a visitor whose browser prefers German', () => {
  test.use({ locale: 'de-AT' });

  test('the embed with data-locale="auto" loads the German pack', async ({ openWidget, page }) => {
    const fetched = packRequests(page);
    const w = await openWidget(embedFloating, { config: { locale: 'auto' } });
    await w.open();
    await expect(w.root).toHaveAttribute('lang', 'de');
    await expect(w.sendButton).toHaveAccessibleName('Senden');
    await expect(w.input).toHaveAttribute('placeholder', 'Nachricht eingeben…');
    expect(fetched).toEqual(['de']);
  });
});
