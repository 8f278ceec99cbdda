import type { ChatWidgetApi } from '../types.js';
import { cached } from './cached.js';
import { typewriter } from './typewriter.js';

/** IME composition: Enter and Escape belong to the input method, not to us. */
function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** Event handlers for the parts. They read the live snapshot, so one set serves every render. */
export interface Handlers {
  readonly toggle: (event: MouseEvent) => void;
  readonly openFromTooltip: (event: MouseEvent) => void;
  readonly close: (event: MouseEvent) => void;
  readonly dismissTooltip: (event: MouseEvent) => void;
  readonly closeOnEscape: (event: KeyboardEvent) => void;
  readonly newSession: (event: MouseEvent) => void;
  readonly toggleMute: (event: MouseEvent) => void;
  readonly stop: (event: MouseEvent) => void;
  readonly submit: (event: Event) => void;
  readonly input: (event: Event) => void;
  readonly sendOnEnter: (event: KeyboardEvent) => void;
  /** One retry handler per message id, so props stay equal between renders. */
  retry(messageId: string): (event: MouseEvent) => void;
}

const widgetHandlers = new WeakMap<ChatWidgetApi, Handlers>();

export function handlersOf(widget: ChatWidgetApi): Handlers {
  return cached(widgetHandlers, widget, createHandlers);
}

function createHandlers(widget: ChatWidgetApi): Handlers {
  const sendDraft = () => {
    // The widget empties the draft when it takes the message and keeps it when it does not.
    const { draft: text, files } = widget.getSnapshot();
    if (/\S/.test(text) || files.length > 0) widget.send(text);
  };
  const retries = new Map<string, (event: MouseEvent) => void>();
  return {
    toggle: () => widget.toggle(),
    openFromTooltip: () => widget.open({ via: 'tooltip' }),
    close: () => widget.close(),
    dismissTooltip: (event) => {
      // The dismiss control sits inside the tooltip, whose click opens the window.
      event.stopPropagation();
      widget.dismissTooltip();
    },
    closeOnEscape: (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isComposing(event)) return;
      widget.close();
    },
    newSession: () => widget.newSession(),
    toggleMute: () => widget.setMuted(!widget.getSnapshot().muted),
    stop: () => {
      typewriter(widget).finish();
      widget.stop();
    },
    submit: (event) => {
      event.preventDefault();
      sendDraft();
    },
    input: (event) => {
      // currentTarget: frameworks that delegate events (Svelte, Solid) set it to the input, while
      // `target` is retargeted to the shadow host when they listen outside a shadow root.
      const input = event.currentTarget as { value?: unknown } | null;
      if (typeof input?.value === 'string') widget.setDraft(input.value);
    },
    sendOnEnter: (event) => {
      if (event.key !== 'Enter' || event.shiftKey || isComposing(event)) return;
      event.preventDefault();
      sendDraft();
    },
    retry: (messageId) => cached(retries, messageId, () => () => void widget.retry(messageId)),
  };
}
