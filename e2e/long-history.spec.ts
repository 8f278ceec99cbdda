import type { Locator, Page } from '@playwright/test';
import { WidgetModel } from './page-model.js';
import { rows } from './rows.js';
import { expect, test } from './support/fixtures.js';

/** Replaces the saved conversation with `count` messages (half questions, half markdown answers). */
async function saveLongHistory(page: Page, count: number): Promise<void> {
  await page.evaluate((count) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('cwp:')) as string;
    const data = JSON.parse(localStorage.getItem(key) as string);
    type Log = { messages: Record<string, unknown>[] };
    const find = (value: unknown): Log | undefined => {
      if (value === null || typeof value !== 'object') return undefined;
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.messages)) return record as unknown as Log;
      for (const k of Object.keys(record)) {
        const found = find(record[k]);
        if (found) return found;
      }
      return undefined;
    };
    const log = find(data) as Log;
    const [user, bot] = log.messages;
    const messages = [];
    for (let n = 0; n < count / 2; n++) {
      messages.push({ ...user, id: `u${n}`, text: `Question ${n}: how does **this** work?` });
      const long = n % 7 === 0 ? `\n\n${'A longer paragraph that wraps. '.repeat(12)}` : '';
      messages.push({
        ...bot,
        id: `b${n}`,
        replyTo: `u${n}`,
        text: `Answer ${n}: a *short* reply with \`code\`.${long}\n\n- one\n- two`,
      });
    }
    log.messages = messages;
    localStorage.setItem(key, JSON.stringify(data));
  }, count);
}

/** Where a message sits against the log's visible box: 'above', 'visible' or 'below'. */
async function placeOf(log: Locator, message: Locator): Promise<string> {
  const handle = await message.elementHandle();
  return log.evaluate((el, target) => {
    const box = el.getBoundingClientRect();
    const rect = (target as Element).getBoundingClientRect();
    if (rect.bottom <= box.top) return 'above';
    if (rect.top >= box.bottom) return 'below';
    return 'visible';
  }, handle);
}

/** A drawn message's place in the history, from its element id (`…-msg-u<n>` or `…-msg-b<n>`). */
function order(elementId: string): number {
  const match = /-msg-([ub])(\d+)$/.exec(elementId);
  if (match === null) throw new Error(`not a restored message: ${elementId}`);
  return Number(match[2]) * 2 + (match[1] === 'b' ? 1 : 0);
}

for (const row of rows.filter(
  (r) => r.type === 'floating' && ['dom', 'vue', 'svelte', 'solid'].includes(r.renderer),
)) {
  test(`${row.name}: 600 restored messages open at the end and scroll back to the first`, async ({
    openWidget,
    page,
  }) => {
    test.setTimeout(120_000);
    // Ten reveals of older messages; bench/dom.bench.ts times the same at 2,000.
    const total = 600;
    const w = await openWidget(row);
    await w.open();
    await w.send('seed');
    await w.expectBotReply('You said: seed');
    await page.waitForTimeout(400); // the message log is saved with a short throttle
    await saveLongHistory(page, total);
    await page.reload();
    const after = new WidgetModel(page, row.type);
    // A closed window draws none of them; the open one only the newest, not all of them.
    await expect(after.part('bubble')).toBeVisible();
    await expect(after.messages).toHaveCount(0);
    await after.open();
    await expect(after.botMessages.last()).toContainText(`Answer ${total / 2 - 1}`);
    expect(await after.messages.count()).toBeLessThanOrEqual(100);
    const log = after.part('messages');
    const distanceFromEnd = () =>
      log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

    // Opens pinned to the end: the last answer is in view.
    await expect.poll(distanceFromEnd).toBeLessThan(5);
    expect(await placeOf(log, after.messages.last())).toBe('visible');

    // Scrolling up walks back through the history in order, without jumps, to the first message:
    // the message at the top moves down by exactly the distance scrolled, older messages drawn
    // above it or not.
    const steps = await log.evaluate(async (el) => {
      const all = () => [...el.querySelectorAll('[data-part="message"]')];
      const box = () => el.getBoundingClientRect();
      const topMessage = () => {
        const messages = all();
        let low = 0;
        let high = messages.length - 1;
        while (low < high) {
          const mid = (low + high) >> 1;
          if ((messages[mid] as Element).getBoundingClientRect().bottom > box().top) high = mid;
          else low = mid + 1;
        }
        return messages[low] as Element;
      };
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      // Whether the live region was on when each batch of messages was drawn into it.
      const liveWhenDrawn: (string | null)[] = [];
      const watch = new MutationObserver((records) => {
        for (const record of records)
          if ([...record.addedNodes].some((n) => (n as Element).matches?.('[data-part="message"]')))
            liveWhenDrawn.push(el.getAttribute('aria-live'));
      });
      watch.observe(el, { childList: true });
      const stride = 1500;
      const seen: { id: string; moved: number; scrolled: number }[] = [];
      for (let guard = 0; guard < 2000; guard++) {
        const anchor = topMessage();
        // Measured against the log, not the viewport: the window may still be sliding in.
        const topInLog = () => anchor.getBoundingClientRect().top - box().top;
        const before = topInLog();
        const from = el.scrollTop;
        if (from === 0) break;
        el.scrollTop = from - stride;
        await frame();
        await frame();
        seen.push({
          id: anchor.id,
          moved: Math.round(topInLog() - before),
          scrolled: Math.min(stride, from),
        });
      }
      seen.push({ id: topMessage().id, moved: 0, scrolled: 0 });
      await frame();
      await new Promise((r) => setTimeout(r, 50));
      watch.disconnect();
      return {
        seen,
        drawn: all().map((m) => m.id),
        liveWhenDrawn,
        liveAfter: el.getAttribute('aria-live'),
      };
    });
    expect(steps.seen.length).toBeGreaterThan(10);
    for (const [i, step] of steps.seen.entries()) {
      expect(Math.abs(step.moved - step.scrolled), `step ${i}`).toBeLessThanOrEqual(1);
      if (i > 0) expect(order(step.id)).toBeLessThanOrEqual(order(steps.seen[i - 1]?.id ?? ''));
    }
    expect(order(steps.seen.at(-1)?.id ?? '')).toBe(0);
    expect(steps.drawn.map(order)).toEqual(Array.from({ length: total }, (_, i) => i));
    // A screen reader does not read out the older messages as they are drawn, and the log is a
    // live region again afterwards.
    expect(steps.liveWhenDrawn.length).toBeGreaterThanOrEqual(Math.floor(total / 60) - 1);
    expect(new Set(steps.liveWhenDrawn)).toEqual(new Set(['off']));
    expect(steps.liveAfter).toBe('polite');
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await placeOf(log, after.messages.first())).toBe('visible');
    await expect(after.userMessages.first()).toContainText('Question 0');

    // Back at the end, a new reply still follows the bottom.
    await log.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await after.send('one more');
    await after.expectBotReply('You said: one more');
    await expect.poll(distanceFromEnd).toBeLessThan(5);
    await expect(log).toHaveAttribute('aria-live', 'polite');
  });
}
