import { createStore } from '@xstate/store';
import {
  createBroadcastStorage,
  flushStorage,
  persist,
  rehydrateStore,
  subscribeToBroadcastStorage,
} from '@xstate/store/persist';
import type { StorageLike } from '../config/resolved-config.js';
import type { WidgetErrorInfo } from '../errors/widget-error.js';
import { stringifyJson } from '../transport/stringify-json.js';
import type { ChatMessage } from '../types.js';
import { emptyLog, type LogContext, logEdits, withoutRetryAt, writtenAtOnce } from './log-edits.js';

const interrupted: WidgetErrorInfo = {
  kind: 'network',
  messageKey: 'error.network',
  message: '',
  detail: 'The page was closed or reloaded while this message was in flight.',
};

/**
 * A message still `sending` or `streaming` in storage belongs to a page that went away:
 * restore it as failed or incomplete so the visitor can retry.
 */
function settleInterrupted(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  return messages.map((m) => {
    // A Retry-After wait from before the reload has no timer any more: allow the retry.
    const error = m.error && withoutRetryAt(m.error);
    if (m.status === 'sending') return { ...m, status: 'failed', error: error ?? interrupted };
    if (m.status === 'streaming')
      return { ...m, status: 'incomplete', error: error ?? interrupted };
    return error === m.error ? m : { ...m, error };
  });
}

function isLogContext(value: unknown): value is Partial<LogContext> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LogContext>;
  return (
    (v.sessionId === undefined || v.sessionId === null || typeof v.sessionId === 'string') &&
    (v.messages === undefined ||
      (Array.isArray(v.messages) &&
        v.messages.every(
          (m: Partial<ChatMessage>) =>
            typeof m?.id === 'string' &&
            (m.role === 'user' || m.role === 'bot') &&
            typeof m.text === 'string' &&
            typeof m.status === 'string' &&
            typeof m.createdAt === 'number',
        ))) &&
    (v.draft === undefined || typeof v.draft === 'string')
  );
}

export function createMessageLog(options: {
  key: string;
  storage: StorageLike;
  syncTabs: boolean;
}) {
  const storage =
    options.syncTabs && typeof BroadcastChannel === 'function'
      ? createBroadcastStorage(options.storage, { channel: 'cwp-sync' })
      : options.storage;
  let restoring = true;

  const store = createStore({ context: emptyLog, on: logEdits }).with(
    persist({
      name: options.key,
      storage,
      version: 1,
      throttle: 200,
      serialize: stringifyJson,
      merge: (persisted, current) => {
        if (!isLogContext(persisted)) {
          console.warn(`[cwp] Ignoring unreadable saved conversation under "${options.key}".`);
          return current;
        }
        const merged = { ...current, ...persisted } as LogContext;
        return restoring ? { ...merged, messages: settleInterrupted(merged.messages) } : merged;
      },
      onError: (error) =>
        console.warn(
          `[cwp] Could not read or save the conversation under "${options.key}":`,
          error,
        ),
    }),
  );
  restoring = false;

  let stopSync = () => {};
  if (options.syncTabs) {
    if (storage !== options.storage) {
      stopSync = subscribeToBroadcastStorage(store);
    } else if (typeof globalThis.addEventListener === 'function') {
      const onStorage = (event: StorageEvent) => {
        if (event.key === options.key) void rehydrateStore(store);
      };
      globalThis.addEventListener('storage', onStorage);
      stopSync = () => globalThis.removeEventListener('storage', onStorage);
    }
  }

  return {
    store,
    get context(): LogContext {
      return store.getSnapshot().context;
    },
    /** Edits the log; edits a reload must not lose are written to storage at once. */
    send(event: Parameters<typeof store.send>[0]) {
      store.send(event);
      if (writtenAtOnce.has(event.type)) void flushStorage(store);
    },
    dispose() {
      void flushStorage(store);
      stopSync();
      if ('channel' in storage) (storage.channel as BroadcastChannel).close();
    },
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;
