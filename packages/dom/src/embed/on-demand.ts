import type { ChatWidgetConfig } from '@cwp/core';

/** Core's default tooltip delay (resolveConfig); a test keeps the two equal. */
export const defaultTooltipDelay = 3000;
/** Core's default `autoOpen` delay (resolveAutoOpen); a test keeps the two equal. */
export const defaultAutoOpenDelay = 5000;
/** How long before the tooltip (or a proactive open) is due the rest starts loading, so it is on time. */
const tooltipLead = 1000;

/**
 * A promise that asks for the widget to be loaded once anyone waits for it (`then`, `catch`,
 * `finally`, `await`): page code awaiting `ChatWidgetPro.init()` gets its widget without the
 * visitor touching the bubble. `Promise.prototype.then.call(p, …)` waits without asking.
 */
export class OnDemand<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
  demand: () => void = () => {};
  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass; waiting is what asks for the load.
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.demand();
    return super.then(onFulfilled, onRejected);
  }
}

export interface LoadSchedule {
  /** The config to create the widget with: a tooltip delay counted from when the bubble appeared. */
  configAt(now: number): ChatWidgetConfig;
}

/**
 * When a floating widget's rest (`cwp-widget.js`) is evaluated. Evaluating it costs a page tens of
 * milliseconds and a megabyte of heap, so for a visitor who never opens the chat it is only fetched
 * into the HTTP cache when the browser is idle (`prefetch`), and evaluated (`load`) when the
 * visitor reaches for the bubble (pointer over it, focus; the loader handles clicks), when page code waits for the
 * widget, or shortly before the tooltip or a proactive open (`autoOpen`) is due. A managed widget (its config comes from the server)
 * or one that opens on start is loaded when idle, as it may need the whole widget at once.
 */
export function scheduleLoad(
  win: Window,
  bubble: HTMLElement,
  config: ChatWidgetConfig,
  load: () => void,
  prefetch: () => void,
): LoadSchedule {
  const idle = (run: () => void) => {
    if (typeof win.requestIdleCallback === 'function')
      win.requestIdleCallback(run, { timeout: 5000 });
    else win.setTimeout(run, 2000);
  };
  bubble.addEventListener('pointerenter', load);
  bubble.addEventListener('focus', load);
  if (config.server !== undefined || config.openOnStart) {
    idle(load);
    return { configAt: () => config };
  }
  idle(prefetch);
  const start = win.performance.now();
  const { tooltip } = config;
  const autoOpen = config.autoOpen === true ? {} : config.autoOpen || undefined;
  const tooltipDue =
    tooltip === false ? undefined : start + (tooltip?.delay ?? defaultTooltipDelay);
  const openDue =
    autoOpen === undefined ? undefined : start + (autoOpen.delay ?? defaultAutoOpenDelay);
  const dues = [tooltipDue, openDue].filter((due) => due !== undefined);
  if (dues.length === 0) return { configAt: () => config };
  win.setTimeout(load, Math.max(0, Math.min(...dues) - start - tooltipLead));
  const left = (due: number, now: number) => Math.max(0, Math.round(due - now));
  return {
    configAt: (now) => ({
      ...config,
      ...(tooltipDue === undefined
        ? {}
        : { tooltip: { ...tooltip, delay: left(tooltipDue, now) } }),
      ...(openDue === undefined ? {} : { autoOpen: { ...autoOpen, delay: left(openDue, now) } }),
    }),
  };
}
