const named: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  period: '.',
  copy: '©',
  reg: '®',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  euro: '€',
};

/** `&amp;`, `&#58;`, `&#x3A;` … at `pattern.lastIndex`; a sticky regex keeps each look linear. */
export const entityPattern = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,8}));/y;

/** The character an entity match stands for, or undefined when it names nothing we know. */
export function entityValue(match: RegExpExecArray): string | undefined {
  const [, hex, dec, name] = match;
  if (name !== undefined) return named[name.toLowerCase()];
  const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let last = 0;
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    entityPattern.lastIndex = i;
    const match = entityPattern.exec(text);
    const value = match ? entityValue(match) : undefined;
    if (match && value !== undefined) {
      out += text.slice(last, i) + value;
      last = i + match[0].length;
      i = last - 1;
    }
  }
  return out + text.slice(last);
}
