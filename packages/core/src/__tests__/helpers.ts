import { type Bot, startBot } from '@cwp/bot';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { StorageLike } from '../config/schema.js';
import { createMemoryStorage } from '../session/storage.js';
import type {
  ReplyChunk,
  Transport,
  TransportContext,
  TransportRequest,
} from '../transport/types.js';
import type { WidgetState } from '../types.js';
import type { ChatWidget } from '../widget.js';

/** Starts one real local bot for the file and clears its log between tests. */
export function useBot(): { readonly bot: Bot } {
  const holder = {} as { bot: Bot };
  beforeAll(async () => {
    holder.bot = await startBot();
  });
  afterEach(() => holder.bot.reset());
  afterAll(() => holder.bot.close());
  return holder;
}

/** Destroys every widget a test created, so no request outlives its test. */
export function useWidgets() {
  const widgets: ChatWidget[] = [];
  afterEach(() => {
    for (const widget of widgets.splice(0)) widget.destroy();
  });
  return <T extends ChatWidget>(widget: T): T => {
    widgets.push(widget);
    return widget;
  };
}

export function waitFor(
  widget: ChatWidget,
  predicate: (state: WidgetState) => boolean,
  timeoutMs = 5000,
): Promise<WidgetState> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; last state: ${JSON.stringify(summary(widget.getSnapshot()))}`));
    }, timeoutMs);
    off = widget.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(state);
    });
  });
}

export const idle = (widget: ChatWidget) => waitFor(widget, (s) => !s.isResponding);

export function summary(state: WidgetState) {
  return {
    status: state.status,
    responding: state.isResponding,
    messages: state.messages.map((m) => `${m.role}:${m.status}:${m.text.slice(0, 40)}`),
    error: state.error?.kind,
  };
}

export const sends = (bot: Bot) =>
  bot.requests.filter((r) => (r.body as { action?: string } | null)?.action === 'sendMessage');

export function sharedStorage(): StorageLike & { dump(): Record<string, string> } {
  const base = createMemoryStorage();
  const keys = new Set<string>();
  return {
    getItem: (key) => base.getItem(key),
    setItem: (key, value) => {
      keys.add(key);
      base.setItem(key, value);
    },
    removeItem: (key) => {
      keys.delete(key);
      base.removeItem(key);
    },
    dump: () => Object.fromEntries([...keys].map((k) => [k, base.getItem(k) ?? ''])),
  };
}

/** A transport the test drives by hand, recording each call and its abort signal. */
export function manualTransport() {
  const calls: {
    request: TransportRequest;
    signal: AbortSignal;
    push(chunk: ReplyChunk): void;
    finish(): void;
    fail(error: unknown): void;
  }[] = [];
  const transport: Transport = {
    send(request: TransportRequest, { signal }: TransportContext): AsyncIterable<ReplyChunk> {
      const queue: ReplyChunk[] = [];
      let done = false;
      let failure: unknown;
      let wake = () => {};
      calls.push({
        request,
        signal,
        push: (chunk) => {
          queue.push(chunk);
          wake();
        },
        finish: () => {
          done = true;
          wake();
        },
        fail: (error) => {
          failure = error;
          wake();
        },
      });
      return {
        async *[Symbol.asyncIterator]() {
          while (true) {
            if (queue.length > 0) {
              yield queue.shift()!;
              continue;
            }
            if (failure !== undefined) throw failure;
            if (done || signal.aborted) return;
            await new Promise<void>((resolve) => {
              wake = resolve;
              signal.addEventListener('abort', () => resolve(), { once: true });
            });
          }
        },
      };
    },
  };
  return { transport, calls };
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
