import type { BidiFreeTexts } from './bidi.js';
import { safeHref, safeImageSrc } from './safe-url.js';
import type { InlineToken } from './tokens.js';

/** What `[text](url)` becomes: a link, or just its text when the URL is not safe to follow. */
export function linkTokens(
  rawUrl: string,
  children: InlineToken[],
  depth: number,
  bidiFree: BidiFreeTexts,
): { tokens: InlineToken[]; depth: number } {
  const href = safeHref(rawUrl);
  if (href === null) return { tokens: children, depth };
  return {
    tokens: [{ type: 'link', href, children: bidiFree.strip(children) }],
    depth: depth + 1,
  };
}

/** What `![alt](src)` becomes: an image, or its alt text when the source is not allowed. */
export function imageTokens(
  rawUrl: string,
  children: InlineToken[],
  allowImagesFrom: readonly string[],
  bidiFree: BidiFreeTexts,
): { tokens: InlineToken[]; depth: number } {
  const alt = bidiFree.plainText(children);
  const src = safeImageSrc(rawUrl, allowImagesFrom);
  if (src === null) {
    return {
      tokens: alt === '' ? [] : [bidiFree.text(alt, alt)],
      depth: 0,
    };
  }
  return { tokens: [{ type: 'image', src, alt }], depth: 1 };
}
