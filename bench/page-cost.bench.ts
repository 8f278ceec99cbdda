// What the embed costs a page whose visitor never opens the chat, and how fast the first open is:
// `npx tsx bench/page-cost.bench.ts` (Chromium; `--loader <file>` measures another loader source).
// 1. page cost: main-thread task time (a Chromium trace's top-level RunTask events) in the first
//    second after the bubble is drawn, and the JS heap at the end of that second (as is, and after
//    a full GC), each against the bare page (no widget) over the second after its first frame;
// 2. pointerdown on the bubble → usable window (the message input focused): cold (first visit,
//    clicked the moment the bubble is drawn), a first visit clicked 1.5 s later (tooltip off, so
//    only the idle prefetch has run), and warm (a second page of the same site: clicked at once,
//    and with the pointer resting on the bubble 150 ms before the click).
// The loader and the rest are built the way tsup ships them (minified IIFEs) and served with a
// one-hour Cache-Control, as a CDN would.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { sharedFromLoaderPlugin } from '../scripts/lib/shared-from-loader.js';

const root = join(import.meta.dirname, '..');
const loaderArg = process.argv.indexOf('--loader');
const loaderSource =
  loaderArg > 0 ? (process.argv[loaderArg + 1] as string) : 'packages/dom/src/embed/loader.ts';
const runs = Number(process.env.RUNS ?? 7);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function iife(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    ...(globalName ? { globalName, plugins: [sharedFromLoaderPlugin()] } : {}),
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const scripts: Record<string, string> = {
  '/cwp-embed.js': await iife(loaderSource),
  '/cwp-widget.js': await iife('packages/dom/src/embed/runtime.ts', 'ChatWidgetProRuntime'),
};
const requests: string[] = [];

const content = `<h1>A page</h1>${'<p>Some host page text, as any page has.</p>'.repeat(40)}`;
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>page</title></head><body>${content}${body}</body></html>`;
// The bare page marks its first frame the way the embed page marks its bubble.
const bare = page('<script>requestAnimationFrame(() => window.mark());</script>');

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0] as string;
  requests.push(path);
  const script = scripts[path];
  if (script !== undefined) {
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    });
    res.end(script);
  } else if (path === '/bare') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(bare);
  } else if (path === '/embed' || path === '/embed-quiet') {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const quiet = path === '/embed-quiet' ? ' data-tooltip="false"' : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(`<script src="/cwp-embed.js" data-webhook-url="${url}"${quiet}></script>`));
  } else if (path === '/hook') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"output":"Hello"}');
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Records when a bubble with a size first appears, polling every frame from before any script. */
const watchBubble = `
  const check = () => {
    for (const host of document.querySelectorAll('[data-cwp-host]')) {
      const bubble = host.shadowRoot && host.shadowRoot.querySelector('[data-part="bubble"]');
      if (bubble && bubble.getBoundingClientRect().width > 0) {
        mark();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  if (location.pathname.startsWith('/embed')) requestAnimationFrame(check);
`;

/**
 * At the bubble (the bare page: its first frame) a user-timing mark for the trace, and a second
 * later the JS heap, as is and after a full GC (Chromium started with precise memory info and gc).
 */
const markBubble = `
  window.mark = () => {
    window.__bubbleAt = performance.now();
    performance.mark('cwp-bubble');
    if (location.search === '?cost') setTimeout(() => {
      const raw = performance.memory.usedJSHeapSize;
      gc();
      window.__heap = { raw, collected: performance.memory.usedJSHeapSize };
    }, 1000);
  };
`;

/** From the bubble's pointerdown to the frame where the window's input has focus. */
const watchOpen = `
  document.addEventListener('pointerdown', () => {
    const started = performance.now();
    const check = () => {
      const host = document.querySelector('[data-cwp-host]');
      const active = host && host.shadowRoot && host.shadowRoot.activeElement;
      if (active && active.getAttribute('data-part') === 'input') {
        window.__usable = performance.now() - started;
        return;
      }
      requestAnimationFrame(check);
    };
    check();
  }, { capture: true, once: true });
`;

const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript({ content: markBubble + watchBubble + watchOpen });
  return context;
}

const bubbleAt = (page: Page) =>
  page
    .waitForFunction(() => (window as { __bubbleAt?: number }).__bubbleAt)
    .then(async (handle) => (await handle.jsonValue()) as number);

interface Cost {
  task: number;
  longest: number;
  heap: number;
  heapRaw: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
}

/** Main-thread task time (top-level ThreadControllerImpl::RunTask events) in the second after the `cwp-bubble` mark. */
function taskTime(trace: Buffer): { task: number; longest: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === 'cwp-bubble');
  if (!mark) throw new Error('no cwp-bubble mark in the trace');
  const from = mark.ts;
  const to = from + 1_000_000;
  let task = 0;
  let longest = 0;
  for (const e of events) {
    if (!e.name.endsWith('RunTask') || e.ph !== 'X' || e.pid !== mark.pid || e.tid !== mark.tid)
      continue;
    const clipped = Math.min(e.ts + (e.dur ?? 0), to) - Math.max(e.ts, from);
    if (clipped <= 0) continue;
    // Thread (CPU) time where the trace has it: on a busy machine wall time counts descheduling.
    const cpu = ((e.tdur ?? e.dur ?? 0) * clipped) / (e.dur || 1) / 1000;
    task += cpu;
    longest = Math.max(longest, cpu);
  }
  return { task, longest };
}

async function pageCost(path: string): Promise<Cost> {
  const context = await newContext();
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: ['toplevel', 'blink.user_timing'],
  });
  await page.goto(`${origin}${path}?cost`);
  const heap = await page.waitForFunction(
    () => (window as { __heap?: { raw: number; collected: number } }).__heap,
    undefined,
    { timeout: 10_000 },
  );
  const { raw, collected } = (await heap.jsonValue()) as { raw: number; collected: number };
  const trace = await browser.stopTracing();
  await context.close();
  return { ...taskTime(trace), heap: collected, heapRaw: raw };
}

async function openTime(page: Page, waitMs: number, hoverMs = 0): Promise<number> {
  await bubbleAt(page);
  if (waitMs > 0) await page.waitForTimeout(waitMs);
  const bubble = page.locator('[data-part="bubble"]');
  if (hoverMs > 0) {
    await bubble.hover();
    await page.waitForTimeout(hoverMs);
  }
  await bubble.click();
  const handle = await page.waitForFunction(() => (window as { __usable?: number }).__usable);
  return (await handle.jsonValue()) as number;
}

try {
  const bareCosts: Cost[] = [];
  const embedCosts: Cost[] = [];
  // Interleaved, so the shared machine's load falls on both alike.
  for (let i = 0; i < runs; i++) {
    bareCosts.push(await pageCost('/bare'));
    embedCosts.push(await pageCost('/embed'));
  }

  const cold: number[] = [];
  const warm: number[] = [];
  const warmHover: number[] = [];
  const prefetched: number[] = [];
  let runtimeFetches = 0;
  for (let i = 0; i < runs; i++) {
    let context = await newContext();
    let page = await context.newPage();
    await page.goto(`${origin}/embed`);
    cold.push(await openTime(page, 0));
    await page.goto(`${origin}/embed`);
    warm.push(await openTime(page, 0));
    await page.goto(`${origin}/embed`);
    warmHover.push(await openTime(page, 0, 150));
    await context.close();

    context = await newContext();
    page = await context.newPage();
    const start = requests.length;
    await page.goto(`${origin}/embed-quiet`);
    prefetched.push(await openTime(page, 1500));
    runtimeFetches = Math.max(
      runtimeFetches,
      requests.slice(start).filter((p) => p === '/cwp-widget.js').length,
    );
    await context.close();
  }

  const stat = (costs: Cost[], key: keyof Cost) => median(costs.map((c) => c[key]));
  console.log(
    `Chromium ${browser.version()}, loader ${loaderSource}, medians of ${runs} runs; loader ${(scripts['/cwp-embed.js'] as string).length} B, rest ${(scripts['/cwp-widget.js'] as string).length} B (minified)`,
  );
  console.log('first second after the bubble (bare page: after its first frame):');
  for (const [name, costs] of [
    ['  bare page ', bareCosts],
    ['  with embed', embedCosts],
  ] as const) {
    console.log(
      `${name}  task ${ms(stat(costs, 'task'))} (longest ${ms(stat(costs, 'longest'))}), heap ${mb(stat(costs, 'heap'))} after GC (${mb(stat(costs, 'heapRaw'))} as is)`,
    );
  }
  console.log(
    `  embed over the bare page: task +${ms(stat(embedCosts, 'task') - stat(bareCosts, 'task'))}, heap +${mb(stat(embedCosts, 'heap') - stat(bareCosts, 'heap'))} after GC (+${mb(stat(embedCosts, 'heapRaw') - stat(bareCosts, 'heapRaw'))} as is)`,
  );
  console.log('click (pointerdown) → usable window (input focused):');
  console.log(`  cold: first visit, clicked the moment the bubble is drawn   ${ms(median(cold))}`);
  console.log(
    `  first visit, tooltip off, clicked 1.5 s later               ${ms(median(prefetched))} (the rest fetched ${runtimeFetches}× in that visit)`,
  );
  console.log(`  warm: second page, clicked at once                         ${ms(median(warm))}`);
  console.log(
    `  warm: second page, pointer over the bubble 150 ms first    ${ms(median(warmHover))}`,
  );
} finally {
  await browser.close();
  server.close();
}
