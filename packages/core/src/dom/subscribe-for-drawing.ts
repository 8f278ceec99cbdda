import type { ChatWidgetApi, WidgetState } from '../types.js';
import { historyWindow } from '../view/history-window.js';
import { typewriter } from '../view/typewriter.js';

function isStreaming(state: WidgetState): boolean {
  return state.messages[state.messages.length - 1]?.status === 'streaming';
}

/** Keys that may change between two drawn states while only a reply's text grows. */
const streamingKeys = new Set<string>(['messages', 'isTyping']);

/** Only the streaming reply (or the typing flag) changed: the draw can wait a little. */
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
 * Streamed text is drawn at most this often (15 times a second). Each draw costs the page a frame of
 * paint and compositing whatever its size, so drawing every chunk of a fast stream costs several
 * times more than the text needs to read smoothly (bench/stream-vs-n8n.bench.ts).
 */
const streamDrawMs = 66;
const now = () => globalThis.performance?.now() ?? Date.now();

/**
 * `widget.subscribe` for renderers: every state at once, except streamed text: a chunk is drawn
 * at once when nothing was drawn for `streamDrawMs`, else when that time is up (latest state wins).
 * Drawing in a task of its own, not in an animation frame, lets the frame that shows the text also
 * deliver the log's scroll event (auto-scroll moves the log as the text grows); drawn in a frame,
 * the scroll event would wait for a frame of its own. Any other change (the window opening, an
 * error, the draft) is passed on at once, with the text so far.
 * Without `requestAnimationFrame` (server rendering, tests) every state is passed on at once.
 * When older messages of a long history are revealed (`createWidgetDom`), the state is passed on again.
 */
export function subscribeForDrawing(
  widget: ChatWidgetApi,
  listener: (state: WidgetState) => void,
): () => void {
  const raf = globalThis.requestAnimationFrame as typeof requestAnimationFrame | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: WidgetState | null = null;
  let drawn: WidgetState | null = null;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const flush = () => {
    timer = undefined;
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
      if (timer !== undefined) return;
      const wait = drawnAt + streamDrawMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
      return;
    }
    clearTimeout(timer);
    flush();
  });
  // Older messages revealed: the state is the same, what the view draws is not. A copy, so a
  // renderer that skips an identical state (a Solid signal) draws it too.
  const unwindow = historyWindow(widget).subscribe(() => {
    latest = { ...widget.getSnapshot() };
    clearTimeout(timer);
    flush();
  });
  // A reply revealed a step further (typewriter): the same state, drawn further (unless a draw is due).
  const unreveal = reveal.subscribe(() => {
    latest = { ...widget.getSnapshot() };
    if (timer === undefined) flush();
  });
  return () => {
    unsubscribe();
    unwindow();
    unreveal();
    clearTimeout(timer);
    timer = undefined;
  };
}
