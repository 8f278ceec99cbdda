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
  let anchor: { element: Element; top: number; first: Element | null } | null = null;

  const nearTop = () => log.clientHeight > 0 && log.scrollTop < log.clientHeight;

  const check = () => {
    if (anchor !== null || !window.hasEarlier || !nearTop()) return;
    const element = firstVisible(log);
    anchor = element && {
      element,
      top: element.getBoundingClientRect().top,
      first: log.querySelector(messageSelector),
    };
    // Renderers may draw now or in a microtask: `afterDraw` restores the position either way.
    window.showEarlier();
  };

  log.addEventListener('scroll', check, { passive: true });

  return {
    /** Call when the log's content changed (before pinning to the end, which wins). */
    afterDraw(): void {
      if (anchor === null || log.querySelector(messageSelector) === anchor.first) return;
      const { element, top } = anchor;
      anchor = null;
      if (element.isConnected) log.scrollTop += element.getBoundingClientRect().top - top;
    },
    /** Call after pinning: reveals more when the log is still near its top (or not full). */
    check,
    destroy(): void {
      log.removeEventListener('scroll', check);
      anchor = null;
    },
  };
}

export type HistoryReveal = ReturnType<typeof createHistoryReveal>;
