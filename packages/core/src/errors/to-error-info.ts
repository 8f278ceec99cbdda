import type { Messages } from '../i18n/messages.js';
import { isWidgetError, WidgetError, type WidgetErrorInfo } from './widget-error.js';

/** Turns anything a transport threw into plain error data with the visitor's translated text. */
export function toErrorInfo(error: unknown, messages: Readonly<Messages>): WidgetErrorInfo {
  const e = isWidgetError(error)
    ? error
    : new WidgetError(
        'network',
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
  const info: WidgetErrorInfo = {
    kind: e.kind,
    messageKey: e.messageKey,
    // Always the translated table entry: the error's own message is developer detail.
    message: messages[e.messageKey],
    detail: e.message,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.retryAfterMs === undefined
      ? {}
      : { retryAfterMs: e.retryAfterMs, retryAt: Date.now() + e.retryAfterMs }),
  };
  return info;
}

/** One precise line for the developer per failure. */
export function warnDeveloper(info: WidgetErrorInfo): void {
  console.warn(`[cwp] ${info.kind}${info.status ? ` (HTTP ${info.status})` : ''}: ${info.detail}`);
}
