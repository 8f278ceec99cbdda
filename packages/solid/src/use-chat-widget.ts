import type { ChatWidgetApi, ChatWidgetConfig, ChatWidgetView } from '@cwp/core';
import { connect, type WidgetState, widgetFrom } from '@cwp/core';
import { createWidgetDom, subscribeForDrawing, type WidgetDom } from '@cwp/core/dom';
import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';

export interface ChatWidgetBridge<W extends ChatWidgetApi = ChatWidgetApi> {
  readonly widget: W;
  /** The widget's state, at most 15 times a second while a reply streams. */
  readonly state: Accessor<WidgetState>;
  /** `connect(state, widget)`: the props and texts of every part. */
  readonly view: Accessor<ChatWidgetView>;
  /** Theme variables, focus moves and scroll pinning: `dom.attach(rootElement)` once mounted. */
  readonly dom: WidgetDom;
}

/** The given widget, or one made from the config and destroyed with the calling owner. */
export function ownWidget(configOrWidget: ChatWidgetApi | ChatWidgetConfig): ChatWidgetApi {
  const { widget, owned } = widgetFrom(configOrWidget);
  if (owned) onCleanup(() => widget.destroy());
  return widget;
}

/** Puts a widget's state and view into Solid signals until the calling owner is disposed. */
export function bindWidget<W extends ChatWidgetApi>(widget: W): ChatWidgetBridge<W> {
  // Before the state subscription: it sees each change before it is drawn.
  const dom = createWidgetDom(widget);
  onCleanup(() => dom.destroy());
  const [state, setState] = createSignal(widget.getSnapshot());
  onCleanup(subscribeForDrawing(widget, (next) => setState(() => next)));
  const view = createMemo(() => connect(state(), widget));
  return { widget, state, view, dom };
}

/**
 * The widget as Solid signals, for a UI of your own: from a config (the widget is made here and
 * destroyed with the component) or a widget from `createChatWidget` (left alive).
 */
export function useChatWidget<W extends ChatWidgetApi>(
  from: W | ChatWidgetConfig,
): ChatWidgetBridge<W> {
  return bindWidget(ownWidget(from) as W);
}
