// Chat proxy overhead: `npx tsx bench/proxy.bench.ts`
// Sends the same n8n sendMessage (whole JSON reply from the local bot) three ways, one after the
// other on loopback: straight to the bot, through a bare node:http passthrough proxy, and through
// @cwp/server (origin check, rate limits, body cap, guarded connect, reply sniffing, analytics to
// SQLite). Reports latency p50/p99 and throughput per target, and what each proxy adds.
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

function post(agent: Agent, target: Target, body: string): Promise<number> {
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
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200 || !text.includes('You said'))
            reject(new Error(`${target.name}: ${res.statusCode} ${text}`));
          else resolve(performance.now() - started);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(target: Target, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
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
        latencies.push(await post(agent, target, body));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    p50: at(0.5),
    p99: at(0.99),
    mean: latencies.reduce((s, v) => s + v, 0) / latencies.length,
    rps: count / seconds,
  };
}

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
  const botUrl = new URL(bot.webhookUrl);
  const bare = createServer((req, res) => {
    const upstream = request(
      {
        hostname: botUrl.hostname,
        port: botUrl.port,
        path: botUrl.pathname,
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
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/webhook`;

  const created = await fetch(`${server.url}/v1/admin/widgets`, {
    method: 'POST',
    headers: { authorization: 'Bearer bench-token', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'bench',
      webhookUrl: bot.webhookUrl,
      allowedOrigins: [origin],
      limits: {
        perIpPerMinute: 1_000_000,
        perWidgetPerMinute: 1_000_000,
        perSessionPerMinute: 1000,
        maxConcurrentStreams: 1000,
      },
    }),
  });
  const widget = (await created.json()) as { id: string };

  const targets: Target[] = [
    { name: 'bot directly', url: bot.webhookUrl, headers: {} },
    { name: 'bare node:http proxy', url: bareUrl, headers: {} },
    { name: '@cwp/server', url: `${server.url}/v1/widgets/${widget.id}/chat`, headers: { origin } },
  ];
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  try {
    for (const target of targets) {
      await run(target, warmup);
      bot.reset();
      results[target.name] = await run(target, requests);
      bot.reset();
    }
  } finally {
    await server.close();
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const direct = results['bot directly']!;
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `${requests} whole-reply messages per target, concurrency ${concurrency}, loopback, Node ${process.version}\n`,
  );
  console.log('target                  p50 ms   p99 ms  mean ms     req/s   +p50 ms  +p99 ms');
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(22)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.mean)} ${r.rps.toFixed(0).padStart(9)}  ${fmt(r.p50 - direct.p50)} ${fmt(r.p99 - direct.p99)}`,
    );
  }
}

await main();
