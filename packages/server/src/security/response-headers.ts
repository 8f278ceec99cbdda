/** What every answer of the server carries: no MIME sniffing, and no referrer to where a link leads. */
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Adds the security headers to an answer a route built; a route's own referrer policy stays (the
 * console's pages ask for same-origin: their form posts must carry an Origin).
 */
export function addSecurityHeaders(headers: Headers): void {
  headers.set('x-content-type-options', securityHeaders['x-content-type-options']);
  if (!headers.has('referrer-policy'))
    headers.set('referrer-policy', securityHeaders['referrer-policy']);
}
