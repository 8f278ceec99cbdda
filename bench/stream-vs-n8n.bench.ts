// Our widget against n8n's own (`@n8n/chat` 1.37.0) on one streamed reply, in Chromium:
// `npx tsx bench/stream-vs-n8n.bench.ts` (issue 10, "Streaming cost").
// The local bot streams the 2,000-word markdown reply (bench/word-reply.ts) as n8n's NDJSON in two
// shapes: 2,000 chunks 2 ms apart and 300 chunks 30 ms apart. Each widget gets it in a fresh page:
// n8n's in `fullscreen` mode with `enableStreaming: true`, ours (DOM renderer, inline) with the
// typewriter off and on. Measured from send until the whole reply is shown: main-thread CPU time
// (CDP ThreadTime), the time in script, style and layout (CDP's durations: wall time, and a layout
// that script forces counts as both script and layout, so they do not add up to it), and the
// longest task (Long Tasks API, 0 = none). Median of 3 runs (`--runs N`).
// `--shape 2000` or `--shape 300` runs one shape; `--ours` leaves n8n's widget out (before/after
// of our own changes); `--traces-only` skips the table.
// `--trace` also records one Chromium trace per widget on the last shape and prints the main
// thread's self time by event name (what is neither script nor style nor layout: paint, pre-paint,
// layerize, GC, task and IPC overhead);
// `--cpu-prof` a sampled CPU profile per widget on that shape, self time by function.
// n8n's widget cannot be installed with pnpm here (a dependency is missing from the registry
// mirror), so, like conformance/n8n/harness/install.mjs, it goes to a cache folder outside the
// clone: `npm pack @n8n/chat@1.37.0` once into ~/.cache/cwp-n8n-chat-1.37.0/ (CWP_N8N_CHAT_DIR to
// use another folder), and its self-contained UMD bundle (global `N8nChat`) is served from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '@cwp/bot';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { startFixtureServer } from '../e2e/support/fixture-server.js';
import { benchPage } from './bench-page.js';
import { type MainThreadTime, watchMainThread } from './main-thread.js';
import {
  type CpuProfile,
  mainThreadSelfTimes,
  profileSelfTimes,
  traceCategories,
} from './trace-breakdown.js';
import { wordReply } from './word-reply.js';

const n8nChatVersion = '1.37.0';
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const tracing = args.includes('--trace');
const profiling = args.includes('--cpu-prof');
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The unpacked `@n8n/chat` package folder, packed from the registry on first use. */
function n8nChatPackage(): string {
  const dir =
    process.env.CWP_N8N_CHAT_DIR ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), `cwp-n8n-chat-${n8nChatVersion}`);
  const pkg = join(dir, 'package');
  if (existsSync(join(pkg, 'dist', 'chat.bundle.umd.js'))) return pkg;
  mkdirSync(dir, { recursive: true });
  const tarball = `n8n-chat-${n8nChatVersion}.tgz`;
  if (!existsSync(join(dir, tarball)))
    execFileSync('npm', ['pack', `@n8n/chat@${n8nChatVersion}`, '--silent'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  execFileSync('tar', ['xzf', tarball], { cwd: dir });
  return pkg;
}

interface Shape {
  readonly name: string;
  readonly chunks: number;
  readonly delayMs: number;
}
const shapes: Shape[] = [
  { name: '2,000 chunks 2 ms apart', chunks: 2000, delayMs: 2 },
  { name: '300 chunks 30 ms apart', chunks: 300, delayMs: 30 },
].filter(
  (s) => !args.includes('--shape') || args[args.indexOf('--shape') + 1] === String(s.chunks),
);
const streamQuery = (shape: Shape) =>
  `?stream=1&chunk=${Math.ceil(wordReply.length / shape.chunks)}&delay=${shape.delayMs}`;

type WidgetName = 'n8n @n8n/chat 1.37' | 'ours, typewriter off' | 'ours, typewriter on';
const widgets = (
  ['n8n @n8n/chat 1.37', 'ours, typewriter off', 'ours, typewriter on'] as WidgetName[]
).filter((w) => !args.includes('--ours') || w !== 'n8n @n8n/chat 1.37');

interface Run extends MainThreadTime {
  shown: number;
}

// The reply ends with a list whose last item is "third point", after the last paragraph (32).
const lastParagraph = /\(paragraph \d+\)(?![\s\S]*\(paragraph)/.exec(wordReply)?.[0] ?? '';
const lastWords = wordReply.trim().split('\n').pop()?.replace(/^- /, '') ?? '';

const bot = await startBot({ delayMs: 0, reply: () => wordReply });
const server = await startFixtureServer(bot);
const n8nDir = n8nChatPackage();
const n8nFiles: Record<string, [string, string]> = {
  '/chat.bundle.umd.js': ['dist/chat.bundle.umd.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['dist/style.css', 'text/css; charset=utf-8'],
};
/** n8n's page: the bundle, its stylesheet, and createChat() on a full-page target. */
const n8nPageHtml = (webhookUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>@n8n/chat bench</title>
<link rel="stylesheet" href="/style.css">
<style>html,body{margin:0;height:100%}#n8n-chat{width:400px;height:560px}</style>
</head><body><div id="n8n-chat"></div>
<script src="/chat.bundle.umd.js"></script>
<script>N8nChat.createChat(${JSON.stringify({
  webhookUrl,
  target: '#n8n-chat',
  mode: 'fullscreen',
  loadPreviousSession: false,
  showWelcomeScreen: false,
  enableStreaming: true,
  initialMessages: ['Hi there!'],
})});</script>
</body></html>`;
const n8nServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://n8n.local');
  const file = n8nFiles[url.pathname];
  if (file) {
    res.writeHead(200, { 'content-type': file[1] });
    return res.end(readFileSync(join(n8nDir, file[0])));
  }
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(n8nPageHtml(url.searchParams.get('hook') ?? ''));
  }
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => n8nServer.listen(0, '127.0.0.1', resolve));
const n8nUrl = `http://127.0.0.1:${(n8nServer.address() as AddressInfo).port}/`;
const browser: Browser = await chromium.launch(chromiumLaunchOptions);

async function openWidget(widget: WidgetName, shape: Shape): Promise<Page> {
  const page = await benchPage(browser);
  if (widget === 'n8n @n8n/chat 1.37') {
    // Straight to the bot (it answers CORS), as a visitor's n8n webhook would be.
    await page.goto(`${n8nUrl}?hook=${encodeURIComponent(bot.webhookUrl + streamQuery(shape))}`);
    await page.locator('.chat-inputs textarea').waitFor();
    return page;
  }
  await page.goto(
    server.page({
      renderer: 'dom',
      widgets: [
        {
          config: {
            webhookUrl: `${server.hookUrl}${streamQuery(shape)}`,
            type: 'inline',
            storage: 'memory',
            typewriter: widget === 'ours, typewriter on',
            timeouts: { request: 60_000, idle: 30_000 },
          },
          target: '#inline-1',
        },
      ],
    }),
  );
  return page;
}

/** True once the last bot message shows the whole reply (and, for ours, it is done and revealed). */
function replyShown([ours, lastParagraph, lastWords]: [boolean, string, string]): boolean {
  if (ours) {
    const root = document.querySelector('[data-cwp-host]')?.shadowRoot;
    return !!root?.querySelector(
      '[data-part="message"][data-role="bot"][data-status="done"] [data-part="message-actions"]:not([hidden])',
    );
  }
  const bots = document.querySelectorAll('.chat-message-from-bot');
  const text = (bots[bots.length - 1]?.textContent ?? '').trim();
  return text.includes(lastParagraph) && text.endsWith(lastWords);
}

async function once(
  widget: WidgetName,
  shape: Shape,
  trace: 'trace' | 'profile' | false = false,
): Promise<Run> {
  const page = await openWidget(widget, shape);
  const ours = widget !== 'n8n @n8n/chat 1.37';
  const watch = await watchMainThread(page);
  const { cdp } = watch;
  const input = page.locator(ours ? '[data-part="input"]' : '.chat-inputs textarea');
  await input.fill('Tell me everything');
  if (trace === 'trace') await browser.startTracing(page, { categories: traceCategories });
  if (trace === 'profile') {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await watch.mark();
  const started = Date.now();
  await input.press('Enter');
  // Polled every 100 ms for both widgets (the poll's own cost is the same for both).
  await page.waitForFunction(
    replyShown,
    [ours, lastParagraph, lastWords] as [boolean, string, string],
    {
      polling: 100,
      timeout: 120_000,
    },
  );
  const shown = Date.now() - started;
  const spent = await watch.since();
  if (trace === 'profile') {
    const { profile } = await cdp.send('Profiler.stop');
    console.log(`\n${widget}, ${shape.name}: self and total time by function (sampled)`);
    console.table(
      Object.fromEntries(
        profileSelfTimes(profile as CpuProfile, 40).map(([name, self, total]) => [
          name,
          { 'self ms': self.toFixed(1), 'total ms': total.toFixed(1) },
        ]),
      ),
    );
  }
  if (trace === 'trace') {
    const json = (await browser.stopTracing()).toString('utf8');
    console.log(`\n${widget}, ${shape.name}: main-thread self time by trace event (ms)`);
    console.table(
      Object.fromEntries(
        mainThreadSelfTimes(json, 30).map(([name, ms, count]) => [
          name,
          { 'self ms': ms.toFixed(1), events: count },
        ]),
      ),
    );
  }
  const run: Run = {
    ...spent,
    shown,
  };
  await page.context().close();
  return run;
}

try {
  console.log(
    `Chromium ${browser.version()}; a ${wordReply.split(/\s+/).length}-word reply (${wordReply.length} characters) streamed by the local bot; median of ${runs} runs`,
  );
  const rows: Record<string, string>[] = [];
  for (const shape of args.includes('--traces-only') ? [] : shapes)
    for (const widget of widgets) {
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) results.push(await once(widget, shape));
      const m = (key: keyof Run) => `${median(results.map((r) => r[key])).toFixed(0)} ms`;
      rows.push({
        reply: shape.name,
        widget,
        'main thread': m('cpu'),
        script: m('script'),
        style: m('style'),
        layout: m('layout'),
        'longest task (>=50 ms)': m('longest'),
        'shown after': m('shown'),
      });
    }
  console.table(rows);
  if (tracing)
    for (const widget of widgets) await once(widget, shapes[shapes.length - 1] as Shape, 'trace');
  if (profiling)
    for (const widget of widgets) await once(widget, shapes[shapes.length - 1] as Shape, 'profile');
} finally {
  await browser.close();
  await new Promise<void>((resolve) => n8nServer.close(() => resolve()));
  await server.close();
  await bot.close();
}
