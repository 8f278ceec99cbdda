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
 * `widget.subscribe` for renderers: every state at once, except streamed text: a chunk that
 * arrives when no text was drawn since the last frame is passed on at once, and chunks that follow
 * it are drawn once per animation frame (latest state wins) until a frame has none. Drawing
 * the first one in its own task, not in the frame, lets the frame that shows it also deliver the
 * log's scroll event (auto-scroll moves the log as the text grows); drawn in the frame, the
 * scroll event would wait for a frame of its own, a second frame per chunk. Any other change
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
    const state = latest;
    latest = null;
    if (state === null) return;
    drawn = state;
    listener(state);
  };
  // A frame that drew text keeps the next chunks waiting for the next frame (a fast stream is
  // drawn once per frame); a frame with nothing to draw ends that, and the next chunk is drawn at once.
  const onFrame = () => {
    frame = 0;
    if (latest === null) return;
    flush();
    frame = raf!(onFrame);
  };
  const reveal = typewriter(widget);
  reveal.enable();
  const unsubscribe = widget.subscribe((state) => {
    latest = state;
    if (raf !== undefined && onlyTextGrew(drawn, state)) {
      // The first since the last frame: now; the frame (asked for now) draws any that follow.
      if (frame === 0) {
        flush();
        frame = raf(onFrame);
      }
      return;
    }
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
    flush();
  });
  // Older messages revealed: the state is the same, what the view draws is not. A copy, so a
  // renderer that skips an identical state (a Solid signal) draws it too.
  const unwindow = historyWindow(widget).subscribe(() => {
    latest = { ...widget.getSnapshot() };
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
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
