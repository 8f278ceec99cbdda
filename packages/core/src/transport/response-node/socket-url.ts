/** The ids a response-node socket is opened for. */
export interface ExecutionIds {
  readonly sessionId: string;
  readonly executionId: string;
}

/** Where the socket of an execution is. */
export type SocketUrl = (ids: ExecutionIds) => string;

/** `base` with ws(s) for http(s), and the execution's ids in the query. */
export function socketUrlAt(base: string | URL, extra: Record<string, string> = {}): SocketUrl {
  return (ids) => {
    const url = new URL(base);
    url.protocol =
      url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
    url.search = '';
    url.hash = '';
    url.searchParams.set('sessionId', ids.sessionId);
    url.searchParams.set('executionId', ids.executionId);
    for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
    return url.href;
  };
}

/** n8n's own: `/chat` at the root of the webhook's origin (not under /webhook), public. */
export function n8nSocketUrl(webhookUrl: string): SocketUrl {
  return socketUrlAt(new URL('/chat', webhookUrl), { isPublic: 'true' });
}
