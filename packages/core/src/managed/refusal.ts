import { WidgetError } from '../errors/widget-error.js';

/** The page's origin as the server sees it in the Origin header, or null outside a browser. */
function pageOrigin(): string | null {
  const origin = (globalThis as { location?: { origin?: unknown } }).location?.origin;
  return typeof origin === 'string' && origin !== '' ? origin : null;
}

/**
 * Rewrites @cwp/server's refusal of a config request (its 403 `origin_not_allowed` or
 * 404 `not_found`, readable by the page) into a developer message that says what to do.
 * Any other error comes back unchanged.
 */
export function explainRefusal(error: unknown, server: string, widgetId: string): unknown {
  if (!(error instanceof WidgetError) || error.kind !== 'http') return error;
  const id = JSON.stringify(widgetId);
  const init = { status: error.status, messageKey: error.messageKey, cause: error };
  if (error.status === 403 && error.message.includes('origin_not_allowed')) {
    const origin = pageOrigin();
    const detail = origin
      ? `@cwp/server at ${server} refused this page's origin ${origin} for widget ${id}. ` +
        `To allow it, run: cwp-server widgets update ${widgetId} --add-origin ${origin}`
      : `@cwp/server at ${server} refused this page's origin for widget ${id}. ` +
        `To allow it, run: cwp-server widgets update ${widgetId} --add-origin <the page's origin>`;
    return new WidgetError('http', detail, init);
  }
  if (error.status === 404 && error.message.includes('not_found')) {
    return new WidgetError(
      'http',
      `@cwp/server at ${server} has no enabled widget with id ${id}: check the widget id ` +
        `(\`cwp-server widgets list\` shows them) or enable it ` +
        `(\`cwp-server widgets update ${widgetId} --enable\`).`,
      init,
    );
  }
  return error;
}
