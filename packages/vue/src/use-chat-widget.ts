import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  type ChatWidgetView,
  connect,
  type WidgetState,
  widgetFrom,
} from '@cwp/core';
import { createWidgetDom, subscribeForDrawing, type WidgetDom } from '@cwp/core/dom';
import { type ShallowRef, shallowRef, toRaw, watchSyncEffect } from 'vue';

export interface UseChatWidget<W extends ChatWidgetApi = ChatWidgetApi> {
  readonly widget: W;
  /** The widget's state, replaced on every change (at most 15 times a second while a reply streams). */
  readonly state: ShallowRef<WidgetState>;
  /** `connect(state, widget)`: the props and texts for every part. */
  readonly view: ShallowRef<ChatWidgetView>;
  /** Theme variables, focus moves and scroll pinning: `dom.attach(rootElement)` once mounted. */
  readonly dom: WidgetDom;
}

/**
 * The widget as Vue state. Call it in `setup()` (or an effect scope): it lets go of the widget
 * when the scope ends, destroying it only when it created it from a config.
 */
export function useChatWidget<W extends ChatWidgetApi = ChatWidgetApi>(
  configOrWidget: W | ChatWidgetConfig,
): UseChatWidget<W> {
  const { widget, owned } = widgetFrom<W>(toRaw(configOrWidget));
  // Before the render subscription: it sees each change before it is drawn.
  const dom = createWidgetDom(widget);
  const state = shallowRef(widget.getSnapshot());
  const view = shallowRef(connect(state.value, widget));
  // A sync watcher is stopped when the scope ends and, by Vue's server renderer, after rendering:
  // one release for the client and the server (where unmount hooks never run).
  watchSyncEffect((onCleanup) => {
    const unsubscribe = subscribeForDrawing(widget, (next) => {
      state.value = next;
      view.value = connect(next, widget);
    });
    onCleanup(() => {
      unsubscribe();
      dom.destroy();
      if (owned) widget.destroy();
    });
  });
  return { widget, state, view, dom };
}
