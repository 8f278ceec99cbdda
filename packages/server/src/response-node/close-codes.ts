/**
 * How the server closes a browser's response-node socket. 1005 (no status) passes n8n's "the
 * execution ended" on; the rest say why the proxy ended it.
 */
export const socketCloseCodes = {
  /** The visitor sent something that is not n8n's protocol (or for another session). */
  badFrame: 1008,
  /** n8n's socket broke (its 1006): the widget may reconnect once, n8n re-sends a pending prompt. */
  upstreamLost: 1011,
  /** n8n's socket could not be opened (unreachable, refused, or a blocked address). */
  upstreamUnreachable: 1014,
  /** No message either way for too long, or the socket outlived its limit. */
  idle: 4408,
  /** Too many messages: the widget's rate limits, as /chat's 429. */
  rateLimited: 4429,
} as const;
