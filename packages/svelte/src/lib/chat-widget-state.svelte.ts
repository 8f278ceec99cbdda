import type { ChatWidgetApi, ChatWidgetConfig, ChatWidgetView, WidgetState } from '@cwp/core';
import { connect, widgetFrom } from '@cwp/core';
import { createWidgetDom, subscribeForDrawing, type WidgetDom } from '@cwp/core/dom';

/** One widget's state and view as Svelte 5 reactive values (`$state.raw`). */
export interface ChatWidgetState<W extends ChatWidgetApi = ChatWidgetApi> {
  readonly widget: W;
  /** The latest snapshot (a streaming reply at most 15 times a second). */
  readonly state: WidgetState;
  /** `connect(state, widget)`: every part's props and texts. */
  readonly view: ChatWidgetView;
  /** Theme variables, focus moves and scroll pinning: `dom.attach(rootElement)` once mounted. */
  readonly dom: WidgetDom;
  /** Stops listening; destroys the widget too when it was created from a config. */
  destroy(): void;
}

/** Subscribes to a widget (or creates one from a config) and keeps `state` and `view` current. */
export function createChatWidgetState<W extends ChatWidgetApi = ChatWidgetApi>(
  input: W | ChatWidgetConfig,
): ChatWidgetState<W> {
  const { widget, owned } = widgetFrom<W>(input);
  // Before the render subscription: it sees each change before it is drawn.
  const dom = createWidgetDom(widget);
  const first = widget.getSnapshot();
  let state = $state.raw(first);
  let view = $state.raw(connect(first, widget));
  const unsubscribe = subscribeForDrawing(widget, (next) => {
    state = next;
    view = connect(next, widget);
  });
  return {
    widget,
    get state() {
      return state;
    },
    get view() {
      return view;
    },
    dom,
    destroy() {
      unsubscribe();
      dom.destroy();
      if (owned) widget.destroy();
    },
  };
}
