import type { WidgetEvent } from '../events/types.js';

export interface EventBatcher {
  add(event: WidgetEvent): void;
  flush(): void;
  dispose(): void;
}

const maxBatch = 20;
const flushAfterMs = 3000;

/**
 * Sends widget events to @cwp/server in batches; flushes when the page is hidden so
 * nothing is lost on navigation (fetch keepalive outlives the page).
 */
export function createEventBatcher(url: string, fetchImpl?: typeof fetch): EventBatcher {
  let queue: WidgetEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    const send = fetchImpl ?? globalThis.fetch;
    send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
      keepalive: true,
    }).catch((error: unknown) => console.warn('[cwp] Could not send analytics events:', error));
  };

  const onHide = () => {
    if (globalThis.document?.visibilityState !== 'visible') flush();
  };
  globalThis.addEventListener?.('pagehide', flush);
  globalThis.document?.addEventListener('visibilitychange', onHide);

  return {
    add(event) {
      queue.push(event);
      if (queue.length >= maxBatch) flush();
      else if (timer === undefined) timer = setTimeout(flush, flushAfterMs);
    },
    flush,
    dispose() {
      flush();
      globalThis.removeEventListener?.('pagehide', flush);
      globalThis.document?.removeEventListener('visibilitychange', onHide);
    },
  };
}
