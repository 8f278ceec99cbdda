import type { Locator } from '@playwright/test';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

interface Frame {
  busy: string | null;
  text: string;
}

/**
 * Records, on every change of the message log, whether it is `aria-busy` and the last bot
 * reply's text: what a screen reader that waits for a busy live region would announce.
 */
function recordLog(log: Locator): Promise<void> {
  return log.evaluate((el) => {
    const frames: Frame[] = [];
    (window as unknown as { cwpFrames: Frame[] }).cwpFrames = frames;
    const read = () => {
      const replies = el.querySelectorAll(
        '[data-part="message"][data-role="bot"] [data-part="message-content"]',
      );
      frames.push({
        busy: el.getAttribute('aria-busy'),
        text: replies[replies.length - 1]?.textContent ?? '',
      });
    };
    new MutationObserver(read).observe(el, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-busy'],
    });
  });
}

const framesOf = (log: Locator) =>
  log.evaluate(() => (window as unknown as { cwpFrames: Frame[] }).cwpFrames);

for (const row of rows.filter((r) => r.content)) {
  test.describe(`${row.name} typewriter`, () => {
    test('a long reply types itself out; the live region changes once, to the whole reply', async ({
      openWidget,
    }) => {
      const w = await openWidget(row);
      await w.open();
      const log = w.part('messages');
      await recordLog(log);
      await w.send('/long');
      const reply = w.botMessages.last();
      await expect(reply).toHaveAttribute('data-status', 'streaming');
      await expect(w.part('stop-button')).toBeVisible();
      await expect(reply).toHaveAttribute('data-status', 'done');
      const whole = (await reply.locator('[data-part="message-content"]').textContent()) ?? '';
      expect(whole.length).toBeGreaterThan(1900);
      const frames = await framesOf(log);
      const partial = frames.filter((f) => f.text !== '' && f.text !== whole);
      // Typed out over many frames, each showing more…
      expect(partial.length).toBeGreaterThan(10);
      for (const f of partial) expect(whole.startsWith(f.text.slice(0, 40))).toBe(true);
      // …while the log is busy: a reader hears nothing of it until the whole reply is there.
      expect(partial.every((f) => f.busy === 'true')).toBe(true);
      const announced = new Set(frames.filter((f) => f.busy === 'false').map((f) => f.text));
      expect([...announced].filter((text) => text !== '')).toEqual([whole]);
      await expect(w.part('stop-button')).toBeHidden();
      await expect(reply.locator('[data-part="copy-reply"]')).toBeVisible();
    });

    test('with reduced motion a reply shows whole at once', async ({ openWidget, page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const w = await openWidget(row);
      await w.open();
      const log = w.part('messages');
      await recordLog(log);
      await w.send('/long');
      const reply = w.botMessages.last();
      await expect(reply).toHaveAttribute('data-status', 'done');
      const whole = (await reply.locator('[data-part="message-content"]').textContent()) ?? '';
      const shown = (await framesOf(log)).map((f) => f.text).filter((text) => text !== '');
      expect(shown.length).toBeGreaterThan(0);
      expect(new Set(shown)).toEqual(new Set([whole]));
    });
  });
}
