import type { ChatWidgetApi, FeedbackValue } from '../types.js';

type Click = (event: MouseEvent) => void;

/** Handlers for starter prompts and reply actions, one per index or message so props stay equal. */
export interface ActionHandlers {
  starterPrompt(index: number): Click;
  copy(messageId: string): Click;
  feedback(messageId: string, value: FeedbackValue): Click;
}

const widgetHandlers = new WeakMap<ChatWidgetApi, ActionHandlers>();

function memo<K>(make: (key: K) => Click): (key: K) => Click {
  const made = new Map<K, Click>();
  return (key) => {
    let handler = made.get(key);
    if (handler === undefined) {
      handler = make(key);
      made.set(key, handler);
    }
    return handler;
  };
}

export function actionHandlersOf(widget: ChatWidgetApi): ActionHandlers {
  let handlers = widgetHandlers.get(widget);
  if (handlers === undefined) {
    const feedback = memo((key: string) => {
      const value = key.slice(0, key.indexOf(':')) as FeedbackValue;
      const id = key.slice(key.indexOf(':') + 1);
      // A second click on the chosen thumb takes it back.
      return () => {
        const current = widget.getSnapshot().messages.find((m) => m.id === id)?.feedback;
        widget.setFeedback(id, current === value ? null : value);
      };
    });
    handlers = {
      starterPrompt: memo((index: number) => () => void widget.sendStarterPrompt(index)),
      copy: memo((id: string) => () => void widget.copyMessage(id)),
      feedback: (id, value) => feedback(`${value}:${id}`),
    };
    widgetHandlers.set(widget, handlers);
  }
  return handlers;
}
