import type { Logger } from '../logger.js';

const windowMs = 60_000;
const maxKeys = 1000;
const maxValueLength = 120;

export type Refusal = 'origin_not_allowed' | 'not_found';

/** Printable and short: a hostile Origin header or id cannot flood or forge log lines. */
export function truncateForLog(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > maxValueLength ? `${clean.slice(0, maxValueLength)}…` : clean;
}

/**
 * Logs a refused widget request so the operator can see why a page gets no widget: at most one
 * line per origin and widget id per minute, whatever the traffic.
 */
export function refusalLog(logger: Logger, now: () => number = Date.now) {
  const lastLogged = new Map<string, number>();
  return (refusal: Refusal, widgetId: string, origin: string | undefined): void => {
    const at = now();
    const id = truncateForLog(widgetId);
    const from = origin === undefined ? '(none)' : truncateForLog(origin);
    const key = `${from}\n${id}`;
    const last = lastLogged.get(key);
    if (last !== undefined && at - last < windowMs) return;
    if (lastLogged.size >= maxKeys) {
      for (const [k, t] of lastLogged) if (at - t >= windowMs) lastLogged.delete(k);
      // Still full of fresh keys: a flood of distinct values; stay quiet until the minute passes.
      if (lastLogged.size >= maxKeys) return;
    }
    lastLogged.set(key, at);
    if (refusal === 'origin_not_allowed') {
      logger.warn('widget request refused: origin not allowed', {
        widget: id,
        origin: from,
        ...(origin === undefined
          ? {}
          : { fix: `cwp-server widgets update ${id} --add-origin ${from}` }),
      });
    } else {
      logger.warn('widget request refused: no enabled widget with this id', {
        widget: id,
        origin: from,
      });
    }
  };
}
