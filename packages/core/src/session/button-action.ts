import type { ResolvedConfig } from '../config/resolved-config.js';
import { widgetUrl } from '../managed/widget-url.js';
import type { MessageButton } from '../protocol/bot-message.js';

/**
 * What choosing a button does. `fetch`: its link shares the webhook's origin (in managed mode the
 * server's, which rewrote n8n's links) and is fetched with GET, as `@n8n/chat` does; `open`: a
 * link elsewhere, never fetched, opened in a new tab by the click on its button; `send`: no link, its text
 * goes out as the visitor's message.
 */
export type ButtonAction = 'fetch' | 'open' | 'send';

export interface ButtonTarget {
  readonly action: ButtonAction;
  /** The link resolved against the webhook; undefined when it cannot be (then it is inert). */
  readonly url: string | undefined;
}

const fetchTimeoutMs = 15_000;

/** Where the widget posts messages: links are judged against this URL's origin. */
export function buttonEndpoint(config: ResolvedConfig): string | undefined {
  if (config.mode === 'managed') return config.widgetId ? widgetUrl(config, 'chat') : undefined;
  return config.webhookUrl;
}

export function buttonTarget(button: MessageButton, endpoint: string | undefined): ButtonTarget {
  if (button.link === undefined) return { action: 'send', url: undefined };
  let url: URL;
  try {
    url = new URL(button.link, endpoint);
  } catch {
    return { action: 'open', url: undefined };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { action: 'open', url: undefined };
  const sameOrigin =
    endpoint !== undefined && URL.canParse(endpoint) && new URL(endpoint).origin === url.origin;
  return { action: sameOrigin ? 'fetch' : 'open', url: url.href };
}

/**
 * GETs a chosen button's link; true when it answered 2xx. Managed mode names the session, which the
 * server's button route checks against the session its link was made for.
 */
export async function fetchButtonLink(
  url: string,
  sessionId: string | null,
  managed: boolean,
): Promise<boolean> {
  const target = new URL(url);
  if (managed && sessionId !== null) target.searchParams.set('sessionId', sessionId);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), fetchTimeoutMs);
  try {
    const response = await fetch(target.href, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    return response.ok;
  } catch (error) {
    console.warn('[cwp] A button link could not be fetched:', error);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
