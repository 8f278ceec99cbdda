import type { ErrorBody } from './protocol.js';

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

/** Our own small JSON error body; nothing from upstream ever goes in it. */
export function errorResponse(
  status: number,
  code: string,
  extra: {
    message?: string;
    upstreamStatus?: number;
    retryAfter?: string;
    headers?: HeadersInit;
    withStatus?: boolean;
  } = {},
): Response {
  const error: ErrorBody['error'] = {
    code,
    ...(extra.withStatus ? { status } : {}),
    ...(extra.upstreamStatus !== undefined ? { upstreamStatus: extra.upstreamStatus } : {}),
    ...(extra.message !== undefined ? { message: extra.message } : {}),
  };
  const headers = new Headers(extra.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
  if (extra.retryAfter !== undefined) headers.set('retry-after', extra.retryAfter);
  return new Response(JSON.stringify({ error } satisfies ErrorBody), { status, headers });
}

export const notFound = () => errorResponse(404, 'not_found');
