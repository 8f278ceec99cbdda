import ky, { isNetworkError, isTimeoutError } from 'ky';
import { isWidgetError, WidgetError } from '../errors/widget-error.js';
import { abortError } from './abort.js';
import { stringifyJson } from './stringify-json.js';

export interface HttpRequestSpec {
  readonly url: string;
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is (multipart uploads). */
  readonly body?: FormData | undefined;
  /** Time allowed until the response headers arrive, in ms. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch | undefined;
}

/**
 * Sends one request through ky, exactly once (no retries: a chat message must never be sent
 * twice), and resolves with the response whatever its status. Fails with
 * `WidgetError('offline' | 'timeout' | 'network')`, or an abort error when `signal` fires.
 */
export async function sendRequest(spec: HttpRequestSpec): Promise<Response> {
  const { signal } = spec;
  if (signal.aborted) throw abortError();
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new WidgetError('offline', `The browser is offline; nothing was sent to ${spec.url}.`);
  }
  try {
    return await ky(spec.url, {
      method: spec.method,
      headers: spec.headers,
      json: spec.json,
      stringifyJson,
      body: spec.body,
      timeout: spec.timeoutMs,
      retry: 0,
      throwHttpErrors: false,
      signal,
      fetch: spec.fetch,
    });
  } catch (error) {
    throw requestError(error, spec);
  }
}

function requestError(error: unknown, spec: HttpRequestSpec): unknown {
  if (spec.signal.aborted) return abortError();
  if (isWidgetError(error)) return error;
  const target = `${spec.method} ${spec.url}`;
  if (isTimeoutError(error)) {
    return new WidgetError(
      'timeout',
      `No response headers from ${target} within ${spec.timeoutMs} ms (timeouts.request).`,
      { cause: error },
    );
  }
  const reason = describeCause(error);
  return new WidgetError(
    'network',
    `Could not reach ${target}${isNetworkError(error) ? '' : ' (unexpected failure)'}: ${reason}`,
    { cause: error },
  );
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(' ← ') : String(error);
}
