import type { StoreSnapshot } from '@xstate/store';
import type { StorageLike } from '../config/resolved-config.js';

/** The part of @xstate/store's logic (what `.with` extensions wrap) used here. */
interface Logic<C> {
  getInitialSnapshot(): StoreSnapshot<C>;
  transition(snapshot: StoreSnapshot<C>, event: { type: string }): [StoreSnapshot<C>, unknown[]];
}

export interface PersistOptions<C> {
  name: string;
  storage: StorageLike;
  version: number;
  /** Writes wait this long after the first unsaved change, ms. */
  throttle: number;
  serialize: (value: unknown) => string;
  /** The context to use, given what storage held (unchecked) and the current one. */
  merge: (persisted: unknown, current: C) => C;
  onError: (error: unknown) => void;
  /** Another tab's writes under `name` are announced on this channel, and read back here. */
  channel?: BroadcastChannel;
}

/** The announcement @xstate/store/persist's broadcast storage posts, kept so tabs still on an older widget hear ours. */
const update = 'xstate-store-update';
const rehydrate = '__persist.rehydrate';

/**
 * The part of @xstate/store/persist the log uses (snapshot strategy, throttled, synchronous Web
 * Storage, same `{ context, version }` envelope, so saved conversations keep loading), in a
 * fraction of its size: the widget ships in every page.
 */
export function persistLog<C>(options: PersistOptions<C>) {
  const { name, storage, channel } = options;
  let pending: { context: C } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = (raw: string, current: C): C => {
    try {
      return options.merge(JSON.parse(raw).context, current);
    } catch (error) {
      options.onError(error);
      return current;
    }
  };

  /** Writes a pending change now. */
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { context } = pending;
    pending = undefined;
    try {
      storage.setItem(name, options.serialize({ context, version: options.version }));
      channel?.postMessage({ type: update, name });
    } catch (error) {
      options.onError(error);
    }
  };

  const extension = <L extends Logic<C>>(logic: L): L =>
    ({
      ...logic,
      getInitialSnapshot() {
        const snapshot = logic.getInitialSnapshot();
        let raw: string | null = null;
        try {
          raw = storage.getItem(name);
        } catch (error) {
          options.onError(error);
        }
        return raw === null ? snapshot : { ...snapshot, context: read(raw, snapshot.context) };
      },
      transition(snapshot: StoreSnapshot<C>, event: { type: string }) {
        if (event.type === rehydrate) {
          const raw = (event as { state?: string | null }).state;
          return [raw ? { ...snapshot, context: read(raw, snapshot.context) } : snapshot, []];
        }
        const [next, effects] = logic.transition(snapshot, event);
        const save = () => {
          pending = { context: next.context };
          timer ??= setTimeout(flush, options.throttle);
        };
        return [next, [...effects, save]];
      },
    }) as L;

  /** The event that reads storage again into the store (another tab wrote). */
  const reread = () => {
    let state: string | null = null;
    try {
      state = storage.getItem(name);
    } catch (error) {
      options.onError(error);
    }
    return { type: rehydrate, state } as never;
  };

  /** Whether a message on `channel` says another tab saved this log. */
  const isUpdate = (data: unknown) =>
    (data as { type?: unknown } | null)?.type === update &&
    (data as { name?: unknown }).name === name;

  return { extension, flush, reread, isUpdate };
}
