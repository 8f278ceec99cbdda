import type { ChatWidgetApi, FeedbackValue } from '../types.js';
import { cached } from './cached.js';

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
  return (key) => cached(made, key, make);
}

export function actionHandlersOf(widget: ChatWidgetApi): ActionHandlers {
  return cached(widgetHandlers, widget, () => {
    const feedback = memo((key: string) => {
      const value = key.slice(0, key.indexOf(':')) as FeedbackValue;
      const id = key.slice(key.indexOf(':') + 1);
      // A second click on the chosen thumb takes it back.
      return () => {
        const current = widget.getSnapshot().messages.find((m) => m.id === id)?.feedback;
        widget.setFeedback(id, current === value ? null : value);
      };
    });
    return {
      starterPrompt: memo((index: number) => () => void widget.sendStarterPrompt(index)),
      copy: memo((id: string) => () => void widget.copyMessage(id)),
      feedback: (id, value) => feedback(`${value}:${id}`),
    };
  });
}
