import type { ChatMessage, WidgetState } from '../types.js';
import { cached } from './cached.js';

/** How many messages a long history opens with, and how many more each reveal adds. */
export const historyPage = 60;

const none: readonly ChatMessage[] = [];

/**
 * Which messages the view draws, for a widget whose log is in the page (`createWidgetDom` turns it
 * on): a long history opens with the newest `historyPage` messages plus everything newer, and
 * `showEarlier()` adds the next older ones as the visitor scrolls up. A floating window that was
 * never opened draws none. Without it (a headless UI calling `connect` alone) every message is
 * drawn. `state.messages` is never cut: only what the view draws.
 */
export interface HistoryWindow {
  /** The messages to draw, oldest first: a tail of `state.messages`, the same array while unchanged. */
  shown(state: WidgetState): readonly ChatMessage[];
  /** Older messages are left out of the last `shown()`. */
  readonly hasEarlier: boolean;
  /** Adds up to `historyPage` older messages and tells subscribers; false when none are left. */
  showEarlier(): boolean;
  /** Called after `showEarlier()` changed what is shown; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Windows the messages from now on (the log is drawn in a page that can reveal more). */
  enable(): void;
}

/** The window starts at a message id; newer messages join it, older ones wait for a reveal. */
function createHistoryWindow(): HistoryWindow {
  let enabled = false;
  let opened = false;
  let firstId: string | null = null;
  /** How many messages the last `shown()` drew (to tell a restored batch from new messages). */
  let shownCount = 0;
  let last: { messages: readonly ChatMessage[]; start: number; shown: readonly ChatMessage[] } = {
    messages: none,
    start: 0,
    shown: none,
  };
  const listeners = new Set<() => void>();

  const startOf = (messages: readonly ChatMessage[]): number => {
    const newest = Math.max(0, messages.length - historyPage);
    if (firstId === null) return newest;
    // The window's first message is near the end: look from there.
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]?.id !== firstId) continue;
      // Many messages at once (history restored, or loaded from the bot) open at the newest.
      return messages.length - i - shownCount > historyPage ? newest : i;
    }
    return newest;
  };

  const slice = (messages: readonly ChatMessage[], start: number): readonly ChatMessage[] => {
    if (messages === last.messages && start === last.start) return last.shown;
    const shown = start === 0 ? messages : messages.slice(start);
    last = { messages, start, shown };
    firstId = messages[start]?.id ?? null;
    shownCount = shown.length;
    return shown;
  };

  return {
    shown(state) {
      if (!enabled) return state.messages;
      if (state.isOpen || state.type !== 'floating') opened = true;
      // Nobody sees a closed window's log (its live region is hidden too): draw it on first open.
      if (!opened) return none;
      if (state.messages === last.messages) return last.shown;
      return slice(state.messages, startOf(state.messages));
    },
    get hasEarlier() {
      return enabled && last.start > 0;
    },
    showEarlier() {
      if (!enabled || last.start === 0) return false;
      slice(last.messages, Math.max(0, last.start - historyPage));
      for (const listener of listeners) listener();
      return true;
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

const windows = new WeakMap<object, HistoryWindow>();

/** The history window of a widget (one per widget, shared by its view and DOM behaviours). */
export function historyWindow(widget: object): HistoryWindow {
  return cached(windows, widget, createHistoryWindow);
}
