import type { Context } from 'hono';
import { arrivedOverTls } from '../security/request-scheme.js';
import { type NodeEnv, peerAddress } from './node-request.js';

/** TLS on the socket; without a Node request (app.request in tests), the URL's scheme. */
function socketIsTls(c: Context<NodeEnv>): boolean {
  const socket = c.env?.incoming?.socket as { encrypted?: boolean } | undefined;
  return socket ? socket.encrypted === true : new URL(c.req.url).protocol === 'https:';
}

/** Whether the browser reached us over TLS; proxy headers believed only from trusted proxies. */
export function requestOverTls(c: Context<NodeEnv>, trustedProxies: readonly string[]): boolean {
  return arrivedOverTls(
    {
      encrypted: socketIsTls(c),
      peer: peerAddress(c),
      forwarded: c.req.header('forwarded'),
      xForwardedProto: c.req.header('x-forwarded-proto'),
    },
    trustedProxies,
  );
}
