import { partSelector } from '../view/anatomy.js';
import type { HistoryWindow } from '../view/history-window.js';

const messageSelector = partSelector('message');

/** The first message whose bottom is below the log's top edge (binary search: they are in order). */
function firstVisible(log: HTMLElement): Element | null {
  const messages = log.querySelectorAll(messageSelector);
  if (messages.length === 0) return null;
  const top = log.getBoundingClientRect().top;
  let low = 0;
  let high = messages.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((messages[mid] as Element).getBoundingClientRect().bottom > top) high = mid;
    else low = mid + 1;
  }
  return messages[low] as Element;
}

/**
 * Draws older messages of a long history as the visitor nears the top of the log (within one
 * screen), and keeps what they are reading where it was: the first visible message is measured
 * before the reveal and the log scrolled by however far the drawn messages pushed it. Done by
 * hand, since scroll anchoring is off on the log (`overflow-anchor:none`, so pinning to the end
 * stays ours) and Safari has none.
 */
export function createHistoryReveal(log: HTMLElement, window: HistoryWindow) {
  /** A reveal not drawn yet: the log's first message then, and what to keep in place. */
  let pending: { first: Element | null; element: Element | null; top: number } | null = null;
  let live: string | null = null;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;

  // The log is a live region: a screen reader would read out every older message drawn into it.
  // It is off from just before the reveal until after the frame that draws it (renderers draw a
  // state in its task or a microtask); renderers only write props that changed, so they leave
  // this attribute alone.
  const settle = () => {
    frame = 0;
    timer = undefined;
    pending = null;
    if (live !== null) log.setAttribute('aria-live', live);
    live = null;
    // Still near the top (a fast fling, or a log taller than what was drawn): the next ones.
    if (alive) check();
  };

  const nearTop = () => log.clientHeight > 0 && log.scrollTop < log.clientHeight;

  const check = () => {
    if (pending !== null || !window.hasEarlier || !nearTop()) return;
    const element = firstVisible(log);
    pending = {
      first: log.querySelector(messageSelector),
      element,
      top: element?.getBoundingClientRect().top ?? 0,
    };
    live = log.getAttribute('aria-live');
    log.setAttribute('aria-live', 'off');
    frame = requestAnimationFrame(() => {
      timer = setTimeout(settle, 0);
    });
    // Renderers may draw now or in a microtask: `afterDraw` restores the position either way.
    window.showEarlier();
  };

  log.addEventListener('scroll', check, { passive: true });

  return {
    /** Call when the log's content changed (before pinning to the end, which wins). */
    afterDraw(): void {
      if (pending?.element == null || log.querySelector(messageSelector) === pending.first) return;
      const { element, top } = pending;
      pending.element = null;
      if (element.isConnected) log.scrollTop += element.getBoundingClientRect().top - top;
    },
    /** Call after pinning: reveals more when the log is still near its top (or not full). */
    check,
    destroy(): void {
      alive = false;
      log.removeEventListener('scroll', check);
      if (frame !== 0) cancelAnimationFrame(frame);
      clearTimeout(timer);
      settle();
    },
  };
}

export type HistoryReveal = ReturnType<typeof createHistoryReveal>;
