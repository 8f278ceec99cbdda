import type { ChatWidgetApi, WidgetState } from '../types.js';
import { historyWindow } from '../view/history-window.js';
import { typewriter } from '../view/typewriter.js';

function isStreaming(state: WidgetState): boolean {
  return state.messages[state.messages.length - 1]?.status === 'streaming';
}

/** Keys that may change between two drawn states while only a reply's text grows. */
const streamingKeys = new Set<string>(['messages', 'isTyping']);

/** Only the streaming reply (or the typing flag) changed: the draw can wait for the frame. */
function onlyTextGrew(drawn: WidgetState | null, next: WidgetState): boolean {
  if (drawn === null || !isStreaming(next)) return false;
  for (const key of Object.keys(next)) {
    if (
      !streamingKeys.has(key) &&
      next[key as keyof WidgetState] !== drawn[key as keyof WidgetState]
    )
      return false;
  }
  return true;
}

/**
 * `widget.subscribe` for renderers: every state at once, except streamed text: chunks that arrive
 * faster than frames are drawn once per animation frame (latest state wins). Any other change
 * (the window opening, an error, the draft) is passed on at once, with the text so far.
 * Without `requestAnimationFrame` (server rendering, tests) every state is passed on at once.
 * When older messages of a long history are revealed (`createWidgetDom`), the state is passed on again.
 */
export function subscribePerFrame(
  widget: ChatWidgetApi,
  listener: (state: WidgetState) => void,
): () => void {
  const raf = globalThis.requestAnimationFrame as typeof requestAnimationFrame | undefined;
  let frame = 0;
  let latest: WidgetState | null = null;
  let drawn: WidgetState | null = null;
  const flush = () => {
    frame = 0;
    const state = latest;
    latest = null;
    if (state === null) return;
    drawn = state;
    listener(state);
  };
  const reveal = typewriter(widget);
  reveal.enable();
  const unsubscribe = widget.subscribe((state) => {
    latest = state;
    if (raf !== undefined && onlyTextGrew(drawn, state)) {
      if (frame === 0) frame = raf(flush);
      return;
    }
    if (frame !== 0) cancelAnimationFrame(frame);
    flush();
  });
  // Older messages revealed: the state is the same, what the view draws is not. A copy, so a
  // renderer that skips an identical state (a Solid signal) draws it too.
  const unwindow = historyWindow(widget).subscribe(() => {
    latest = { ...widget.getSnapshot() };
    if (frame !== 0) cancelAnimationFrame(frame);
    flush();
  });
  // A reply revealed a step further (typewriter): the same state, drawn further (unless a frame is due).
  const unreveal = reveal.subscribe(() => {
    latest = { ...widget.getSnapshot() };
    if (frame === 0) flush();
  });
  return () => {
    unsubscribe();
    unwindow();
    unreveal();
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
  };
}
