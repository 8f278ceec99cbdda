import type { ChatWidgetApi, WidgetState } from '../types.js';

function isStreaming(state: WidgetState): boolean {
  return state.messages[state.messages.length - 1]?.status === 'streaming';
}

/**
 * `widget.subscribe` for renderers: every state at once, except while a reply streams, when
 * chunks that arrive faster than frames are drawn once per animation frame (latest state wins).
 * Without `requestAnimationFrame` (server rendering, tests) every state is passed on at once.
 */
export function subscribePerFrame(
  widget: ChatWidgetApi,
  listener: (state: WidgetState) => void,
): () => void {
  const raf = globalThis.requestAnimationFrame as typeof requestAnimationFrame | undefined;
  let frame = 0;
  let latest: WidgetState | null = null;
  let first = true;
  const flush = () => {
    frame = 0;
    const state = latest;
    latest = null;
    if (state !== null) listener(state);
  };
  const unsubscribe = widget.subscribe((state) => {
    latest = state;
    if (!first && raf !== undefined && isStreaming(state)) {
      if (frame === 0) frame = raf(flush);
      return;
    }
    first = false;
    if (frame !== 0) cancelAnimationFrame(frame);
    flush();
  });
  return () => {
    unsubscribe();
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
  };
}
