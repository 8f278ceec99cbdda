// What the typewriter costs the page, in Chromium: `npx tsx bench/typewriter.bench.ts`
// A 2,000-word markdown reply (the one `dom.bench.ts` streams) arrives whole, and streamed in 300
// chunks 30 ms apart, into a DOM-renderer inline widget with `typewriter` on (the default) and off.
// For each: main-thread CPU time from send until the reply is fully shown, split into script,
// style and layout; the longest task (Long Tasks API: tasks of 50 ms and more, 0 = none); the
// longest gap between animation frames while it reveals; and how long until it is fully shown.
import { startBot } from '@cwp/bot';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { startFixtureServer } from '../e2e/support/fixture-server.js';
import { benchPage } from './bench-page.js';
import { type MainThreadTime, watchMainThread } from './main-thread.js';
import { wordReply } from './word-reply.js';

const runs = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Shape {
  readonly name: string;
  readonly query: string;
}
interface Run extends MainThreadTime {
  frameGap: number;
  shown: number;
}

const chunk = Math.ceil(wordReply.length / 300);
const shapes: Shape[] = [
  { name: 'whole', query: '?stream=0' },
  { name: 'streamed, 300 chunks 30 ms apart', query: `?stream=1&chunk=${chunk}&delay=30` },
];

// The visitor sends a short question; the bot answers with the long reply.
const bot = await startBot({ delayMs: 0, reply: () => wordReply });
const server = await startFixtureServer(bot);
const browser = await chromium.launch(chromiumLaunchOptions);

const newPage = () => benchPage(browser);

async function once(shape: Shape, typewriter: boolean): Promise<Run> {
  const page = await newPage();
  await page.goto(
    server.page({
      renderer: 'dom',
      widgets: [
        {
          config: {
            webhookUrl: `${server.hookUrl}${shape.query}`,
            type: 'inline',
            storage: 'memory',
            typewriter,
            timeouts: { request: 60_000, idle: 30_000 },
          },
          target: '#inline-1',
        },
      ],
    }),
  );
  const watch = await watchMainThread(page);
  // The longest gap between animation frames while it reveals.
  await page.evaluate(() => {
    const w = window as unknown as { __gap: number };
    w.__gap = 0;
    let last = performance.now();
    const frame = (time: number) => {
      w.__gap = Math.max(w.__gap, time - last);
      last = time;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const input = page.locator('[data-part="input"]');
  await input.fill('Tell me everything');
  await watch.mark();

  // Frames before the reply arrives do not count towards the gap (the page idles meanwhile).
  await page.evaluate(() => {
    (window as unknown as { __gap: number }).__gap = 0;
  });
  const started = Date.now();
  await input.press('Enter');
  // Fully shown: the reply's copy button appears once it is done and revealed.
  await page.waitForSelector(
    '[data-part="message"][data-role="bot"][data-status="done"] [data-part="message-actions"]:not([hidden])',
    { timeout: 120_000 },
  );
  const shown = Date.now() - started;
  const spent = await watch.since();
  const run: Run = {
    ...spent,
    frameGap: await page.evaluate(() => (window as unknown as { __gap: number }).__gap),
    shown,
  };
  await page.context().close();
  return run;
}

try {
  console.log(
    `A ${wordReply.split(/\s+/).length}-word reply (${wordReply.length} characters), DOM renderer, median of ${runs} runs:`,
  );
  const rows: Record<string, string>[] = [];
  for (const shape of shapes)
    for (const typewriter of [false, true]) {
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) results.push(await once(shape, typewriter));
      const m = (key: keyof Run) => `${median(results.map((r) => r[key])).toFixed(1)} ms`;
      rows.push({
        reply: shape.name,
        typewriter: typewriter ? 'on' : 'off',
        'main thread': m('cpu'),
        script: m('script'),
        style: m('style'),
        layout: m('layout'),
        'longest task (>=50 ms)': m('longest'),
        'longest frame gap': m('frameGap'),
        'fully shown after': m('shown'),
      });
    }
  console.table(rows);
} finally {
  await browser.close();
  await server.close();
  await bot.close();
}
