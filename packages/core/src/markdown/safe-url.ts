import { decodeEntities } from './entities.js';

// Browsers drop tabs and newlines inside URLs and trim C0 controls and spaces around them, so
// `java&#x09;script:` is `javascript:` to them: remove the same characters before judging.
const ignoredByBrowsers =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove
  /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const allowedScheme = /^(?:https?:|mailto:|tel:)/i;

/** An `http(s):`, `mailto:` or `tel:` href, normalised; null for anything else (relative included). */
export function safeHref(raw: string): string | null {
  const cleaned = decodeEntities(raw).replace(ignoredByBrowsers, '');
  if (!allowedScheme.test(cleaned)) return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  if (!allowedScheme.test(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return null;
  return url.href;
}

/** An image source allowed by origin (`allowImagesFrom`), or null. */
export function safeImageSrc(raw: string, allowedOrigins: readonly string[]): string | null {
  if (allowedOrigins.length === 0) return null;
  const href = safeHref(raw);
  if (href === null || !/^https?:/i.test(href)) return null;
  const origin = new URL(href).origin;
  return allowedOrigins.includes(origin) ? href : null;
}
