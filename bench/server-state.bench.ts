// What crash-safe analytics and shared limits cost @cwp/server per chat request:
//   npx tsx --conditions source bench/server-state.bench.ts
// 1. Analytics on SQLite (a file in the OS tmp dir): each record committed before record() returns
//    (write-through, the default) against the old batching (flush every 100 ms), same run.
// 2. The limiter work of one chat request (per-address, per-widget and per-session buckets, one stream
//    slot taken and released): in memory against Redis (REDIS_URL or TEST_REDIS_URL; skipped without).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyticsRecorder } from '../packages/server/src/analytics/recorder.js';
import { silentLogger } from '../packages/server/src/logger.js';
import {
  type ChatLimiter,
  memoryChatLimiter,
  redisChatLimiter,
} from '../packages/server/src/security/shared-limits.js';
import { openStore } from '../packages/server/src/store/index.js';

const records = 20_000;

async function analytics(writeThrough: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-bench-analytics-'));
  const store = await openStore({ file: join(dir, 'bench.db') });
  try {
    await store.migrate();
    const widget = await store.createWidget({
      name: 'bench',
      webhookUrl: 'https://n8n.example.com/webhook/x',
      allowedOrigins: ['https://shop.example'],
    });
    const recorder = createAnalyticsRecorder(store, { writeThrough, flushIntervalMs: 100 });
    const started = performance.now();
    for (let i = 0; i < records; i++) {
      recorder.record({
        widgetId: widget.id,
        at: Date.now(),
        kind: i % 2 ? 'response' : 'message',
        sessionId: `s-${i % 500}`,
        ...(i % 2 ? { latencyMs: 120, streamed: true } : {}),
      });
      // Let timers and batches run as they would between requests.
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    await recorder.close();
    return ((performance.now() - started) * 1000) / records;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function limiterRound(limiter: ChatLimiter, i: number): Promise<void> {
  // As the chat route does: address and widget in one call, the session after the body is read.
  await limiter.take([
    { key: `chat-ip:bench:127.0.0.${i % 200}`, perMinute: 1e9 },
    { key: 'chat-widget:bench', perMinute: 1e9 },
  ]);
  await limiter.take([{ key: `chat-session:bench:s-${i % 1000}`, perMinute: 1e9 }]);
  const release = await limiter.enter('bench', 1e6);
  release?.();
}

async function limiterLatency(limiter: ChatLimiter, rounds: number): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < 200; i++) await limiterRound(limiter, i);
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await limiterRound(limiter, i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return `p50 ${(at(0.5) * 1000).toFixed(0)} µs, p99 ${(at(0.99) * 1000).toFixed(0)} µs`;
}

console.log(`analytics, ${records} records on SQLite (µs per record, lower is better)`);
for (let round = 1; round <= 2; round++) {
  const through = await analytics(true);
  const batched = await analytics(false);
  console.log(
    `  round ${round}: write-through ${through.toFixed(1)} µs, batched ${batched.toFixed(1)} µs`,
  );
}

console.log('limiter work of one chat request (3 buckets + one stream slot)');
const memory = memoryChatLimiter();
console.log(`  in memory: ${await limiterLatency(memory, 5_000)}`);
const url = process.env.REDIS_URL || process.env.TEST_REDIS_URL;
if (url) {
  const redis = redisChatLimiter({
    url,
    logger: silentLogger,
    keyPrefix: `cwp-bench-${process.pid}:`,
  });
  await redis.ready(2_000);
  console.log(`  redis:     ${await limiterLatency(redis, 2_000)}`);
  await redis.close();
} else {
  console.log('  redis:     skipped (set REDIS_URL or TEST_REDIS_URL)');
}
