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

/** Text drawn less than a frame ago: the next chunk waits for the frame. */
const frameMs = 16;
const now = () => globalThis.performance?.now() ?? Date.now();

/**
 * `widget.subscribe` for renderers: every state at once, except streamed text: a chunk is drawn
 * at once when nothing was drawn for a frame's time, else in the next animation frame (latest
 * state wins), so a fast stream is drawn once per frame. Drawing a chunk in its own task, not in a
 * frame, lets the frame that shows it also deliver the log's scroll event (auto-scroll moves the
 * log as the text grows), and asks for no frame itself; drawn in a frame, the scroll event would
 * wait for a frame of its own, a second frame per chunk. Any other change (the window opening, an
 * error, the draft) is passed on at once, with the text so far.
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
  let drawnAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    frame = 0;
    const state = latest;
    latest = null;
    if (state === null) return;
    drawn = state;
    drawnAt = now();
    listener(state);
  };
  const reveal = typewriter(widget);
  reveal.enable();
  const unsubscribe = widget.subscribe((state) => {
    latest = state;
    if (raf !== undefined && onlyTextGrew(drawn, state)) {
      if (frame !== 0) return;
      if (now() - drawnAt >= frameMs) flush();
      else frame = raf(flush);
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
