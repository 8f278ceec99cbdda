import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { ConcurrencyGate, RateLimiter } from './rate-limit.js';

export interface RateCheck {
  readonly key: string;
  readonly perMinute: number;
}

/** Which check refused (its index), when one did. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; refused: number };

/** The chat rate limits and stream caps: per process, or shared by every instance through Redis. */
export interface ChatLimiter {
  /**
   * Takes a token from each bucket in order, stopping at the first that has none (the ones before it
   * keep their token taken, as separate calls would). One round trip to Redis for all of them.
   */
  take(checks: readonly RateCheck[]): Promise<RateVerdict>;
  /** Takes a slot of `max`; resolves with its release, or null when all are taken. */
  enter(key: string, max: number): Promise<(() => void) | null>;
  close(): Promise<void>;
}

/** Limits in this process's memory: each instance behind a load balancer counts on its own. */
export function memoryChatLimiter(): ChatLimiter {
  const rates = new RateLimiter();
  const streams = new ConcurrencyGate();
  return {
    async take(checks) {
      for (const [index, check] of checks.entries()) {
        const decision = rates.take(check.key, check.perMinute);
        if (!decision.ok) return { ...decision, refused: index };
      }
      return { ok: true };
    },
    enter: async (key, max) => streams.tryEnter(key, max),
    close: async () => {},
  };
}

export interface RedisLimiterOptions {
  /** redis://[user:password@]host:port[/db] or rediss://… */
  readonly url: string;
  readonly logger: Logger;
  /** Prefix of every key this server writes (default "cwp:"). */
  readonly keyPrefix?: string | undefined;
  /** How long a stream slot outlives its instance, ms (default 30 s); renewed while the reply runs. */
  readonly leaseMs?: number | undefined;
  /** A Redis answer slower than this counts as Redis being away, ms (default 500). */
  readonly commandTimeoutMs?: number | undefined;
}

// Token buckets like RateLimiter's, on Redis's clock so every instance agrees; KEYS[i] holds
// ARGV[i] per minute. Returns 0 when every bucket gave a token, else {i, ms until its next token}.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i, key in ipairs(KEYS) do
  local per = tonumber(ARGV[i])
  if per <= 0 then return {i, 60000} end
  local rate = per / 60000
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or per
  local at = tonumber(b[2]) or now
  tokens = math.min(per, tokens + math.max(0, now - at) * rate)
  if tokens < 1 then return {i, math.ceil((1 - tokens) / rate)} end
  tokens = tokens - 1
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', key, math.ceil((per - tokens) / rate) + 1000)
end
return 0`;

// Slots are members of a sorted set scored by when their lease ends; expired leases (an instance
// that died holding them) are dropped before counting.
const ENTER = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`;

// ARGV[1] is the lease; ARGV[i + 1] the slot held in KEYS[i].
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  if redis.call('ZSCORE', key, ARGV[i + 1]) then
    redis.call('ZADD', key, now + lease, ARGV[i + 1])
    redis.call('PEXPIRE', key, lease)
  end
end
return 0`;

interface LimitScripts {
  cwpTake(...args: (string | number)[]): Promise<0 | [number, number]>;
  cwpEnter(key: string, max: number, leaseMs: number, slot: string): Promise<number>;
  cwpRenew(...args: (string | number)[]): Promise<number>;
}

/**
 * Limits shared by every instance using one Redis. When Redis cannot be reached the instance falls back to
 * its own in-memory limits, warning once, and shares again as soon as Redis is back: traffic is never
 * refused because Redis is away.
 */
export function redisChatLimiter(options: RedisLimiterOptions): ChatLimiter & {
  /** Resolves once Redis first answered, or after `waitMs` (Redis still away: limits are local). */
  ready(waitMs: number): Promise<void>;
} {
  const { logger } = options;
  const prefix = options.keyPrefix ?? 'cwp:';
  const leaseMs = options.leaseMs ?? 30_000;
  const local = memoryChatLimiter();
  const client = new Redis(options.url, {
    // Fail at once while disconnected, so requests fall back instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
    enableAutoPipelining: true,
    lazyConnect: false,
  });
  client.defineCommand('cwpTake', { lua: TAKE });
  client.defineCommand('cwpEnter', { numberOfKeys: 1, lua: ENTER });
  client.defineCommand('cwpRenew', { lua: RENEW });
  const scripts = client as unknown as LimitScripts;

  let away = false;
  let closed = false;
  // After a failure on a connection that still looks open (Redis hung or slow), requests skip Redis for
  // a second instead of each waiting out the command timeout.
  let pausedUntil = 0;
  const lost = (error: unknown) => {
    if (closed) return;
    pausedUntil = Date.now() + 1_000;
    if (away) return;
    away = true;
    logger.warn(
      'redis unavailable: rate limits and stream caps are per instance until it is back',
      {
        reason: error instanceof Error ? error.message : String(error),
      },
    );
  };
  client.on('error', lost);
  client.on('close', () => lost(new Error('connection closed')));
  const back = () => {
    if (!away || closed) return;
    away = false;
    logger.info('redis reachable again: rate limits and stream caps are shared again');
  };
  client.on('ready', () => {
    pausedUntil = 0;
    back();
  });
  const shared = () => !closed && client.status === 'ready' && Date.now() >= pausedUntil;

  // Slots this instance holds in Redis, renewed while their replies run.
  const held = new Map<string, string>();
  const renewal = setInterval(
    () => {
      if (held.size === 0 || !shared()) return;
      const keys = [...held.values()];
      scripts.cwpRenew(keys.length, ...keys, leaseMs, ...held.keys()).catch(lost);
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  return {
    async take(checks) {
      if (checks.length === 0) return { ok: true };
      if (!shared()) return local.take(checks);
      const keys = checks.map((c) => `${prefix}rate:${c.key}`);
      try {
        const answer = await scripts.cwpTake(
          keys.length,
          ...keys,
          ...checks.map((c) => c.perMinute),
        );
        back();
        if (answer === 0) return { ok: true };
        const [position, waitMs] = answer;
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
          refused: position - 1,
        };
      } catch (error) {
        lost(error);
        return local.take(checks);
      }
    },
    async enter(key, max) {
      if (max <= 0) return null;
      if (!shared()) return local.enter(key, max);
      const slot = randomUUID();
      const redisKey = `${prefix}streams:${key}`;
      try {
        const entered = await scripts.cwpEnter(redisKey, max, leaseMs, slot);
        back();
        if (entered !== 1) return null;
      } catch (error) {
        lost(error);
        return local.enter(key, max);
      }
      held.set(slot, redisKey);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(slot);
        // If this fails the lease runs out by itself.
        if (shared()) client.zrem(redisKey, slot).catch(lost);
      };
    },
    ready(waitMs) {
      if (client.status === 'ready') return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          client.off('ready', done);
          lost(new Error(`no answer from redis within ${waitMs} ms`));
          resolve();
        }, waitMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        client.once('ready', done);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(renewal);
      await client.quit().catch(() => client.disconnect());
    },
  };
}
