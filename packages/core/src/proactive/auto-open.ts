import type { AutoOpenConfig } from '../config/auto-open-config.js';
import { resolveStorage, storageKey } from '../session/storage.js';
import type { ChatWidgetApi, WidgetState } from '../types.js';

/** The widget CSS's phone breakpoint: there the open window covers the whole page. */
const narrowViewport = '(max-width: 479.98px)';

function isNarrow(): boolean {
  return typeof matchMedia === 'function' && matchMedia(narrowViewport).matches;
}

/** Where "already opened for this visitor / session" is remembered. */
function memoryFor(state: WidgetState, once: AutoOpenConfig['once']) {
  if (once === 'always') return undefined;
  const choice = state.config.storage;
  const storage =
    typeof choice === 'object' || choice === 'memory'
      ? resolveStorage(choice)
      : resolveStorage(once === 'visitor' ? 'local' : 'session');
  const key = `${storageKey(state.config)}:auto-opened`;
  return {
    done: () => storage.getItem(key) !== null,
    remember: () => {
      try {
        storage.setItem(key, '1');
      } catch {
        // A full or blocked storage only means it may open again.
      }
    },
  };
}

/**
 * `autoOpen`: once the widget is ready, its floating window opens by itself after the delay —
 * unless the visitor has opened it already, it opened before for this visitor or session
 * (`once`), or the viewport is a phone's and `onMobile` is false. Returns a stop function.
 */
export function startAutoOpen(widget: ChatWidgetApi): () => void {
  if (typeof window === 'undefined') return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let memory: ReturnType<typeof memoryFor>;
  let settled = false;
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    unsubscribe?.();
  };
  unsubscribe = widget.subscribe((state) => {
    if (settled) return;
    if (state.isOpen && timer !== undefined) {
      // The visitor opened it first: that counts as their one time.
      memory?.remember();
      return stop();
    }
    if (state.status !== 'ready' || timer !== undefined) return;
    const options = state.config.autoOpen;
    if (options === false || state.type !== 'floating' || state.isOpen) return stop();
    if (!options.onMobile && isNarrow()) return stop();
    memory = memoryFor(state, options.once);
    if (memory?.done()) return stop();
    timer = setTimeout(() => {
      timer = undefined;
      stop();
      if (widget.getSnapshot().isOpen) return;
      memory?.remember();
      widget.open({ via: 'auto' });
    }, options.delay);
  });
  // It may have settled during subscribe's first call, before `unsubscribe` was set.
  if (settled) unsubscribe();
  return stop;
}
