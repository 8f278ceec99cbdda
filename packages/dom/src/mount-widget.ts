import { type ChatWidgetApi, type ChatWidgetConfig, connect, widgetFrom } from '@cwp/core';
import { adoptStylesheet, createWidgetDom, subscribeForDrawing } from '@cwp/core/dom';
import { stylesheet } from '@cwp/core/styles';
import { applyProps } from './apply-props.js';
import { h } from './element.js';
import { createBubble } from './parts/bubble.js';
import { createWindow } from './parts/window.js';

export interface MountOptions {
  /**
   * Where the widget goes: the container for inline, the page (default `document.body`)
   * otherwise. A ShadowRoot is used as is (the embed code passes the one it drew the bubble in).
   */
  target?: Element | ShadowRoot;
  /** Render into a shadow root (default), so the host page's CSS cannot reach in. */
  shadow?: boolean;
  /** CSP nonce for the `<style>` element used where constructed stylesheets are unsupported. */
  nonce?: string;
  /** Light-DOM mode only: leave the stylesheet out (you ship `cwp.css` yourself). */
  injectStyles?: boolean;
}

export interface MountedWidget<W extends ChatWidgetApi = ChatWidgetApi> {
  readonly widget: W;
  /** The widget's root element (`data-part="root"`). */
  readonly root: HTMLElement;
  /** The shadow root the widget renders into, or null in light-DOM mode. */
  readonly shadowRoot: ShadowRoot | null;
  /** Removes the widget's elements; destroys the widget too when mountWidget created it. */
  unmount(): void;
}

function isShadowRoot(node: Element | ShadowRoot): node is ShadowRoot {
  return node.nodeType === 11;
}

/** Draws a floating, inline or fullscreen widget from core's connect() props. */
export function mountWidget<W extends ChatWidgetApi>(
  widget: W,
  options?: MountOptions,
): MountedWidget<W>;
export function mountWidget(config: ChatWidgetConfig, options?: MountOptions): MountedWidget;
export function mountWidget(
  widgetOrConfig: ChatWidgetApi | ChatWidgetConfig,
  options: MountOptions = {},
): MountedWidget {
  const { widget, owned } = widgetFrom(widgetOrConfig);
  return drawWidget(widget, owned, options);
}

/**
 * mountWidget for a widget already created; `owned`: unmount destroys it. The embed's rest uses
 * this, so its bundle carries no `createChatWidget` (whose features it loads on demand).
 */
export function drawWidget<W extends ChatWidgetApi>(
  widget: W,
  owned: boolean,
  options: MountOptions = {},
): MountedWidget<W> {
  const target = options.target ?? document.body;
  const doc = target.ownerDocument;
  const useShadow = options.shadow ?? true;

  let host: HTMLElement | null = null;
  let shadowRoot: ShadowRoot | null = null;
  let releaseStyles: () => void = () => {};
  if (isShadowRoot(target)) {
    shadowRoot = target;
    releaseStyles = adoptStylesheet(shadowRoot, stylesheet, options.nonce);
  } else if (useShadow) {
    host = h(doc, 'div');
    host.setAttribute('data-cwp-host', '');
    // The host sits in the page: keep it out of layout whatever the page's CSS says.
    host.style.setProperty('display', 'contents', 'important');
    shadowRoot = host.attachShadow({ mode: 'open' });
    releaseStyles = adoptStylesheet(shadowRoot, stylesheet, options.nonce);
  } else if (options.injectStyles !== false) {
    releaseStyles = adoptStylesheet(doc, stylesheet, options.nonce);
  }

  const root = h(doc, 'div');
  const bubble = createBubble(doc);
  const chatWindow = createWindow(doc);
  root.append(...bubble.elements, chatWindow.element);

  // Before the render subscription: it sees each change before it is drawn.
  const behaviours = createWidgetDom(widget);
  const unsubscribe = subscribeForDrawing(widget, (state) => {
    const view = connect(state, widget);
    applyProps(root, view.getRootProps());
    bubble.update(view);
    chatWindow.update(view);
  });
  if (shadowRoot) shadowRoot.append(root);
  if (host) target.append(host);
  else if (!shadowRoot) target.append(root);
  behaviours.attach(root);

  let mounted = true;
  return {
    widget,
    root,
    shadowRoot,
    unmount(): void {
      if (!mounted) return;
      mounted = false;
      unsubscribe();
      behaviours.destroy();
      releaseStyles();
      root.remove();
      host?.remove();
      if (owned) widget.destroy();
    },
  };
}
