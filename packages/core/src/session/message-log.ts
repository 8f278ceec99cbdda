import { createStore } from '@xstate/store';
import type { StorageLike } from '../config/resolved-config.js';
import type { WidgetErrorInfo } from '../errors/widget-error.js';
import { stringifyJson } from '../transport/stringify-json.js';
import type { ChatMessage } from '../types.js';
import { emptyLog, type LogContext, logEdits, withoutRetryAt, writtenAtOnce } from './log-edits.js';
import { persistLog } from './persist-log.js';

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
  const channel =
    options.syncTabs && typeof BroadcastChannel === 'function'
      ? new BroadcastChannel('cwp-sync')
      : undefined;
  let restoring = true;

  const persisted = persistLog<LogContext>({
    name: options.key,
    storage: options.storage,
    channel,
    version: 1,
    throttle: 200,
    serialize: stringifyJson,
    merge: (saved, current) => {
      if (!isLogContext(saved)) {
        console.warn(`[cwp] Ignoring unreadable saved conversation under "${options.key}".`);
        return current;
      }
      const merged = { ...current, ...saved } as LogContext;
      return restoring ? { ...merged, messages: settleInterrupted(merged.messages) } : merged;
    },
    onError: (error) =>
      console.warn(`[cwp] Could not read or save the conversation under "${options.key}":`, error),
  });
  const store = createStore({ context: emptyLog, on: logEdits }).with(persisted.extension);
  restoring = false;

  let stopSync = () => {};
  const reread = () => store.send(persisted.reread());
  if (channel) {
    const onMessage = (event: MessageEvent) => {
      if (persisted.isUpdate(event.data)) reread();
    };
    channel.addEventListener('message', onMessage);
    stopSync = () => channel.close();
  } else if (options.syncTabs && typeof globalThis.addEventListener === 'function') {
    const onStorage = (event: StorageEvent) => {
      if (event.key === options.key) reread();
    };
    globalThis.addEventListener('storage', onStorage);
    stopSync = () => globalThis.removeEventListener('storage', onStorage);
  }

  return {
    store,
    get context(): LogContext {
      return store.getSnapshot().context;
    },
    /** Edits the log; edits a reload must not lose are written to storage at once. */
    send(event: Parameters<typeof store.send>[0]) {
      store.send(event);
      if (writtenAtOnce.has(event.type)) persisted.flush();
    },
    dispose() {
      persisted.flush();
      stopSync();
    },
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;
