import type { ChatWidgetConfig } from '../config/schema.js';
import { resolveConfig } from '../config/schema.js';
import type { ChatMessage, ChatWidgetApi, WidgetState } from '../types.js';

export function configOf(extra: Partial<ChatWidgetConfig> = {}) {
  return resolveConfig({ webhookUrl: 'http://127.0.0.1:1/webhook', id: 'w1', ...extra });
}

export function stateOf(patch: Partial<WidgetState> = {}, config = configOf()): WidgetState {
  return {
    status: 'ready',
    type: config.type,
    isOpen: false,
    sessionId: null,
    messages: [],
    isResponding: false,
    isTyping: false,
    tooltipVisible: false,
    unread: 0,
    error: null,
    draft: '',
    isLoadingHistory: false,
    copied: null,
    muted: false,
    inputBlocked: false,
    files: [],
    fileNotice: null,
    dropActive: false,
    config,
    ...patch,
  };
}

export function message(patch: Partial<ChatMessage> & Pick<ChatMessage, 'id'>): ChatMessage {
  return { role: 'user', text: 'Hello', status: 'done', createdAt: 1, ...patch };
}

/**
 * A widget whose state the test sets: `emit` calls every subscriber, as the real widget does on
 * a change. Like the real one, `subscribe` calls the listener at once with the current state.
 */
export function fakeWidget(initial: WidgetState) {
  let state = initial;
  const listeners = new Set<(state: WidgetState) => void>();
  const calls: string[] = [];
  const widget: ChatWidgetApi = {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    open: (options) => void calls.push(`open:${options?.via ?? ''}`),
    close: () => void calls.push('close'),
    toggle: () => void calls.push('toggle'),
    send: () => false,
    retry: () => false,
    stop: () => {},
    newSession: () => {},
    dismissTooltip: () => {},
    setDraft: () => {},
    sendStarterPrompt: () => false,
    copyMessage: async () => false,
    copyText: async () => false,
    setFeedback: () => false,
    chooseButton: (id, index) => {
      calls.push(`choose:${id}:${index}`);
      return true;
    },
    setMuted: () => {},
    addFiles: () => false,
    removeFile: () => {},
    setDropActive: () => {},
    setMetadata: () => {},
    on: () => () => {},
    destroy: () => listeners.clear(),
  };
  return {
    widget,
    calls,
    /** How many subscriptions are live. */
    listenerCount: () => listeners.size,
    emit(patch: Partial<WidgetState>): WidgetState {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener(state);
      return state;
    },
  };
}

/** Resolves after the next animation frame (and so after any frame scheduled before it). */
export const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
