// What the connect() tests share: a widget that records what the view asked of it, and a renderer's DOM mapping.
import type { ChatWidgetApi, WidgetState } from '../../types.js';
import { connect } from '../connect.js';
import type { ChatWidgetView, MessageView, PartProps } from '../types.js';

type Call = [name: string, ...args: unknown[]];

/** Records what the view asked of it; like the real widget, a taken send empties the draft. */
export function fakeWidget(initial: WidgetState, { sendTaken = true } = {}) {
  let state = initial;
  const calls: Call[] = [];
  const widget: ChatWidgetApi = {
    getSnapshot: () => state,
    subscribe: () => () => {},
    open: () => void calls.push(['open']),
    close: () => void calls.push(['close']),
    toggle: () => void calls.push(['toggle']),
    send: (text) => {
      calls.push(['send', text]);
      if (sendTaken) state = { ...state, draft: '' };
      return sendTaken;
    },
    retry: (id) => {
      calls.push(['retry', id]);
      return true;
    },
    stop: () => void calls.push(['stop']),
    newSession: () => void calls.push(['newSession']),
    dismissTooltip: () => void calls.push(['dismissTooltip']),
    setDraft: (text) => {
      calls.push(['setDraft', text]);
      state = { ...state, draft: text };
    },
    sendStarterPrompt: (index) => {
      calls.push(['sendStarterPrompt', index]);
      return true;
    },
    copyMessage: async (id) => {
      calls.push(['copyMessage', id]);
      return true;
    },
    copyText: async (text, key) => {
      calls.push(['copyText', text, key]);
      return true;
    },
    chooseButton: (id, index) => {
      calls.push(['chooseButton', id, index]);
      return true;
    },
    setFeedback: (id, value) => {
      calls.push(['setFeedback', id, value]);
      return true;
    },
    setMetadata: () => {},
    setMuted: (muted) => void calls.push(['setMuted', muted]),
    addFiles: (files) => {
      calls.push(['addFiles', Array.from(files).map((f) => f.name)]);
      return true;
    },
    removeFile: (id) => void calls.push(['removeFile', id]),
    setDropActive: (active) => void calls.push(['setDropActive', active]),
    on: () => () => {},
    destroy: () => {},
  };
  return { widget, calls, view: () => connect(state, widget) };
}

/** The DOM mapping documented at the top of connect.ts, as a renderer would do it. */
function applyProps<E extends HTMLElement>(el: E, props: PartProps): E {
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) {
      if (typeof value === 'function')
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (key === 'value') (el as unknown as HTMLTextAreaElement).value = String(value ?? '');
    else if (value === true) el.setAttribute(key, '');
    else if (value === false || value === undefined) el.removeAttribute(key);
    else el.setAttribute(key, String(value));
  }
  return el;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: PartProps) {
  return applyProps(document.createElement(tag), props);
}

export function key(init: KeyboardEventInit) {
  return new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
}

/** The view of one message, as a renderer gets it from `view.messages`. */
export function viewOf(api: ChatWidgetView, id: string): MessageView {
  const found = api.messages.find((m) => m.id === id);
  if (found === undefined) throw new Error(`no message view ${id}`);
  return found;
}
