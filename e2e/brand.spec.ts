import type { Page } from '@playwright/test';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

/** Images served to the page: the brand pictures, with the Referer each request carried. */
async function serveImages(page: Page): Promise<Record<string, string | undefined>> {
  const referers: Record<string, string | undefined> = {};
  await page.route('**/brand/*.svg', async (route) => {
    const request = route.request();
    referers[new URL(request.url()).pathname] = (await request.allHeaders()).referer;
    await route.fulfill({
      contentType: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#e11d48"/></svg>',
    });
  });
  return referers;
}

/** Counts the blips core synthesizes (Web Audio), in place of the real AudioContext. */
const fakeAudio = () => {
  const w = window as unknown as { blips: number; AudioContext: unknown };
  w.blips = 0;
  const node = () => ({ connect: (next: unknown) => next, start() {}, stop() {} });
  w.AudioContext = class {
    currentTime = 0;
    destination = {};
    resume = async () => {};
    createOscillator() {
      w.blips++;
      return { ...node(), frequency: { value: 0 } };
    }
    createGain() {
      return { ...node(), gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} } };
    }
  };
};

const loaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} brand`, () => {
    test('draws header.avatar beside bot messages, decorative and without a referrer', async ({
      openWidget,
      page,
      server,
    }) => {
      const referers = await serveImages(page);
      const avatar = `${server.url}/brand/avatar.svg`;
      const w = await openWidget(row, {
        config: { header: { avatar }, initialMessages: ['Hello! Ask me anything.'] },
      });
      await w.open();
      await w.send('hello');
      await expect(w.botMessages).toHaveCount(2, { timeout: 15_000 });
      const beside = w.botMessages.last().locator('[data-part="message-avatar"]');
      await expect(beside).toBeVisible();
      await expect(beside).toHaveAttribute('alt', '');
      await expect(beside).toHaveAttribute('src', avatar);
      await expect
        .poll(() => beside.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBe(40);
      // Beside the bubble, not inside it: the avatar ends where the content starts.
      const [a, c] = await Promise.all([
        beside.boundingBox(),
        w.botMessages.last().locator('[data-part="message-content"]').boundingBox(),
      ]);
      expect(a!.x + a!.width).toBeLessThanOrEqual(c!.x);
      await expect(w.userMessages.locator('[data-part="message-avatar"]')).toHaveCount(0);
      expect(referers['/brand/avatar.svg']).toBeUndefined();
    });

    if (row.type !== 'floating') return;

    test('draws bubble.icon as an image, and the avatar in the tooltip', async ({
      openWidget,
      page,
      server,
    }) => {
      const referers = await serveImages(page);
      const w = await openWidget(row, {
        config: {
          bubble: { icon: `${server.url}/brand/logo.svg` },
          header: { avatar: `${server.url}/brand/avatar.svg` },
          tooltip: { text: 'Questions? Ask us.', delay: 0 },
        },
      });
      const icon = w.bubble.locator('[data-part="icon"][data-icon="image"]');
      await expect(icon).toBeVisible();
      await expect(icon).toHaveAttribute('alt', '');
      await expect(icon).toHaveAttribute('referrerpolicy', 'no-referrer');
      await expect.poll(() => loaded(page, '[data-part="bubble"] img')).toBe(true);
      const tooltipAvatar = w.part('tooltip-avatar');
      await expect(tooltipAvatar).toBeVisible();
      await expect.poll(() => loaded(page, '[data-part="tooltip-avatar"]')).toBe(true);
      expect(referers['/brand/logo.svg']).toBeUndefined();
      // Open: the close icon replaces the image.
      await w.open();
      await expect(icon).toBeHidden();
      await expect(w.bubble.locator('[data-icon="close"]')).toBeVisible();
    });

    test('a built-in bubble icon by name', async ({ openWidget }) => {
      const w = await openWidget(row, { config: { bubble: { icon: 'sparkle' } } });
      // The embed's placeholder bubble draws it too, before the rest of the widget arrives.
      await expect(w.anyBubble.locator('[data-icon="sparkle"]')).toBeVisible();
      await expect(w.anyBubble.locator('[data-icon="chat"]')).toHaveCount(0);
      await w.open();
      await w.bubble.click();
      await expect(w.bubble.locator('[data-icon="sparkle"]')).toBeVisible();
    });

    test('window-width and window-height tokens size the window, within the viewport', async ({
      openWidget,
      page,
    }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const tokens = { 'window-width': '460px', 'window-height': '700px' };
      const w = await openWidget(row, { config: { theme: { tokens } } });
      await w.open();
      const size = async () => {
        const box = await w.window.boundingBox();
        return [Math.round(box!.width), Math.round(box!.height)];
      };
      await expect.poll(size).toEqual([460, 700]);
      // A viewport smaller than the tokens: the window still fits.
      await page.setViewportSize({ width: 600, height: 500 });
      const [width, height] = await size();
      expect(width).toBeLessThanOrEqual(600 - 40);
      expect(height).toBeLessThan(500);
    });

    test('a reply while closed sounds once; the mute button silences it and survives a reload', async ({
      openWidget,
      page,
      server,
    }) => {
      await page.addInitScript(fakeAudio);
      const w = await openWidget(row, { config: { sound: true } });
      await w.open();
      const mute = w.part('mute-button');
      await expect(mute).toBeVisible();
      await expect(mute).toHaveAttribute('aria-pressed', 'false');
      await expect(mute).toHaveAccessibleName('Mute sounds');
      server.setHook('slow');
      await w.send('take your time');
      await w.bubble.click();
      await expect(w.part('unread-badge')).toBeVisible({ timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { blips: number }).blips)).toBe(1);

      await w.open();
      await mute.click();
      await expect(mute).toHaveAttribute('aria-pressed', 'true');
      await page.reload();
      await w.open();
      await expect(mute).toHaveAttribute('aria-pressed', 'true');
      await w.send('again, slowly');
      await w.bubble.click();
      await expect(w.part('unread-badge')).toBeVisible({ timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { blips: number }).blips)).toBe(0);
      await w.open();
      await mute.click();
      await expect(mute).toHaveAttribute('aria-pressed', 'false');
    });
  });
}
