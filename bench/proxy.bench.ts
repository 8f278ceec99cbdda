// Chat proxy overhead: `npx tsx --conditions source bench/proxy.bench.ts` (sources, no build needed)
// Sends the same n8n sendMessage to the local bot three ways, one after the
// other on loopback: straight to the bot, through a bare node:http passthrough proxy, and through
// @cwp/server (origin check, rate limits, body cap, guarded connect, reply sniffing, analytics to
// SQLite); once with whole JSON replies and once with streamed ones. Reports latency p50/p99,
// first-byte p50 and throughput per target, and what each proxy adds over calling the bot directly.
// Each concurrency (BENCH_CONCURRENCY, default `1,20`: the latency a message pays, then throughput under
// load) runs in BENCH_ROUNDS rounds (default 5); each round sends every target its share, in an order
// that turns each round, so drift on a shared machine (another process, a CPU slowing) hits every target
// alike. Latencies are pooled over the rounds; throughput and CPU are the median round, and "% of bare"
// is the median of each round's own ratio.
// BENCH_PROXY_PROCESS: `same` (client, bot and proxies in one process), `own` (the proxies in a
// child process of their own, bench/proxy-host.ts, which also gives each proxy's CPU time per
// request) or `both` (default). BENCH_CPU_PROF=<dir> writes a --cpu-prof profile of that child.
// BENCH_TARGETS=server (or bare, direct; comma-separated) runs only those, e.g. to profile one proxy.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { startBot } from '../packages/bot/src/index.js';
import { type HostMessage, startProxies } from './proxy-host.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,20').split(',').map(Number);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const warmup = 200;
const origin = 'https://bench.example';
const onlyTargets = process.env.BENCH_TARGETS?.split(',').map((name) => name.trim());

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

interface Timing {
  total: number;
  firstByte: number;
}

function post(agent: Agent, target: Target, body: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const url = new URL(target.url);
    const started = performance.now();
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...target.headers,
        },
      },
      (res) => {
        let text = '';
        let firstByte = 0;
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          if (text === '') firstByte = performance.now() - started;
          text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200 || !text.includes('You said'))
            reject(new Error(`${target.name}: ${res.statusCode} ${text}`));
          else resolve({ total: performance.now() - started, firstByte });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function run(target: Target, count: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const timings: Timing[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const body = JSON.stringify({
          action: 'sendMessage',
          sessionId: `bench-${i}`,
          chatInput: `message number ${i}`,
        });
        timings.push(await post(agent, target, body));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { timings, rps: count / seconds };
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

interface Result {
  p50: number;
  p99: number;
  firstByteP50: number;
  /** The median round's. */
  rps: number;
  /** The median of this target's rps ÷ the bare proxy's, round by round. */
  ofBare?: number;
  cpuPerRequestUs?: number;
}

/** Pools one target's rounds: latencies over all of them, throughput and CPU the median round. */
function summarise(runs: readonly { timings: Timing[]; rps: number; cpuUs?: number }[]): Result {
  const totals = runs.flatMap((r) => r.timings.map((t) => t.total)).sort((a, b) => a - b);
  const firstBytes = runs.flatMap((r) => r.timings.map((t) => t.firstByte)).sort((a, b) => a - b);
  const cpu = runs.flatMap((r) => (r.cpuUs === undefined ? [] : [r.cpuUs]));
  return {
    p50: percentile(totals, 0.5),
    p99: percentile(totals, 0.99),
    firstByteP50: percentile(firstBytes, 0.5),
    rps: median(runs.map((r) => r.rps)),
    ...(cpu.length > 0 ? { cpuPerRequestUs: median(cpu) } : {}),
  };
}

interface Host {
  server: string;
  bare: string;
  /** CPU time the proxies' process has used, µs (only when it is a process of its own). */
  cpu?: () => Promise<number>;
  close(): Promise<void>;
}

async function inProcessHost(botUrl: string): Promise<Host> {
  const proxies = await startProxies(botUrl);
  return { server: proxies.server, bare: proxies.bare, close: () => proxies.close() };
}

async function childHost(botUrl: string): Promise<Host> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(new URL('./proxy-host.ts', import.meta.url), {
    env: { ...process.env, BENCH_PROXY_HOST_BOT: botUrl },
    execArgv: [
      ...process.execArgv,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ],
  });
  const nextMessage = () =>
    new Promise<HostMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as HostMessage));
      child.once('exit', (code) => reject(new Error(`proxy host exited (${code})`)));
    });
  const ready = await nextMessage();
  if (ready.type !== 'ready') throw new Error('proxy host did not start');
  return {
    server: ready.server,
    bare: ready.bare,
    async cpu() {
      child.send('cpu');
      const answer = await nextMessage();
      return answer.type === 'cpu' ? answer.micros : Number.NaN;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

async function measure(placement: 'same' | 'own') {
  const bot = await startBot({ delayMs: 0 });
  const host = placement === 'own' ? await childHost(bot.url) : await inProcessHost(bot.url);

  const createWidget = async (webhookUrl: string) => {
    const created = await fetch(`${host.server}/v1/admin/widgets`, {
      method: 'POST',
      headers: { authorization: 'Bearer bench-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bench',
        webhookUrl,
        allowedOrigins: [origin],
        limits: {
          perIpPerMinute: 1_000_000,
          perWidgetPerMinute: 1_000_000,
          perSessionPerMinute: 1000,
          maxConcurrentStreams: 1000,
        },
      }),
    });
    return ((await created.json()) as { id: string }).id;
  };

  const scenarios = [
    { name: 'whole JSON reply', path: '/webhook', count: requests },
    // "You said: message number N" in 8-character items, sent back to back.
    {
      name: 'streamed reply (NDJSON, 4 items)',
      path: '/webhook?stream=1&chunk=8&delay=0',
      count: Math.round(requests / 2),
    },
  ];
  const results: { scenario: string; rows: [string, Result][] }[] = [];
  try {
    for (const concurrency of concurrencies) {
      for (const scenario of scenarios) {
        const widgetId = await createWidget(`${bot.url}${scenario.path}`);
        const allTargets: (Target & { proxied: boolean; key: string })[] = [
          {
            key: 'direct',
            name: 'bot directly',
            url: `${bot.url}${scenario.path}`,
            headers: {},
            proxied: false,
          },
          {
            key: 'bare',
            name: 'bare node:http proxy',
            url: `${host.bare}${scenario.path}`,
            headers: {},
            proxied: true,
          },
          {
            key: 'server',
            name: '@cwp/server',
            url: `${host.server}/v1/widgets/${widgetId}/chat`,
            headers: { origin },
            proxied: true,
          },
        ];
        const targets = allTargets.filter(
          (target) => !onlyTargets || onlyTargets.includes(target.key),
        );
        for (const target of targets) await run(target, warmup, concurrency);
        const perRound = Math.max(1, Math.round(scenario.count / rounds));
        const runs = new Map<string, { timings: Timing[]; rps: number; cpuUs?: number }[]>(
          targets.map((target) => [target.key, []]),
        );
        for (let round = 0; round < rounds; round++) {
          for (let i = 0; i < targets.length; i++) {
            const target = targets[(round + i) % targets.length]!;
            bot.reset();
            const cpuBefore = target.proxied && host.cpu ? await host.cpu() : undefined;
            const result: { timings: Timing[]; rps: number; cpuUs?: number } = await run(
              target,
              perRound,
              concurrency,
            );
            if (cpuBefore !== undefined && host.cpu) {
              result.cpuUs = ((await host.cpu()) - cpuBefore) / perRound;
            }
            runs.get(target.key)!.push(result);
          }
        }
        bot.reset();
        const bareRuns = runs.get('bare');
        const rows: [string, Result][] = targets.map((target) => {
          const own = runs.get(target.key)!;
          const ofBare = bareRuns
            ? median(own.map((r, round) => r.rps / bareRuns[round]!.rps))
            : undefined;
          return [target.name, { ...summarise(own), ...(ofBare !== undefined ? { ofBare } : {}) }];
        });
        results.push({
          scenario: `${scenario.name}, concurrency ${concurrency}: ${perRound * rounds} messages per target in ${rounds} rounds`,
          rows,
        });
      }
    }
  } finally {
    await host.close();
    await bot.close();
  }
  return results;
}

function print(placement: 'same' | 'own', results: Awaited<ReturnType<typeof measure>>) {
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    placement === 'same'
      ? `\n== client + bot + proxies in one process; loopback, Node ${process.version}`
      : `\n== proxies in a process of their own; loopback, Node ${process.version}`,
  );
  for (const { scenario, rows } of results) {
    const direct = rows.find(([name]) => name === 'bot directly')?.[1];
    console.log(`\n${scenario}`);
    console.log(
      'target                  p50 ms   p99 ms  1st byte p50     req/s   +p50 ms  +p99 ms  +1st byte  % of bare req/s  proxy CPU µs/req',
    );
    for (const [name, r] of rows) {
      const cpu = r.cpuPerRequestUs === undefined ? '' : r.cpuPerRequestUs.toFixed(0).padStart(17);
      console.log(
        `${name.padEnd(22)} ${fmt(r.p50)} ${fmt(r.p99)}      ${fmt(r.firstByteP50)} ${r.rps.toFixed(0).padStart(9)}  ${fmt(r.p50 - (direct?.p50 ?? Number.NaN))} ${fmt(r.p99 - (direct?.p99 ?? Number.NaN))}   ${fmt(r.firstByteP50 - (direct?.firstByteP50 ?? Number.NaN))}  ${`${r.ofBare === undefined ? '' : `${(100 * r.ofBare).toFixed(0)} %`}`.padStart(15)} ${cpu}`,
      );
    }
  }
}

const placementSetting = process.env.BENCH_PROXY_PROCESS ?? 'both';
const placements = (placementSetting === 'both' ? ['same', 'own'] : [placementSetting]) as (
  | 'same'
  | 'own'
)[];
for (const placement of placements) print(placement, await measure(placement));
