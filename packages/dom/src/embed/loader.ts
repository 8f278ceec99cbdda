/**
 * The embed code: one small script that reads its `data-*` attributes, shows the bubble at once
 * and loads the rest of the widget (core + renderer, `cwp-widget.js` next to it) when it is
 * needed (see on-demand.ts); inline and fullscreen widgets load it straight away.
 * Also `window.ChatWidgetPro.init(config)` and the `<cwp-chat>` element. No eval, no inline handlers.
 */
import { type ChatWidget, type ChatWidgetConfig, partSelector } from '@cwp/core';
import { adoptStylesheet } from '@cwp/core/dom';
import { bubbleStylesheet } from '@cwp/core/styles';
import type { MountedWidget } from '../mount-widget.js';
import { attributeWarnings, configFromAttributes, type EmbedOptions } from './attributes.js';
import type { WidgetRuntime } from './feature-loader.js';
import { withLocale } from './locale-loader.js';
import { OnDemand, scheduleLoad } from './on-demand.js';
import { shareWithRuntime } from './shared.js';
import { drawStubBubble } from './stub.js';

/** What cwp-widget.js defines (`ChatWidgetProRuntime`; runtime.ts). */
interface Runtime {
  widgetsFor(
    config: ChatWidgetConfig,
    runtimeUrl: string,
    nonce: string | undefined,
  ): Promise<WidgetRuntime>;
}

interface Entry {
  ready: Promise<ChatWidget>;
  unmount(): void;
}

export interface ChatWidgetProGlobal {
  /** Creates and shows a widget; resolves with its API once the widget has loaded. */
  init(config: ChatWidgetConfig & EmbedOptions): Promise<ChatWidget>;
  /** Removes a widget created by init, a script tag or <cwp-chat>, by its key (see `keyOf`). */
  unmount(key: string): void;
  readonly widgets: Map<string, Entry>;
  /** Where cwp-widget.js is loaded from. */
  runtimeUrl: string;
}

declare global {
  interface Window {
    ChatWidgetPro?: ChatWidgetProGlobal;
    ChatWidgetProRuntime?: Runtime;
  }
}

const win = window;
const doc = document;
const script = doc.currentScript as HTMLScriptElement | null;
let runtimePromise: Promise<Runtime> | undefined;
let prefetched = false;

/** Into the HTTP cache without running it. Not under a nonce: a strict CSP refuses prefetches. */
function prefetchRuntime(api: ChatWidgetProGlobal, nonce: string | undefined): void {
  if (prefetched || nonce || runtimePromise || win.ChatWidgetProRuntime) return;
  prefetched = true;
  const link = doc.createElement('link');
  link.rel = 'prefetch';
  link.as = 'script';
  link.href = api.runtimeUrl;
  doc.head.append(link);
}

function loadRuntime(api: ChatWidgetProGlobal, nonce: string | undefined): Promise<Runtime> {
  if (win.ChatWidgetProRuntime) return Promise.resolve(win.ChatWidgetProRuntime);
  runtimePromise ??= new Promise<Runtime>((resolve, reject) => {
    const tag = doc.createElement('script');
    tag.src = api.runtimeUrl;
    tag.async = true;
    if (nonce) tag.nonce = nonce;
    tag.addEventListener('load', () =>
      win.ChatWidgetProRuntime
        ? resolve(win.ChatWidgetProRuntime)
        : reject(new Error(`[cwp] ${api.runtimeUrl} did not define the widget`)),
    );
    tag.addEventListener('error', () => {
      runtimePromise = undefined;
      reject(new Error(`[cwp] could not load ${api.runtimeUrl}`));
    });
    doc.head.append(tag);
  });
  return runtimePromise;
}

/** Same config twice (the script included twice) is one widget. */
function keyOf(config: ChatWidgetConfig): string {
  return (
    config.id ??
    (config.widgetId ? `${config.server}#${config.widgetId}` : (config.webhookUrl ?? ''))
  );
}

function init(
  api: ChatWidgetProGlobal,
  input: ChatWidgetConfig & EmbedOptions,
  element?: HTMLElement,
): Promise<ChatWidget> {
  const { nonce, target, runtimeUrl, ...config } = input;
  if (runtimeUrl) api.runtimeUrl = runtimeUrl;
  const key = keyOf(config);
  const existing = api.widgets.get(key);
  if (existing) return existing.ready;

  const type = config.type ?? 'floating';
  const container = typeof target === 'string' ? doc.querySelector(target) : (target ?? null);
  const host = element ?? doc.createElement('div');
  // <cwp-chat type="inline"> is itself the box the window fills.
  if (element && type === 'inline') host.setAttribute('data-cwp-display', 'block');
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const releaseStyles = adoptStylesheet(shadow, bubbleStylesheet, nonce);
  if (!element) {
    host.setAttribute('data-cwp-host', '');
    host.style.setProperty('display', 'contents', 'important');
    if (container) container.append(host);
    else if (type === 'inline' && script?.parentNode) script.after(host);
    else doc.body.append(host);
  }

  let stub: HTMLElement | null = null;
  let mounted: MountedWidget<ChatWidget> | null = null;
  let removed = false;
  let openWhenLoaded = false;
  let resolveReady: (widget: ChatWidget) => void = () => {};
  let rejectReady: (error: unknown) => void = () => {};
  const ready = new OnDemand<ChatWidget>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  Promise.prototype.then.call(ready, undefined, (error: unknown) => console.error(error));
  let configAt = (_now: number): ChatWidgetConfig => config;

  // Swapping the stub out between a press and its release would lose the click: wait for it.
  let pressed = false;
  let afterPress: (() => void) | null = null;
  const release = () => {
    if (!pressed) return;
    pressed = false;
    // After the click that follows this release.
    setTimeout(() => {
      afterPress?.();
      afterPress = null;
    });
  };

  let started = false;
  const load = () => {
    if (started) return;
    started = true;
    const runtime = loadRuntime(api, nonce).then((rest) =>
      rest.widgetsFor(config, api.runtimeUrl, nonce),
    );
    withLocale(runtime, api.runtimeUrl, config.locale, nonce).then(
      (runtime) => {
        if (pressed) afterPress = () => swap(runtime);
        else swap(runtime);
      },
      (error: unknown) => {
        // The rest could not be fetched (offline?): the next interaction tries again.
        started = false;
        console.warn(error);
      },
    );
  };
  const swap = (runtime: WidgetRuntime) => {
    if (removed) return;
    let widget: ChatWidget;
    try {
      widget = runtime.createChatWidget(configAt(performance.now()));
    } catch (error) {
      // A bad config: a bubble that cannot open would only confuse the visitor.
      stub?.remove();
      rejectReady(error);
      return;
    }
    const hadFocus = stub !== null && shadow.activeElement !== null;
    mounted = runtime.drawWidget(widget, false, { target: shadow, ...(nonce ? { nonce } : {}) });
    releaseStyles();
    stub?.remove();
    if (openWhenLoaded) widget.open();
    else if (hadFocus) mounted.root.querySelector<HTMLElement>(partSelector('bubble'))?.focus();
    resolveReady(widget);
  };

  if (type === 'floating') {
    stub = drawStubBubble(doc, config);
    shadow.append(stub);
    const bubble = stub.firstElementChild as HTMLElement;
    bubble.addEventListener('pointerdown', () => {
      pressed = true;
      for (const type of ['pointerup', 'pointercancel'])
        doc.addEventListener(type, release, { capture: true, once: true });
      load();
    });
    bubble.addEventListener('click', () => {
      openWhenLoaded = true;
      load();
    });
    ready.demand = load;
    ({ configAt } = scheduleLoad(win, bubble, config, load, () => prefetchRuntime(api, nonce)));
  } else load();

  api.widgets.set(key, {
    ready,
    unmount() {
      removed = true;
      api.widgets.delete(key);
      if (mounted) {
        mounted.unmount();
        mounted.widget.destroy();
      }
      stub?.remove();
      releaseStyles();
      if (!element) host.remove();
    },
  });
  return ready;
}

function setUp(): ChatWidgetProGlobal {
  const api: ChatWidgetProGlobal = {
    widgets: new Map(),
    runtimeUrl: script?.src ? new URL('cwp-widget.js', script.src).href : 'cwp-widget.js',
    init: (config) => init(api, config),
    unmount: (key) => api.widgets.get(key)?.unmount(),
  };
  win.ChatWidgetPro = api;

  if (!win.customElements.get('cwp-chat')) {
    win.customElements.define(
      'cwp-chat',
      class extends HTMLElement {
        private key: string | undefined;
        connectedCallback(): void {
          if (this.key !== undefined) return;
          const config = configFromAttributes((name) => this.getAttribute(name));
          // Browsers blank a nonce attribute under a CSP header; the property keeps it.
          if (!config.nonce && this.nonce) config.nonce = this.nonce;
          this.key = keyOf(config);
          init(api, config, this);
        }
        disconnectedCallback(): void {
          if (this.key !== undefined) api.unmount(this.key);
          this.key = undefined;
        }
      },
    );
  }
  return api;
}

// Loading the script twice keeps the first copy (and its widgets).
const api = win.ChatWidgetPro ?? setUp();
shareWithRuntime();
const present = script ? script.getAttributeNames().filter((n) => n.startsWith('data-')) : [];
if (script && present.length > 0) {
  const known = new Set<string>();
  const config = configFromAttributes((name) => {
    known.add(name);
    return script.getAttribute(`data-${name}`);
  });
  for (const line of attributeWarnings(
    present.map((n) => n.slice(5)),
    known,
  ))
    console.warn(line);
  // A nonce on the tag itself is readable only as a property once the page has loaded.
  if (!config.nonce && script.nonce) config.nonce = script.nonce;
  // Not awaited: waiting for the widget would load it at once (see OnDemand).
  const start = () => api.init(config);
  if (!config.webhookUrl && !config.server)
    console.warn(
      '[cwp] the embed script has neither data-webhook-url nor data-server, so no widget starts',
    );
  else if (doc.body) start();
  else doc.addEventListener('DOMContentLoaded', start, { once: true });
}
