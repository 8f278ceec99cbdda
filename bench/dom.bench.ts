// The DOM renderer in Chromium: `npx tsx bench/dom.bench.ts`
// 1. embed: time from the loader script arriving to the bubble being drawn;
// 2. streaming: main-thread time and the longest task while a reply streams into one message
//    (5,000 one-character chunks; a 2,000-word markdown reply in 2,000 chunks 2 ms apart and in 300
//    chunks 30 ms apart);
// 3. history: time to open a window holding 2,000 restored messages (and to mount them), and to
//    jump to the top of what the open window drew (older messages drawn, if it left any out).
// Sections can be picked: `npx tsx bench/dom.bench.ts stream history` (default: all three);
// `words` streams only the two 2,000-word shapes.
import { startBot } from '@cwp/bot';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { startFixtureServer } from '../e2e/support/fixture-server.js';
import { benchPage } from './bench-page.js';
import { type MainThreadTime, watchMainThread } from './main-thread.js';
import { wordReply } from './word-reply.js';

const runs = 5;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const picked = process.argv.slice(2);
const wanted = (section: 'embed' | 'stream' | 'history') =>
  picked.length === 0 ||
  picked.includes(section) ||
  (section === 'stream' && picked.includes('words'));

interface StreamShape {
  readonly name: string;
  /** What the visitor sends; the bot echoes "You said: " + it. */
  readonly input: string;
  readonly chunks: number;
  readonly delayMs: number;
}
/** `cpu` (CDP ThreadTime), unlike task time, is not inflated by a busy machine. */
interface StreamRun extends MainThreadTime {
  wall: number;
}

const bot = await startBot({ delayMs: 0 });
const server = await startFixtureServer(bot);
const browser = await chromium.launch(chromiumLaunchOptions);

const newPage = () => benchPage(browser);

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

/** One streamed reply in a fresh inline widget: main-thread time from send to the reply done. */
async function streamOnce(shape: StreamShape): Promise<StreamRun> {
  const chunk = Math.ceil(`You said: ${shape.input}`.length / shape.chunks);
  const page = await newPage();
  await page.goto(
    server.page({
      renderer: 'dom',
      widgets: [
        {
          config: {
            webhookUrl: `${server.hookUrl}?stream=1&chunk=${chunk}&delay=${shape.delayMs}`,
            type: 'inline',
            storage: 'memory',
            timeouts: { request: 60_000, idle: 30_000 },
          },
          target: '#inline-1',
        },
      ],
    }),
  );
  const watch = await watchMainThread(page);
  const input = page.locator('[data-part="input"]');
  await input.fill(shape.input);
  await watch.mark();
  const started = Date.now();
  await input.press('Enter');
  await page.waitForSelector('[data-part="message"][data-role="bot"][data-status="done"]', {
    timeout: 120_000,
  });
  const wall = Date.now() - started;
  const spent = await watch.since();
  const run: StreamRun = {
    ...spent,
    wall,
  };
  await page.context().close();
  return run;
}

try {
  // 1. Embed script start → bubble visible.
  const bubbleTimes: number[] = [];
  for (let i = 0; i < (wanted('embed') ? runs : 0); i++) {
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

  // 2. Streaming into one message (main-thread time grows with the reply if redraws are incremental).
  const streamShapes: StreamShape[] = [
    // The bot streams one character per NDJSON item: "You said: " + 4,990 characters.
    {
      name: '5,000 one-character chunks, no delay',
      input: 'x'.repeat(4990),
      chunks: 5000,
      delayMs: 0,
    },
    // The two shapes of one 2,000-word markdown reply.
    {
      name: '2,000-word reply in 2,000 chunks 2 ms apart',
      input: wordReply,
      chunks: 2000,
      delayMs: 2,
    },
    {
      name: '2,000-word reply in 300 chunks 30 ms apart',
      input: wordReply,
      chunks: 300,
      delayMs: 30,
    },
  ];
  const streamResults: { shape: StreamShape; runs: StreamRun[] }[] = [];
  if (wanted('stream'))
    for (const shape of streamShapes) {
      if (picked.includes('words') && shape.input !== wordReply) continue;
      const shapeRuns: StreamRun[] = [];
      for (let i = 0; i < 3; i++) shapeRuns.push(await streamOnce(shape));
      streamResults.push({ shape, runs: shapeRuns });
    }

  // 3. Open a window holding 2,000 restored messages.
  const openTimes: number[] = [];
  const mountTimes: number[] = [];
  const drawnAtOpen: number[] = [];
  const revealTimes: number[] = [];
  const revealCpu: number[] = [];
  // Where the open's main-thread time goes (CDP Performance metrics around the click).
  const openParts: Record<'cpu' | 'script' | 'style' | 'layout', number[]> = {
    cpu: [],
    script: [],
    style: [],
    layout: [],
  };
  const historyPage = server.page({
    renderer: 'dom',
    widgets: [
      { config: { webhookUrl: server.hookUrl, type: 'floating', tooltip: false, id: 'bench' } },
    ],
  });
  for (let i = 0; i < (wanted('history') ? runs : 0); i++) {
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
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]),
      );
    const before = await metrics();
    openTimes.push(
      await page.evaluate(async () => {
        const host = document.querySelector('[data-cwp-host]')!.shadowRoot!;
        const bubble = host.querySelector<HTMLElement>('[data-part="bubble"]')!;
        const started = performance.now();
        bubble.click();
        // Until the next frame has been produced (style, layout and paint of the open window).
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const messages = host.querySelectorAll('[data-part="message"]');
        if (!messages[messages.length - 1]?.textContent?.includes('Answer 999'))
          throw new Error('not restored');
        return performance.now() - started;
      }),
    );
    drawnAtOpen.push(
      await page.evaluate(
        () =>
          document
            .querySelector('[data-cwp-host]')!
            .shadowRoot!.querySelectorAll('[data-part="message"]').length,
      ),
    );
    const after = await metrics();
    const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
    openParts.cpu.push(delta('ThreadTime'));
    openParts.script.push(delta('ScriptDuration'));
    openParts.style.push(delta('RecalcStyleDuration'));
    openParts.layout.push(delta('LayoutDuration'));
    // The visitor jumps to the top of what is drawn: older messages (if any are left out) are drawn.
    const beforeReveal = await metrics();
    revealTimes.push(
      await page.evaluate(async () => {
        const host = document.querySelector('[data-cwp-host]')!.shadowRoot!;
        const log = host.querySelector<HTMLElement>('[data-part="messages"]')!;
        const started = performance.now();
        log.scrollTop = 0;
        // The scroll event, the draw, then the frame after it.
        for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
        await new Promise((r) => setTimeout(r, 0));
        return performance.now() - started;
      }),
    );
    revealCpu.push((await metrics()).ThreadTime! - beforeReveal.ThreadTime!);
    await page.context().close();
  }

  console.log(`Chromium ${browser.version()}, medians of ${runs} runs (streaming: 3 runs)`);
  if (wanted('embed'))
    console.log(`embed: loader script received → bubble drawn        ${ms(median(bubbleTimes))}`);
  for (const { shape, runs: shapeRuns } of streamResults) {
    const of = (key: keyof StreamRun) => ms(median(shapeRuns.map((r) => r[key])));
    console.log(
      `stream ${shape.name}: main-thread CPU ${of('cpu')}, task time ${of('task')} (script ${of('script')}, style ${of('style')}, layout ${of('layout')}), longest task ${of('longest')}, wall ${of('wall')}`,
    );
  }
  if (wanted('history'))
    console.log(
      `2,000 restored messages: page start → bubble drawn ${ms(median(mountTimes))}; open window → next frame ${ms(median(openTimes))} (main-thread CPU ${ms(median(openParts.cpu))}; script ${ms(median(openParts.script))}, style ${ms(median(openParts.style))}, layout ${ms(median(openParts.layout))}; ${median(drawnAtOpen)} messages drawn); scroll to the top → two frames ${ms(median(revealTimes))} (main-thread CPU ${ms(median(revealCpu))})`,
    );
} finally {
  await browser.close();
  await server.close();
  await bot.close();
}
