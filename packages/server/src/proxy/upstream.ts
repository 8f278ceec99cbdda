import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import {
  BlockedAddressError,
  checkWebhookUrl,
  guardedLookup,
  type Resolver,
} from '../security/webhook-url.js';

export type UpstreamFailure = 'timeout' | 'network' | 'blocked' | 'aborted';

/** What the proxy needs of an AbortSignal: an AbortSignal is one, and so is a ClientGone. */
export interface AbortNotice {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly kind: UpstreamFailure,
    /** For operators; never contains the webhook URL. */
    detail: string,
  ) {
    super(detail);
  }
}

export interface UpstreamOptions {
  readonly webhookUrl: string;
  /** JSON text, or a multipart stream (sent chunked on a connection of its own). */
  readonly body: string | Readable;
  /** With a stream body: its content type (multipart with its boundary). */
  readonly contentType?: string | undefined;
  readonly accept: string;
  readonly allowPrivate: boolean;
  /** Until response headers arrive. */
  readonly requestTimeoutMs: number;
  readonly signal: AbortNotice;
  /** Name resolution for the connect-time address check (the system resolver by default). */
  readonly resolver?: Resolver | undefined;
}

/** Keep-alive agents per server; sockets only ever reach addresses the guarded lookup passed. */
export function createUpstreamAgents() {
  const options = { keepAlive: true, maxSockets: 512, keepAliveMsecs: 1000 };
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}

export type UpstreamAgents = ReturnType<typeof createUpstreamAgents>;

/**
 * Posts to the webhook without following redirects. Literal addresses are checked here;
 * hostnames are resolved and checked by the lookup the socket connects with.
 */
export function postToWebhook(
  options: UpstreamOptions,
  agents: UpstreamAgents,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const check = checkWebhookUrl(options.webhookUrl, { allowPrivate: options.allowPrivate });
    if (!check.ok) return reject(new UpstreamError('blocked', check.message));
    const url = check.url;
    if (options.signal.aborted) return reject(new UpstreamError('aborted', 'client went away'));
    const secure = url.protocol === 'https:';
    const stream = typeof options.body === 'string' ? null : options.body;
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/json',
      ...(stream === null
        ? { 'content-length': String(Buffer.byteLength(options.body as string)) }
        : {}),
      accept: options.accept,
      'user-agent': 'cwp-server',
    };
    if (url.username || url.password) {
      const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    const send = () =>
      (secure ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        // A stream cannot be sent twice, so it never goes out on a kept-alive socket that may be stale.
        agent: stream !== null ? false : secure ? agents.https : agents.http,
        lookup: guardedLookup({ allowPrivate: options.allowPrivate }, options.resolver),
        ...(secure && !isIP(url.hostname) ? { servername: url.hostname } : {}),
      });
    let request = send();
    let retries = 0;
    let settled = false;
    const fail = (error: UpstreamError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new UpstreamError('timeout', `no answer within ${options.requestTimeoutMs} ms`)),
      options.requestTimeoutMs,
    );
    const onAbort = () => fail(new UpstreamError('aborted', 'client went away'));
    options.signal.addEventListener('abort', onAbort, { once: true });
    const onError = (error: Error) => {
      const code = (error as NodeJS.ErrnoException).code;
      // A kept-alive socket the webhook closed while idle fails before any answer: send again on
      // another socket (the pattern Node's docs give for request.reusedSocket), a few times at most.
      if (
        request.reusedSocket &&
        retries < 3 &&
        !settled &&
        (code === 'ECONNRESET' || code === 'EPIPE')
      ) {
        retries += 1;
        request = send();
        start();
        return;
      }
      if (error instanceof BlockedAddressError) fail(new UpstreamError('blocked', error.message));
      else fail(new UpstreamError('network', code ?? 'connection failed'));
    };
    const onResponse = (response: IncomingMessage) => {
      if (settled) {
        response.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      resolve(response);
    };
    const start = () => {
      request.on('error', onError);
      request.on('response', onResponse);
      if (stream === null) {
        request.end(options.body);
        return;
      }
      stream.once('error', () => fail(new UpstreamError('aborted', 'the upload was refused')));
      stream.pipe(request);
    };
    start();
  });
}
