import type { StorageLike } from '../config/resolved-config.js';
import type { WidgetEvent } from '../events/types.js';
import { randomId } from '../session/ids.js';
import { createMemoryStorage } from '../session/storage.js';
import { type EventOutbox, openOutbox } from './event-outbox.js';

export interface EventBatcher {
  add(event: WidgetEvent): void;
  flush(): void;
  dispose(): void;
}

export interface EventBatcherOptions {
  /** Where unsent batches wait, across failures and reloads (the widget's session storage). */
  storage?: StorageLike;
  /** Storage key of the unsent batches. */
  key?: string;
  fetch?: typeof fetch;
  /** Longest wait before a flush, ms (default 3,000). */
  flushAfterMs?: number;
  /** First retry delay after a failed POST, ms, doubled per failure up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Most unsent batches kept; beyond it the oldest are dropped (default 50, about 1,000 events). */
  maxStoredBatches?: number;
}

const maxBatch = 20;

/**
 * Sends widget events to @cwp/server in batches, each with an id the server counts once. A batch
 * is written to storage before it is sent and removed only when the server took it (or refused it
 * for good), so a failed POST, a network outage or a reload loses nothing: unsent batches are
 * retried with backoff, when the browser comes back online and when the page is shown again.
 */
export function createEventBatcher(url: string, options: EventBatcherOptions = {}): EventBatcher {
  const flushAfterMs = options.flushAfterMs ?? 3000;
  const baseDelayMs = options.retryDelayMs ?? 1000;
  const maxDelayMs = options.maxRetryDelayMs ?? 60_000;
  const outbox: EventOutbox = openOutbox(
    options.storage ?? createMemoryStorage(),
    options.key ?? 'cwp:events',
    options.maxStoredBatches ?? 50,
  );
  let queue: WidgetEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let sending = false;
  let disposed = false;

  const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

  const scheduleRetry = (afterMs: number) => {
    if (retryTimer !== undefined || disposed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      pump();
    }, afterMs);
  };

  /** Sends the oldest unsent batch, then the next, one at a time. */
  function pump(): void {
    if (sending) return;
    const batch = outbox.oldest();
    if (batch === undefined) return;
    if (offline()) return; // the `online` event resumes
    sending = true;
    const send = options.fetch ?? globalThis.fetch;
    let outcome: Promise<'sent' | 'refused' | 'retry'>;
    try {
      outcome = send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: outbox.body(batch),
        // Outlives the page when sent on pagehide; in storage too, in case it does not arrive.
        keepalive: true,
      }).then(
        (response) =>
          response.ok
            ? 'sent'
            : response.status === 408 || response.status === 429 || response.status >= 500
              ? 'retry'
              : 'refused',
        () => 'retry' as const,
      );
    } catch {
      outcome = Promise.resolve('retry');
    }
    void outcome.then((result) => {
      sending = false;
      if (result === 'retry') {
        failures += 1;
        scheduleRetry(Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1)));
        return;
      }
      if (result === 'refused') {
        console.warn('[cwp] The server refused a batch of analytics events; it is dropped.');
      }
      failures = 0;
      outbox.remove(batch.id);
      if (!disposed) pump();
    });
  }

  const flush = () => {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (queue.length > 0) {
      outbox.add({ id: randomId(), events: queue });
      queue = [];
    }
    pump();
  };

  const resume = () => {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    failures = 0;
    pump();
  };
  const onHide = () => {
    if (globalThis.document?.visibilityState !== 'visible') flush();
  };
  globalThis.addEventListener?.('pagehide', flush);
  globalThis.addEventListener?.('online', resume);
  globalThis.addEventListener?.('pageshow', resume);
  globalThis.document?.addEventListener('visibilitychange', onHide);
  // Batches left by an earlier page (a failure, or a reload while they were in flight).
  if (outbox.oldest() !== undefined) scheduleRetry(0);

  return {
    add(event) {
      queue.push(event);
      if (queue.length >= maxBatch) flush();
      else if (flushTimer === undefined) flushTimer = setTimeout(flush, flushAfterMs);
    },
    flush,
    dispose() {
      flush();
      disposed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      globalThis.removeEventListener?.('pagehide', flush);
      globalThis.removeEventListener?.('online', resume);
      globalThis.removeEventListener?.('pageshow', resume);
      globalThis.document?.removeEventListener('visibilitychange', onHide);
    },
  };
}
