import { canonicalIp, ipMatches } from './ip-address.js';

export interface SchemeSignals {
  /** The socket itself is TLS. */
  readonly encrypted: boolean;
  readonly peer: string | undefined;
  readonly forwarded?: string | undefined;
  readonly xForwardedProto?: string | undefined;
}

/**
 * Did the client reach us over TLS? The socket says so directly; behind a reverse proxy,
 * `X-Forwarded-Proto` and `Forwarded: proto=` count only when the socket peer is a trusted proxy
 * (as for client addresses). Any https hop counts: a wrong yes only keeps a cookie off plain http.
 */
export function arrivedOverTls(signals: SchemeSignals, trustedProxies: readonly string[]): boolean {
  if (signals.encrypted) return true;
  const peer = signals.peer ? canonicalIp(signals.peer) : undefined;
  if (!peer || !trustedProxies.some((entry) => ipMatches(peer, entry))) return false;
  const protos = [
    ...(signals.xForwardedProto ?? '').split(','),
    ...[...(signals.forwarded ?? '').matchAll(/(?:^|[;,\s])proto\s*=\s*"?([A-Za-z]+)"?/gi)].map(
      (match) => match[1] ?? '',
    ),
  ];
  return protos.some((proto) => proto.trim().toLowerCase() === 'https');
}
