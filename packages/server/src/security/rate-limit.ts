export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
  perMinute: number;
}

/**
 * Token buckets keyed by string, in this process's memory: each instance behind a load
 * balancer counts on its own. A bucket holds `perMinute` tokens and refills continuously.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(options: { now?: () => number; maxKeys?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  take(key: string, perMinute: number): RateDecision {
    return this.#decide(key, perMinute, 1);
  }

  /** Would `take` succeed? Consumes nothing. */
  peek(key: string, perMinute: number): RateDecision {
    return this.#decide(key, perMinute, 0);
  }

  #decide(key: string, perMinute: number, cost: 0 | 1): RateDecision {
    if (perMinute <= 0) return { ok: false, retryAfterSeconds: 60 };
    const now = this.#now();
    const rate = perMinute / 60_000;
    let bucket = this.#buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.updatedAt) * rate);
      bucket.updatedAt = now;
      bucket.perMinute = perMinute;
    } else {
      if (this.#buckets.size >= this.#maxKeys) this.#sweep(now);
      bucket = { tokens: perMinute, updatedAt: now, perMinute };
      this.#buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)),
    };
  }

  /** Drops buckets that have refilled (they carry no state); evicts the oldest if still full. */
  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (
        bucket.tokens + (now - bucket.updatedAt) * (bucket.perMinute / 60_000) >=
        bucket.perMinute
      ) {
        this.#buckets.delete(key);
      }
    }
    if (this.#buckets.size >= this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
  }
}

/** Counts work in flight per key, e.g. replies streaming for one widget. */
export class ConcurrencyGate {
  readonly #active = new Map<string, number>();

  tryEnter(key: string, max: number): (() => void) | null {
    const current = this.#active.get(key) ?? 0;
    if (current >= max) return null;
    this.#active.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#active.get(key) ?? 1) - 1;
      if (left <= 0) this.#active.delete(key);
      else this.#active.set(key, left);
    };
  }

  active(key: string): number {
    return this.#active.get(key) ?? 0;
  }
}
