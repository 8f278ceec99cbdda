/**
 * Exact origin matching: scheme, host and port compared after parsing, so prefix/suffix tricks
 * (`https://example.com.evil.com`), scheme swaps, trailing slashes and case games never match
 * an entry they were not written as. "null" matches only when listed; "*" allows any origin.
 */
export function normaliseOrigin(value: string): string | null {
  if (value === 'null') return 'null';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin;
}

/** An Origin header is exactly `scheme://host[:port]`: anything more is not an origin. */
function isSerialisedOrigin(header: string): boolean {
  if (header === 'null') return true;
  const origin = normaliseOrigin(header);
  return origin !== null && origin === header;
}

export function isOriginAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (header === undefined || header === '' || !isSerialisedOrigin(header)) return false;
  if (header === 'null') return allowed.includes('null');
  const origin = normaliseOrigin(header);
  return allowed.some(
    (entry) => entry !== 'null' && entry !== '*' && normaliseOrigin(entry) === origin,
  );
}

/** Checks an operator's allowedOrigins list; returns the first problem or null. */
export function checkAllowedOrigins(list: readonly string[]): string | null {
  for (const entry of list) {
    if (entry === '*' || entry === 'null') continue;
    const origin = normaliseOrigin(entry);
    if (origin === null || origin !== entry.replace(/\/$/, '').toLowerCase()) {
      return `allowedOrigins entry ${JSON.stringify(entry)} must be an origin like https://example.com (scheme, host and optional port, no path)`;
    }
  }
  return null;
}
