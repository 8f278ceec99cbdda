import type { TextKey } from '../i18n/messages.js';

/**
 * What went wrong, in terms a visitor-facing UI can act on.
 * `http` covers statuses without a more specific kind.
 */
export type WidgetErrorKind =
  | 'network'
  | 'offline'
  | 'timeout'
  | 'http'
  | 'rate_limited'
  | 'bad_reply'
  | 'bot_error'
  | 'config'
  | 'load';

/** Plain, serialisable error data kept in state and in persisted messages. */
export interface WidgetErrorInfo {
  readonly kind: WidgetErrorKind;
  /** HTTP status, when the error came from one. */
  readonly status?: number;
  /** How long the server asked us to wait (from `Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  /** Epoch ms before which a retry is refused (set with `retryAfterMs`). */
  readonly retryAt?: number;
  /** Which entry of the messages table the visitor sees. */
  readonly messageKey: TextKey;
  /** The translated text for the visitor. */
  readonly message: string;
  /** Precise developer-facing detail (never shown to visitors). */
  readonly detail: string;
}

export interface WidgetErrorInit {
  status?: number;
  retryAfterMs?: number;
  messageKey?: TextKey;
  cause?: unknown;
}

/** Thrown by transports and the loader; the widget turns it into `WidgetErrorInfo`. */
export class WidgetError extends Error {
  override readonly name = 'WidgetError';
  readonly kind: WidgetErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly messageKey: TextKey;

  constructor(kind: WidgetErrorKind, detail: string, init: WidgetErrorInit = {}) {
    super(detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.messageKey = init.messageKey ?? defaultMessageKey(kind, init.status);
  }
}

export function defaultMessageKey(kind: WidgetErrorKind, status?: number): TextKey {
  if (kind === 'http' && status !== undefined) {
    if (status === 401 || status === 403) return 'error.unauthorized';
    if (status === 404 || status === 410) return 'error.not_found';
    if (status === 413) return 'error.too_large';
    if (status >= 500) return 'error.server';
  }
  return `error.${kind}` as TextKey;
}

export function isWidgetError(value: unknown): value is WidgetError {
  return value instanceof WidgetError;
}
