import { fromCallback } from 'xstate';

export type ConnectionEvent = { type: 'CONNECTION.BACK' };

/** The browser says it has no network (`navigator.onLine === false`); unknown counts as online. */
export function isBrowserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Reports once when the browser is back online (at once if it already is). */
export const connectionActor = fromCallback<{ type: string }>(({ sendBack }) => {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  let reported = false;
  const report = () => {
    if (reported || isBrowserOffline()) return;
    reported = true;
    sendBack({ type: 'CONNECTION.BACK' } satisfies ConnectionEvent);
  };
  target.addEventListener?.('online', report);
  // Went online between the check that sent us here and the listener.
  queueMicrotask(report);
  return () => target.removeEventListener?.('online', report);
});
