import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 22 base62 characters ≈ 131 bits: unguessable, URL-safe, and never starts with `-` (safe as a CLI argument). */
export const WIDGET_ID_LENGTH = 22;

export function newWidgetId(): string {
  let id = '';
  while (id.length < WIDGET_ID_LENGTH) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: rejecting bytes above it keeps every character equally likely.
      if (byte < 248 && id.length < WIDGET_ID_LENGTH) id += ALPHABET[byte % 62];
    }
  }
  return id;
}
