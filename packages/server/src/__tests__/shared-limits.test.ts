import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger.js';
import { redisChatLimiter } from '../security/shared-limits.js';
import { type RunningServer, startServer } from '../server.js';
import type { WidgetRecord } from '../store/types.js';
import {
  adminToken,
  captureLogger,
  type Harness,
  type LogLine,
  sendMessage,
  siteOrigin,
  startHarness,
} from './harness.js';

const redisUrl = process.env.TEST_REDIS_URL;
const roomy = { perIpPerMinute: 1000, perSessionPerMinute: 1000, perWidgetPerMinute: 1000 };

/** A second instance of the deployment: same database, same Redis, its own process state. */
async function secondInstance(h: Harness, url: string, logs: LogLine[]): Promise<RunningServer> {
  return startServer({
    port: 0,
    dbFile: h.dbFile,
    adminToken,
    allowPrivateWebhooks: true,
    logger: captureLogger(logs),
    redisUrl: url,
  });
}

function chatOn(
  server: RunningServer,
  widgetId: string,
  sessionId: string,
  init: RequestInit = {},
) {
  return fetch(`${server.url}/v1/widgets/${widgetId}/chat`, {
    method: 'POST',
    headers: { origin: siteOrigin, 'content-type': 'application/json' },
    body: JSON.stringify(sendMessage(sessionId, 'hello')),
    ...init,
  });
}

async function statuses(server: RunningServer, widgetId: string, sessions: string[]) {
  const out: number[] = [];
  for (const session of sessions) {
    const res = await chatOn(server, widgetId, session);
    await res.text();
    out.push(res.status);
  }
  return out;
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const redisWarnings = (logs: LogLine[]) =>
  logs.filter((l) => l.level === 'warn' && /redis unavailable/.test(l.message));

if (!redisUrl) {
  describe('limits shared between instances through Redis', () => {
    it('Redis not configured: run `node scripts/redis.mjs start` and set TEST_REDIS_URL', () => {
      throw new Error('TEST_REDIS_URL is not set: the shared-limits suite cannot run.');
    });
  });
} else {
  describe('two instances sharing one Redis (REDIS_URL)', () => {
    let h: Harness;
    let b: RunningServer;
    const logsB: LogLine[] = [];
    beforeAll(async () => {
      h = await startHarness({ redisUrl });
      b = await secondInstance(h, redisUrl, logsB);
    });
    afterAll(async () => {
      await b?.close();
      await h?.close();
    });

    it('count one per-widget limit across both: 10 accepted in all, the 11th refused on either', async () => {
      const widget = await h.createWidget({
        webhookUrl: h.bot.webhookUrl,
        limits: { ...roomy, perWidgetPerMinute: 10 },
      });
      const accepted: number[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await chatOn(i % 2 ? b : h.server, widget.id, `w-${i}`);
        await res.text();
        accepted.push(res.status);
      }
      expect(accepted).toEqual(Array(10).fill(200));
      const onA = await chatOn(h.server, widget.id, 'w-10');
      const onB = await chatOn(b, widget.id, 'w-11');
      expect([onA.status, onB.status]).toEqual([429, 429]);
      expect((await onB.json()).error.code).toBe('rate_limited');
      expect(Number(onA.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect([...h.logs, ...logsB].filter((l) => l.level === 'warn')).toEqual([]);
    });

    it('cap replies streaming at once across both, and free a slot when its reply ends', async () => {
      const widget = await h.createWidget({
        webhookUrl: h.bot.faultUrl('never-ends'),
        limits: { ...roomy, maxConcurrentStreams: 2 },
      });
      const stop = new AbortController();
      const first = await chatOn(h.server, widget.id, 'st-1', { signal: stop.signal });
      const second = await chatOn(b, widget.id, 'st-2');
      expect([first.status, second.status]).toEqual([200, 200]);
      for (const server of [h.server, b]) {
        const third = await chatOn(server, widget.id, 'st-3');
        expect(third.status).toBe(429);
        expect((await third.json()).error.code).toBe('too_many_streams');
      }
      stop.abort();
      await vi.waitFor(
        async () => {
          const again = await chatOn(b, widget.id, 'st-4', { signal: AbortSignal.timeout(2000) });
          expect(again.status).toBe(200);
          await again.body?.cancel();
        },
        { timeout: 5_000, interval: 100 },
      );
      await second.body?.cancel();
    });
  });

  describe('stream slots of an instance that dies', () => {
    it('stay taken while it lives, then come back once their lease runs out', async () => {
      const keyPrefix = `cwp-test-${randomBytes(4).toString('hex')}:`;
      const options = { url: redisUrl, logger: silentLogger, keyPrefix, leaseMs: 400 };
      const a = redisChatLimiter(options);
      const b = redisChatLimiter(options);
      try {
        await Promise.all([a.ready(2000), b.ready(2000)]);
        expect(await a.enter('w', 2)).not.toBeNull();
        expect(await a.enter('w', 2)).not.toBeNull();
        expect(await b.enter('w', 2)).toBeNull();
        // Longer than the lease: a's renewals keep its slots.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(await b.enter('w', 2)).toBeNull();
        await a.close(); // dies without releasing
        const freedAt = Date.now();
        await vi.waitFor(async () => expect(await b.enter('w', 2)).not.toBeNull(), {
          timeout: 3_000,
          interval: 50,
        });
        expect(Date.now() - freedAt).toBeLessThan(1_500);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

/** A Redis of this test's own, so it can be killed and brought back. */
async function startPrivateRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready: ${output}`)), 10_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${output}`)));
  });
  return child;
}

describe('a Redis that hangs', () => {
  it('costs one command timeout, then requests skip it until it answers again', async () => {
    if (!redisUrl) throw new Error('TEST_REDIS_URL is not set (redis-server is needed)');
    const dir = mkdtempSync(join(tmpdir(), 'cwp-redis-hung-'));
    const port = await freePort();
    const redis = await startPrivateRedis(port, dir);
    const logs: LogLine[] = [];
    const limiter = redisChatLimiter({
      url: `redis://127.0.0.1:${port}`,
      logger: captureLogger(logs),
      commandTimeoutMs: 200,
    });
    const check = [{ key: 'hung', perMinute: 1000 }];
    try {
      await limiter.ready(2000);
      expect(await limiter.take(check)).toEqual({ ok: true });
      redis.kill('SIGSTOP');
      let started = performance.now();
      expect(await limiter.take(check)).toEqual({ ok: true });
      expect(performance.now() - started).toBeLessThan(1_000);
      started = performance.now();
      for (let i = 0; i < 20; i++) await limiter.take(check);
      expect(performance.now() - started).toBeLessThan(150);
      expect(redisWarnings(logs)).toHaveLength(1);
      redis.kill('SIGCONT');
      await vi.waitFor(
        async () => {
          await limiter.take(check);
          expect(logs.some((l) => /redis reachable again/.test(l.message))).toBe(true);
        },
        { timeout: 5_000, interval: 100 },
      );
      expect(redisWarnings(logs)).toHaveLength(1);
    } finally {
      redis.kill('SIGCONT');
      await limiter.close();
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Redis going away mid-run', () => {
  it('falls back to per-instance limits with one warning, and shares again once Redis is back', async () => {
    if (!redisUrl) throw new Error('TEST_REDIS_URL is not set (redis-server is needed)');
    const dir = mkdtempSync(join(tmpdir(), 'cwp-redis-away-'));
    const port = await freePort();
    let redis = await startPrivateRedis(port, dir);
    const url = `redis://127.0.0.1:${port}`;
    const h = await startHarness({ redisUrl: url });
    const logsB: LogLine[] = [];
    const b = await secondInstance(h, url, logsB);
    try {
      const widget: WidgetRecord = await h.createWidget({
        webhookUrl: h.bot.webhookUrl,
        limits: { ...roomy, perWidgetPerMinute: 4 },
      });
      expect(await statuses(h.server, widget.id, ids('a1', 2))).toEqual([200, 200]);
      expect(await statuses(b, widget.id, ids('b1', 3))).toEqual([200, 200, 429]);

      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      // Each instance now counts on its own: 4 each, not 0 and not unlimited.
      expect(await statuses(h.server, widget.id, ids('a2', 5))).toEqual([200, 200, 200, 200, 429]);
      expect(await statuses(b, widget.id, ids('b2', 5))).toEqual([200, 200, 200, 200, 429]);
      expect(redisWarnings(h.logs)).toHaveLength(1);
      expect(redisWarnings(logsB)).toHaveLength(1);

      redis = await startPrivateRedis(port, dir);
      const back = (logs: LogLine[]) => logs.some((l) => /redis reachable again/.test(l.message));
      await vi.waitFor(() => expect(back(h.logs) && back(logsB)).toBe(true), {
        timeout: 8_000,
        interval: 50,
      });
      // Shared again (the new Redis starts empty): 4 across both instances.
      expect(await statuses(h.server, widget.id, ids('a3', 2))).toEqual([200, 200]);
      expect(await statuses(b, widget.id, ids('b3', 3))).toEqual([200, 200, 429]);
      expect(await statuses(h.server, widget.id, ids('a4', 1))).toEqual([429]);
      expect(redisWarnings(h.logs)).toHaveLength(1);
      expect(redisWarnings(logsB)).toHaveLength(1);
    } finally {
      await b.close();
      await h.close();
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
