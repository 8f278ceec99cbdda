// Chat proxy overhead: `npx tsx bench/proxy.bench.ts`
// Sends the same n8n sendMessage to the local bot three ways, one after the
// other on loopback: straight to the bot, through a bare node:http passthrough proxy, and through
// @cwp/server (origin check, rate limits, body cap, guarded connect, reply sniffing, analytics to
// SQLite); once with whole JSON replies and once with streamed ones. Reports latency p50/p99,
// first-byte p50 and throughput per target, and what each proxy adds over calling the bot directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../packages/bot/src/index.js';
import { silentLogger, startServer } from '../packages/server/src/index.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const warmup = 200;
const origin = 'https://bench.example';

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

async function run(target: Target, count: number) {
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
  const totals = timings.map((t) => t.total).sort((a, b) => a - b);
  const firstBytes = timings.map((t) => t.firstByte).sort((a, b) => a - b);
  return {
    p50: percentile(totals, 0.5),
    p99: percentile(totals, 0.99),
    firstByteP50: percentile(firstBytes, 0.5),
    rps: count / seconds,
  };
}

type Result = Awaited<ReturnType<typeof run>>;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-bench-'));
  const bot = await startBot({ delayMs: 0 });
  const server = await startServer({
    port: 0,
    dbFile: join(dir, 'bench.db'),
    adminToken: 'bench-token',
    allowPrivateWebhooks: true,
    logger: silentLogger,
  });

  // The bare passthrough: what any reverse proxy adds at minimum.
  const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const botUrl = new URL(bot.url);
  const bare = createServer((req, res) => {
    const upstream = request(
      {
        hostname: botUrl.hostname,
        port: botUrl.port,
        path: req.url,
        method: 'POST',
        agent: upstreamAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': req.headers['content-length'] ?? '0',
        },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, {
          'content-type': up.headers['content-type'] ?? 'application/json',
        });
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

  const createWidget = async (webhookUrl: string) => {
    const created = await fetch(`${server.url}/v1/admin/widgets`, {
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
    for (const scenario of scenarios) {
      const widgetId = await createWidget(`${bot.url}${scenario.path}`);
      const targets: Target[] = [
        { name: 'bot directly', url: `${bot.url}${scenario.path}`, headers: {} },
        { name: 'bare node:http proxy', url: `${bareBase}${scenario.path}`, headers: {} },
        {
          name: '@cwp/server',
          url: `${server.url}/v1/widgets/${widgetId}/chat`,
          headers: { origin },
        },
      ];
      const rows: [string, Result][] = [];
      for (const target of targets) {
        await run(target, warmup);
        bot.reset();
        rows.push([target.name, await run(target, scenario.count)]);
        bot.reset();
      }
      results.push({ scenario: `${scenario.name}: ${scenario.count} messages per target`, rows });
    }
  } finally {
    await server.close();
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `concurrency ${concurrency}, loopback, client + bot + proxies in one process, Node ${process.version}`,
  );
  for (const { scenario, rows } of results) {
    const direct = rows[0]![1];
    console.log(`\n${scenario}`);
    console.log(
      'target                  p50 ms   p99 ms  1st byte p50     req/s   +p50 ms  +p99 ms',
    );
    for (const [name, r] of rows) {
      console.log(
        `${name.padEnd(22)} ${fmt(r.p50)} ${fmt(r.p99)}      ${fmt(r.firstByteP50)} ${r.rps.toFixed(0).padStart(9)}  ${fmt(r.p50 - direct.p50)} ${fmt(r.p99 - direct.p99)}`,
      );
    }
  }
}

await main();
