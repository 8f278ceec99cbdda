import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedStorage } from '../../__tests__/helpers.js';
import type { WidgetEvent } from '../../events/types.js';
import { createEventBatcher, type EventBatcher } from '../event-batcher.js';

/**
 * An events endpoint on loopback that can go down (nothing listening: connection refused) and
 * come back on the same port. Like @cwp/server it counts a batch id once; `loseResponses` makes
 * it count a batch and then drop the connection, as a reply lost on the way back would.
 */
async function eventsServer() {
  const counted: number[] = [];
  const seenBatches = new Set<string>();
  let posts = 0;
  let loseResponses = 0;
  let server: Server | undefined;
  let port = 0;
  const handler = (
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      posts += 1;
      const batch = JSON.parse(body) as { batchId?: string; events: { n: number }[] };
      if (!batch.batchId || !seenBatches.has(batch.batchId)) {
        if (batch.batchId) seenBatches.add(batch.batchId);
        counted.push(...batch.events.map((e) => e.n));
      }
      if (loseResponses > 0) {
        loseResponses -= 1;
        req.socket.destroy();
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
    });
  };
  const api = {
    counted,
    get posts() {
      return posts;
    },
    get url() {
      return `http://127.0.0.1:${port}/v1/widgets/w1/events`;
    },
    loseNextResponses(n: number) {
      loseResponses = n;
    },
    async up() {
      server = createServer(handler);
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
    async down() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    },
  };
  return api;
}

const batchers: EventBatcher[] = [];
const servers: { down(): Promise<void> }[] = [];
afterEach(async () => {
  for (const b of batchers.splice(0)) b.dispose();
  await Promise.all(servers.splice(0).map((s) => s.down()));
});

const event = (n: number) => ({ type: 'opened', at: Date.now(), n }) as unknown as WidgetEvent;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function until(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(10);
  }
}

const fast = { flushAfterMs: 10, retryDelayMs: 20, maxRetryDelayMs: 80 };

describe('analytics batches', () => {
  it('survive a server that is down for a while: every event counted exactly once', async () => {
    const server = await eventsServer();
    servers.push(server);
    await server.up();
    const url = server.url;
    await server.down();

    const storage = sharedStorage();
    const batcher = createEventBatcher(url, { ...fast, storage, key: 'cwp:w1:events' });
    batchers.push(batcher);
    for (const n of range(0, 45)) batcher.add(event(n)); // two full batches and one partial
    await sleep(300); // several failed tries with backoff
    expect(server.counted).toEqual([]);
    expect(storage.getItem('cwp:w1:events')).not.toBeNull();

    await server.up();
    await until(() => server.counted.length >= 45);
    await sleep(150);
    expect(server.counted.sort((a, b) => a - b)).toEqual(range(0, 45));
    expect(storage.getItem('cwp:w1:events')).toBeNull();
  });

  it('survive a reload while the server is down: the next page sends them, once', async () => {
    const server = await eventsServer();
    servers.push(server);
    await server.up();
    const url = server.url;
    await server.down();

    const storage = sharedStorage();
    const first = createEventBatcher(url, { ...fast, storage, key: 'cwp:w1:events' });
    for (const n of range(0, 7)) first.add(event(n));
    await sleep(100);
    first.dispose(); // the page goes away with its events unsent

    await server.up();
    const second = createEventBatcher(url, { ...fast, storage, key: 'cwp:w1:events' });
    batchers.push(second);
    second.add(event(7));
    second.flush();
    await until(() => server.counted.length >= 8);
    await sleep(150);
    expect(server.counted.sort((a, b) => a - b)).toEqual(range(0, 8));
  });

  it('are sent again when the reply was lost, and counted once by their batch id', async () => {
    const server = await eventsServer();
    servers.push(server);
    await server.up();
    server.loseNextResponses(2);
    const batcher = createEventBatcher(server.url, { ...fast, key: 'cwp:w1:events' });
    batchers.push(batcher);
    for (const n of range(0, 5)) batcher.add(event(n));
    batcher.flush();
    await until(() => server.posts >= 3);
    await sleep(150);
    expect(server.posts).toBe(3);
    expect(server.counted).toEqual(range(0, 5));
  });

  it('keep at most maxStoredBatches while the server is down, dropping the oldest', async () => {
    const server = await eventsServer();
    servers.push(server);
    await server.up();
    const url = server.url;
    await server.down();
    const storage = sharedStorage();
    const batcher = createEventBatcher(url, {
      ...fast,
      storage,
      key: 'cwp:w1:events',
      maxStoredBatches: 3,
    });
    batchers.push(batcher);
    for (const n of range(0, 5)) {
      batcher.add(event(n));
      batcher.flush();
    }
    const stored = JSON.parse(storage.getItem('cwp:w1:events') ?? '[]') as {
      events: { n: number }[];
    }[];
    expect(stored.map((b) => b.events.map((e) => e.n))).toEqual([[2], [3], [4]]);
  });
});
