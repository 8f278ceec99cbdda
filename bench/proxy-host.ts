// The proxies of bench/proxy.bench.ts in their own process (BENCH_PROXY_PROCESS=1), so the client and
// the bot do not share their CPU. Started with fork(); reports its URLs and CPU time over IPC.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  jsonLogger,
  type RunningServer,
  silentLogger,
  startServer,
} from '../packages/server/src/index.js';

export interface Proxies {
  /** @cwp/server's base URL. */
  server: string;
  /** The bare passthrough's base URL. */
  bare: string;
  close(): Promise<void>;
}

/** A bare node:http passthrough to the bot: what any reverse proxy adds at minimum. */
function startBare(botUrl: string): Promise<Server> {
  const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const bot = new URL(botUrl);
  const bare = createServer((req, res) => {
    const upstream = request(
      {
        hostname: bot.hostname,
        port: bot.port,
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
  return new Promise((resolve) => bare.listen(0, '127.0.0.1', () => resolve(bare)));
}

export async function startProxies(botUrl: string): Promise<Proxies> {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-bench-'));
  const server: RunningServer = await startServer({
    port: 0,
    dbFile: join(dir, 'bench.db'),
    adminToken: 'bench-token',
    allowPrivateWebhooks: true,
    // BENCH_LOG=1 shows the server's warnings (a failed webhook request, say).
    logger: process.env.BENCH_LOG ? jsonLogger() : silentLogger,
  });
  const bare = await startBare(botUrl);
  return {
    server: server.url,
    bare: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
    async close() {
      await server.close();
      bare.closeAllConnections();
      await new Promise((resolve) => bare.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type HostMessage =
  | { type: 'ready'; server: string; bare: string }
  | { type: 'cpu'; micros: number };

// Run as the forked child: start, answer CPU questions, stop on request.
if (process.send && process.env.BENCH_PROXY_HOST_BOT) {
  const proxies = await startProxies(process.env.BENCH_PROXY_HOST_BOT);
  const send = (message: HostMessage) => process.send?.(message);
  process.on('message', async (message: 'cpu' | 'stop') => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else {
      await proxies.close();
      process.disconnect();
      // Ends with process.exit so --cpu-prof writes its profile.
      process.exit(0);
    }
  });
  send({ type: 'ready', server: proxies.server, bare: proxies.bare });
}
