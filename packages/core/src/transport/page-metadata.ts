import type { Transport } from './types.js';

/**
 * Metadata the page sets as the visitor moves around a single-page app (route, cart, plan): each
 * `set` merges into what went before (`undefined` removes a key), and every later request carries
 * it. A send's own `metadata` wins key by key; the config's `metadata` is under both.
 */
export function createPageMetadata() {
  let current: Readonly<Record<string, unknown>> | undefined;
  return {
    set(partial: Readonly<Record<string, unknown>>): void {
      const next: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(partial)) {
        if (key === '__proto__') continue;
        if (value === undefined) delete next[key];
        else next[key] = value;
      }
      current = Object.keys(next).length === 0 ? undefined : next;
    },
    get(): Readonly<Record<string, unknown>> | undefined {
      return current;
    },
    /** The transport with the page's metadata added to each request. */
    wrap(transport: Transport): Transport {
      const wrapped: Transport = {
        send: (request, context) =>
          transport.send(
            current === undefined
              ? request
              : { ...request, metadata: { ...current, ...request.metadata } },
            context,
          ),
      };
      if (transport.conversation) wrapped.conversation = transport.conversation;
      if (transport.loadHistory)
        wrapped.loadHistory = (sessionId, context) => transport.loadHistory!(sessionId, context);
      return wrapped;
    },
  };
}
