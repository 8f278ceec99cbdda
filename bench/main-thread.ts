import type { CDPSession, Page } from 'playwright-core';

/** What a page's main thread spent between `mark()` and `since()` (ms). */
export interface MainThreadTime {
  /** CPU time of the main thread (Chromium's ThreadTime). */
  readonly cpu: number;
  readonly task: number;
  readonly script: number;
  readonly style: number;
  readonly layout: number;
  /** The longest task since the mark (Long Tasks API: 50 ms and more; 0 = none). */
  readonly longest: number;
}

export interface MainThreadWatch {
  /** The page's DevTools session (for a profiler or more metrics). */
  readonly cdp: CDPSession;
  /** Takes the starting point (what the page did before, typing into the composer say, does not count). */
  mark(): Promise<void>;
  /** Lets a frame pass, then gives what the main thread spent since the mark. */
  since(): Promise<MainThreadTime>;
}

/** Watches a page's main thread through Chromium's Performance metrics and the Long Tasks API. */
export async function watchMainThread(page: Page): Promise<MainThreadWatch> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const read = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]),
    );
  let before: Record<string, number> = {};
  return {
    cdp,
    async mark() {
      await page.evaluate(() => {
        (window as unknown as { __longest: number }).__longest = 0;
      });
      before = await read();
    },
    async since() {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      const after = await read();
      const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
      return {
        cpu: delta('ThreadTime'),
        task: delta('TaskDuration'),
        script: delta('ScriptDuration'),
        style: delta('RecalcStyleDuration'),
        layout: delta('LayoutDuration'),
        longest: await page.evaluate(() => (window as unknown as { __longest: number }).__longest),
      };
    },
  };
}
