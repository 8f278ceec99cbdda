import { WidgetError } from '../errors/widget-error.js';
import { excerpt } from './excerpt.js';

/**
 * The `WidgetError` for a non-2xx answer. The body excerpt goes only into the developer detail;
 * the visitor sees the text picked by `messageKey`.
 */
export function statusError(response: Response, bodyStart: string, now = Date.now()): WidgetError {
  const { status } = response;
  const detail = `${describeResponse(response)} answered HTTP ${status}${
    response.statusText ? ` ${response.statusText}` : ''
  }; content-type: ${response.headers.get('content-type') ?? 'none'}; body starts: ${JSON.stringify(
    excerpt(bodyStart),
  )}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    return new WidgetError(
      'rate_limited',
      detail,
      retryAfterMs === undefined ? { status } : { status, retryAfterMs },
    );
  }
  return new WidgetError('http', detail, { status });
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function describeResponse(response: Response): string {
  return response.url ? `The bot at ${response.url}` : 'The bot';
}
