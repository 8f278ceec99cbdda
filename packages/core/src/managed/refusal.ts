import { WidgetError } from '../errors/widget-error.js';

/**
 * Rewrites @cwp/server's refusal of a config request (its 403 `origin_not_allowed` or
 * 404 `not_found`, readable by the page) into a developer message that says what to do.
 * Any other error comes back unchanged.
 */
export function explainRefusal(error: unknown, server: string, widgetId: string): unknown {
  if (!(error instanceof WidgetError) || error.kind !== 'http') return error;
  const { status, message } = error;
  const unknown = status === 404 && message.includes('not_found');
  if (!unknown && !(status === 403 && message.includes('origin_not_allowed'))) return error;
  // The page's origin as the server saw it in the Origin header (none outside a browser).
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin || 'ORIGIN';
  return new WidgetError(
    'http',
    `@cwp/server at ${server} ${
      unknown
        ? `has no enabled widget with id "${widgetId}" (cwp-server widgets list)`
        : `refused origin ${origin}; to allow it: cwp-server widgets update ${widgetId} --add-origin ${origin}`
    }`,
    { status, messageKey: error.messageKey, cause: error },
  );
}
