// The DOM renderer in Chromium: `npx tsx bench/dom.bench.ts`
// 1. embed: time from the loader script arriving to the bubble being drawn;
// 2. streaming: main-thread time and the longest task while 5,000 chunks stream into one message;
// 3. history: time to open a window holding 2,000 restored messages (and to mount them).
import { startBot } from '@cwp/bot';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { startFixtureServer } from '../e2e/support/fixture-server.js';

const runs = 5;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const bot = await startBot({ delayMs: 0 });
const server = await startFixtureServer(bot);
const browser = await chromium.launch(chromiumLaunchOptions);

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  // tsx keeps function names with a `__name` helper, which functions passed to evaluate() call.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  return context.newPage();
}

/**
 * Records when a bubble with a size first appears, polling every frame from before any script.
 * A string, so the bundler's helpers (tsx keeps function names) do not leak into the page.
 */
const watchBubble = `
  const check = () => {
    for (const host of document.querySelectorAll('[data-cwp-host]')) {
      const bubble = host.shadowRoot && host.shadowRoot.querySelector('[data-part="bubble"]');
      if (bubble && bubble.getBoundingClientRect().width > 0) {
        window.__bubbleAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

try {
  // 1. Embed script start → bubble visible.
  const bubbleTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage();
    await page.addInitScript({ content: watchBubble });
    await page.goto(
      server.page({
        renderer: 'embed',
        widgets: [{ config: { webhookUrl: server.hookUrl, type: 'floating', tooltip: false } }],
      }),
    );
    await page.waitForFunction(() => (window as { __bubbleAt?: number }).__bubbleAt !== undefined);
    bubbleTimes.push(
      await page.evaluate(() => {
        const entry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/embed/cwp-embed.js')) as PerformanceResourceTiming;
        return (window as unknown as { __bubbleAt: number }).__bubbleAt - entry.responseEnd;
      }),
    );
    await page.context().close();
  }

  // 2. 5,000 chunks into one message: the bot streams one character per NDJSON item.
  const streamRuns: { task: number; script: number; longest: number; wall: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await newPage();
    await page.goto(
      server.page({
        renderer: 'dom',
        widgets: [
          {
            config: {
              webhookUrl: `${server.hookUrl}?stream=1&chunk=1&delay=0`,
              type: 'inline',
              storage: 'memory',
              timeouts: { request: 60_000, idle: 30_000 },
            },
            target: '#inline-1',
          },
        ],
      }),
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const metric = async (name: string) =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ??
        0) * 1000;
    const input = page.locator('[data-part="input"]');
    // "You said: " + 4,990 characters = 5,000 characters = 5,000 items.
    await input.fill('x'.repeat(4990));
    const taskBefore = await metric('TaskDuration');
    const scriptBefore = await metric('ScriptDuration');
    const started = Date.now();
    await input.press('Enter');
    await page.waitForSelector('[data-part="message"][data-role="bot"][data-status="done"]', {
      timeout: 120_000,
    });
    const wall = Date.now() - started;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    streamRuns.push({
      task: (await metric('TaskDuration')) - taskBefore,
      script: (await metric('ScriptDuration')) - scriptBefore,
      longest: await page.evaluate(() => (window as unknown as { __longest: number }).__longest),
      wall,
    });
    await page.context().close();
  }

  // 3. Open a window holding 2,000 restored messages.
  const openTimes: number[] = [];
  const mountTimes: number[] = [];
  const historyPage = server.page({
    renderer: 'dom',
    widgets: [
      { config: { webhookUrl: server.hookUrl, type: 'floating', tooltip: false, id: 'bench' } },
    ],
  });
  for (let i = 0; i < runs; i++) {
    const page = await newPage();
    await page.goto(historyPage);
    await page.locator('[data-part="bubble"]').click();
    await page.locator('[data-part="input"]').fill('seed');
    await page.locator('[data-part="input"]').press('Enter');
    await page.waitForSelector('[data-part="message"][data-role="bot"][data-status="done"]');
    await page.waitForTimeout(400);
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('cwp:'))!;
      const data = JSON.parse(localStorage.getItem(key)!);
      const find = (v: unknown): { messages: { id: string; text: string }[] } | undefined => {
        if (v === null || typeof v !== 'object') return undefined;
        const r = v as Record<string, unknown>;
        if (Array.isArray(r.messages)) return r as { messages: { id: string; text: string }[] };
        for (const k of Object.keys(r)) {
          const found = find(r[k]);
          if (found) return found;
        }
        return undefined;
      };
      const log = find(data)!;
      const [user, bot] = log.messages;
      const messages = [];
      for (let n = 0; n < 1000; n++) {
        messages.push({
          ...user,
          id: `u${n}`,
          text: `Question number ${n}: how does **this** work?`,
        });
        messages.push({
          ...bot,
          id: `b${n}`,
          replyTo: `u${n}`,
          text: `Answer ${n}: a *short* reply with \`code\` and a [link](https://example.com/${n}).\n\n- one\n- two`,
        });
      }
      log.messages = messages;
      localStorage.setItem(key, JSON.stringify(data));
    });
    await page.addInitScript({ content: watchBubble });
    await page.reload();
    await page.waitForFunction(() => (window as { __bubbleAt?: number }).__bubbleAt !== undefined);
    mountTimes.push(
      await page.evaluate(() => (window as unknown as { __bubbleAt: number }).__bubbleAt),
    );
    openTimes.push(
      await page.evaluate(async () => {
        const host = document.querySelector('[data-cwp-host]')!.shadowRoot!;
        const bubble = host.querySelector<HTMLElement>('[data-part="bubble"]')!;
        const started = performance.now();
        bubble.click();
        // Until the next frame has been produced (style, layout and paint of the open window).
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        if (host.querySelectorAll('[data-part="message"]').length < 2000)
          throw new Error('not restored');
        return performance.now() - started;
      }),
    );
    await page.context().close();
  }

  const stream = {
    task: median(streamRuns.map((r) => r.task)),
    script: median(streamRuns.map((r) => r.script)),
    longest: median(streamRuns.map((r) => r.longest)),
    wall: median(streamRuns.map((r) => r.wall)),
  };
  console.log(`Chromium ${browser.version()}, medians of ${runs} runs (streaming: 3 runs)`);
  console.log(`embed: loader script received → bubble drawn        ${ms(median(bubbleTimes))}`);
  console.log(
    `stream 5,000 chunks into one message: main-thread task time ${ms(stream.task)} (script ${ms(stream.script)}), longest task ${ms(stream.longest)}, wall ${ms(stream.wall)}`,
  );
  console.log(
    `2,000 restored messages: page start → bubble drawn ${ms(median(mountTimes))}; open window → next frame ${ms(median(openTimes))}`,
  );
} finally {
  await browser.close();
  await server.close();
  await bot.close();
}
