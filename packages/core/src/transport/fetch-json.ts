import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { WidgetError } from '../errors/widget-error.js';
import { abortError } from './abort.js';
import { excerpt } from './excerpt.js';
import { parseJsonSafely } from './safe-json.js';
import { statusError } from './status-error.js';

export interface FetchJsonOptions {
  readonly signal?: AbortSignal;
  /** Per attempt, headers and body included, in ms. */
  readonly timeoutMs: number;
  /** Extra attempts after a network error, timeout, 408, 429 or 5xx; at most 2. */
  readonly retries?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
}

const maxRetries = 2;
const baseDelayMs = 250;

/**
 * GETs JSON with bounded retries and exponential backoff (250 ms, 500 ms; `Retry-After` is
 * honoured up to 5 s). Only for idempotent reads such as the managed-mode configuration.
 * Fails with `WidgetError('network' | 'timeout' | 'http' | 'rate_limited' | 'bad_reply')`.
 */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<unknown> {
  const { signal } = options;
  const retries = Math.max(0, Math.min(maxRetries, Math.floor(options.retries ?? maxRetries)));
  let text: string;
  let contentType: string | null;
  try {
    const pending = ky.get(url, {
      headers: { accept: 'application/json', ...options.headers },
      timeout: options.timeoutMs,
      signal,
      fetch: options.fetch,
      retry: {
        limit: retries,
        methods: ['get'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [413, 429, 503],
        maxRetryAfter: 5000,
        delay: (attempt) => baseDelayMs * 2 ** (attempt - 1),
        jitter: false,
        retryOnTimeout: true,
      },
    });
    contentType = (await pending).headers.get('content-type');
    // ky's body shortcut counts reading the body against `timeout` too.
    text = await pending.text();
  } catch (error) {
    if (signal?.aborted) throw abortError();
    if (isHTTPError(error)) {
      const data = error.data;
      throw statusError(
        error.response,
        typeof data === 'string' ? data : data === undefined ? '' : JSON.stringify(data),
      );
    }
    if (isTimeoutError(error)) {
      throw new WidgetError('timeout', `GET ${url} took longer than ${options.timeoutMs} ms.`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new WidgetError(
      'network',
      `Could not GET ${url}${isNetworkError(error) ? '' : ' (unexpected failure)'}: ${reason}`,
      { cause: error },
    );
  }
  try {
    return parseJsonSafely(text);
  } catch {
    const detail = `GET ${url} answered with a body that is not JSON; content-type: ${
      contentType ?? 'none'
    }; body starts: ${JSON.stringify(excerpt(text))}`;
    throw new WidgetError('bad_reply', detail);
  }
}
