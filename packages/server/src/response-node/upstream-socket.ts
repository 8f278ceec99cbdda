import { type ClientOptions, WebSocket } from 'ws';
import { checkWebhookUrl, guardedLookup } from '../security/webhook-url.js';

/** n8n's socket for an execution: `/chat` at the root of the webhook's origin. */
export function upstreamSocketUrl(webhookUrl: string, sessionId: string, executionId: string) {
  const url = new URL('/chat', webhookUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.username = '';
  url.password = '';
  url.searchParams.set('sessionId', sessionId);
  url.searchParams.set('executionId', executionId);
  url.searchParams.set('isPublic', 'true');
  return url.href;
}

export interface UpstreamSocketOptions {
  readonly webhookUrl: string;
  readonly sessionId: string;
  readonly executionId: string;
  readonly allowPrivate: boolean;
  /** Largest frame accepted from n8n, bytes. */
  readonly maxPayload: number;
  readonly openTimeoutMs: number;
}

/**
 * Opens n8n's socket for an execution, under the same address rules as the webhook POST: the
 * literal host is checked here, a hostname at connect time. Undefined when the address is not allowed.
 */
export function openUpstreamSocket(options: UpstreamSocketOptions): WebSocket | undefined {
  const check = checkWebhookUrl(options.webhookUrl, { allowPrivate: options.allowPrivate });
  if (!check.ok) return undefined;
  return new WebSocket(
    upstreamSocketUrl(options.webhookUrl, options.sessionId, options.executionId),
    {
      // Passed on to the HTTP request, as for the webhook POST.
      ...({ lookup: guardedLookup({ allowPrivate: options.allowPrivate }) } as ClientOptions),
      maxPayload: options.maxPayload,
      handshakeTimeout: options.openTimeoutMs,
      followRedirects: false,
      perMessageDeflate: false,
      headers: { 'user-agent': 'cwp-server' },
    },
  );
}
