import type { InlineToken } from './tokens.js';

// Bidi overrides and isolates in link text can disguise where a link points.
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

export function withoutBidi(text: string): string {
  return text.replace(bidiControls, '');
}

type TextToken = InlineToken & { type: 'text' };

/**
 * Each text token's text without bidi controls, kept beside it as the tokens are merged. Alt text
 * nested N images deep (`![![![…`) is then cleaned piece by piece, once, not once per level:
 * that made such input quadratic.
 */
export class BidiFreeTexts {
  private readonly clean = new Map<InlineToken, string>();

  /** Alt text is the only reader: with no `![` in the text, nothing is kept. */
  constructor(readonly tracking: boolean) {}

  /** A text token; `clean` is its text without bidi controls, when already known. */
  text(text: string, clean?: string): TextToken {
    const token: TextToken = { type: 'text', text };
    if (this.tracking) this.clean.set(token, clean ?? withoutBidi(text));
    return token;
  }

  /** A merged text's clean part: the token's own, when known, else cleaned now. */
  cleanText(token: TextToken): string {
    return this.clean.get(token) ?? withoutBidi(token.text);
  }

  /** Link text without bidi controls. */
  strip(tokens: readonly InlineToken[]): InlineToken[] {
    return tokens.map((token) => {
      if (token.type === 'text') return { ...token, text: this.cleanText(token) };
      if (token.type === 'code') return { ...token, text: withoutBidi(token.text) };
      if ('children' in token) {
        return { ...token, children: this.strip(token.children) };
      }
      if (token.type === 'image') return { ...token, alt: withoutBidi(token.alt) };
      return token;
    });
  }

  /** Alt text: the tokens as plain text, without bidi controls. */
  plainText(tokens: readonly InlineToken[]): string {
    let out = '';
    for (const token of tokens) {
      if (token.type === 'text') out += this.cleanText(token);
      else if (token.type === 'code') out += withoutBidi(token.text);
      else if (token.type === 'image')
        out += token.alt; // already clean
      else if (token.type === 'break') out += ' ';
      else out += this.plainText(token.children);
    }
    return out;
  }
}
