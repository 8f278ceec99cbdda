import type { TypewriterPace } from '../config/typewriter-config.js';
import type { ChatMessage, WidgetState } from '../types.js';
import { cached } from './cached.js';
import { revealCut } from './reveal-cut.js';

/** A streamed reply's shown text trails what has arrived by about this long (ms), bursts included. */
export const streamLag = 250;
const frameMs = 16;
/** Steps at most this often (15 a second, as streamed text is drawn: subscribe-for-drawing.ts). */
const stepMs = 66;

/** One reply being revealed. */
interface Reveal {
  readonly id: string;
  /** It arrived whole: revealed at a steady pace from `start`; else it catches up with a stream. */
  readonly whole: boolean;
  readonly start: number;
  /** Characters revealed so far (fractional); `cut` is where the drawn text ends. */
  shown: number;
  cut: number;
  last: number;
  drawn: ChatMessage | undefined;
}

/**
 * The typewriter: which part of a reply the view draws while it reveals (`config.typewriter`).
 * A reply that arrives whole types itself out at `charsPerSecond`, faster when long so it ends
 * within `maxDurationMs`; a streamed reply reveals as it arrives, at a rate that keeps it about
 * `streamLag` behind (a burst spreads over a few frames instead of jumping). Only a reply this page
 * saw arrive reveals: restored history, other tabs' replies, a closed window and reduced motion
 * show text at once; so do a new message from the visitor, closing the window and `finish()`
 * (the stop button). `state.messages` always holds the whole text; the view draws a revealing
 * reply as a `streaming` message (the log stays `aria-busy`, so it is announced once, finished).
 */
export interface Typewriter {
  /** `messages` (what the view draws, from `state`) with revealing replies cut where they are. */
  shown(state: WidgetState, messages: readonly ChatMessage[]): readonly ChatMessage[];
  /** A reply is still revealing. */
  readonly revealing: boolean;
  /** Shows every revealing reply whole, now. */
  finish(): void;
  /** Called on each step of a reveal (15 a second, when it moved); returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Reveals from now on (a renderer that redraws on `subscribe` is drawing the widget). */
  enable(): void;
}

const now = () => globalThis.performance?.now() ?? Date.now();
const reducedMotion = () =>
  globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function lastUserId(state: WidgetState): string | undefined {
  for (let i = state.messages.length - 1; i >= 0; i--)
    if (state.messages[i]?.role === 'user') return state.messages[i]?.id;
  return undefined;
}

function indexOf(messages: readonly ChatMessage[], id: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.id === id) return i;
  return -1;
}

/** Everything that has arrived is drawn, and more may come. */
function caughtUp(reveal: Reveal, message: ChatMessage): boolean {
  return message.status === 'streaming' && reveal.cut >= message.text.length;
}

function createTypewriter(): Typewriter {
  let enabled = false;
  let previous: WidgetState | null = null;
  const reveals = new Map<string, Reveal>();
  /** Replies that revealed (or were shown whole mid-reveal): never again. */
  const settled = new Set<string>();
  const listeners = new Set<() => void>();
  let version = 0;
  let memo: { messages: readonly ChatMessage[]; version: number; shown: readonly ChatMessage[] } = {
    messages: [],
    version: -1,
    shown: [],
  };
  let ticking: (() => void) | null = null;
  let lastStep = Number.NEGATIVE_INFINITY;

  const showAll = () => {
    for (const id of reveals.keys()) settled.add(id);
    reveals.clear();
    version++;
  };

  /** Moves a reveal on to `time`; true when what it draws changed. */
  const advance = (reveal: Reveal, message: ChatMessage, pace: TypewriterPace, time: number) => {
    const length = message.text.length;
    if (reveal.whole) {
      const rate = Math.max(pace.charsPerSecond, (length * 1000) / pace.maxDurationMs);
      reveal.shown = ((time - reveal.start) * rate) / 1000;
    } else {
      const backlog = length - reveal.shown;
      const rate = Math.max(pace.charsPerSecond / 1000, backlog / streamLag);
      reveal.shown += Math.max(0, time - reveal.last) * rate;
    }
    reveal.last = time;
    reveal.shown = Math.min(reveal.shown, length);
    if (reveal.shown >= length && message.status === 'done') {
      reveals.delete(reveal.id);
      settled.add(reveal.id);
      return true;
    }
    const cut = Math.max(reveal.cut, revealCut(message.text, Math.floor(reveal.shown), length));
    if (cut === reveal.cut) return false;
    reveal.cut = cut;
    return true;
  };

  const tick = () => {
    ticking = null;
    const state = previous;
    if (state === null || state.config.typewriter === false) return;
    const time = now();
    // Timers may fire a few ms early or late: that must not skip a step.
    if (time - lastStep < stepMs - 6) return schedule();
    lastStep = time;
    let moved = false;
    let behind = false;
    for (const reveal of [...reveals.values()]) {
      const message = state.messages[indexOf(state.messages, reveal.id)];
      if (message === undefined) reveals.delete(reveal.id);
      else if (advance(reveal, message, state.config.typewriter, time)) moved = true;
      if (message !== undefined && reveals.has(reveal.id) && !caughtUp(reveal, message))
        behind = true;
    }
    // Caught up with a stream that pauses: idle until more text arrives (see `observe`).
    if (behind) schedule();
    if (!moved) return;
    version++;
    for (const listener of [...listeners]) listener();
  };

  // A timer for when the next step is due, not an animation frame each frame: no frame is asked
  // for between steps, and a step drawn in a task is shown by the next frame, which also delivers
  // the log's scroll event (auto-scroll follows the text); a step drawn in a frame would leave that
  // event a frame of its own.
  const schedule = () => {
    if (ticking !== null) return;
    const id = setTimeout(tick, Math.max(0, lastStep + stepMs - now()));
    ticking = () => clearTimeout(id);
  };

  const start = (message: ChatMessage, pace: TypewriterPace) => {
    const time = now();
    const whole = message.status === 'done';
    const reveal: Reveal = {
      id: message.id,
      whole,
      start: time - frameMs,
      shown: 0,
      cut: 0,
      last: time - frameMs,
      drawn: undefined,
    };
    reveals.set(message.id, reveal);
    advance(reveal, message, pace, time);
    if (reveals.size > 0) schedule();
    version++;
  };

  const observe = (state: WidgetState) => {
    const before = previous;
    previous = state;
    const pace = state.config.typewriter;
    const closed = state.type === 'floating' && !state.isOpen;
    if (state.messages.length === 0) settled.clear();
    if (before === null || pace === false) return showAll();
    if (reveals.size > 0 && (closed || lastUserId(state) !== lastUserId(before))) showAll();
    for (const reveal of [...reveals.values()]) {
      const message = state.messages[indexOf(state.messages, reveal.id)];
      if (message?.status !== 'streaming' && message?.status !== 'done') {
        reveals.delete(reveal.id);
        settled.add(reveal.id);
        version++;
      } else if (ticking === null && !caughtUp(reveal, message)) {
        reveal.last = now() - stepMs;
        schedule();
      }
    }
    const last = state.messages[state.messages.length - 1];
    if (
      last?.role === 'bot' &&
      last.initial !== true &&
      before.isResponding &&
      (last.status === 'streaming' || last.status === 'done') &&
      !reveals.has(last.id) &&
      !settled.has(last.id) &&
      !closed
    ) {
      if (reducedMotion()) settled.add(last.id);
      else start(last, pace);
    }
  };

  const cutMessage = (reveal: Reveal, message: ChatMessage): ChatMessage => {
    if (reveal.drawn?.text.length !== reveal.cut)
      reveal.drawn = { ...message, text: message.text.slice(0, reveal.cut), status: 'streaming' };
    return reveal.drawn;
  };

  return {
    shown(state, messages) {
      if (!enabled) return messages;
      if (state !== previous) observe(state);
      if (reveals.size === 0) return messages;
      if (memo.messages === messages && memo.version === version) return memo.shown;
      const shown = messages.slice();
      for (const reveal of reveals.values()) {
        const i = indexOf(shown, reveal.id);
        if (i !== -1) shown[i] = cutMessage(reveal, shown[i] as ChatMessage);
      }
      memo = { messages, version, shown };
      return shown;
    },
    get revealing() {
      return reveals.size > 0;
    },
    finish() {
      if (reveals.size === 0) return;
      showAll();
      ticking?.();
      ticking = null;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    enable() {
      enabled = true;
    },
  };
}

const typewriters = new WeakMap<object, Typewriter>();

/** The typewriter of a widget (one per widget, shared by its view and its renderer's bridge). */
export function typewriter(widget: object): Typewriter {
  return cached(typewriters, widget, createTypewriter);
}
