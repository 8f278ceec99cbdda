import { withoutBidi } from './bidi.js';
import { safeHref } from './safe-url.js';
import type { InlineToken } from './tokens.js';

const bareUrlPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Ends a sentence rather than the URL: `see https://a.b/x.` links `https://a.b/x`. */
const trailingPunctuation = '.,:;!?\'")]*_~';

/** Bare `https://…` in text (outside links and code) becomes a link; `tokens` itself when none. */
export function linkBareUrls(tokens: readonly InlineToken[]): readonly InlineToken[] {
  let out: InlineToken[] | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as InlineToken;
    const linked = linkToken(token);
    if (out === undefined && linked.length === 1 && linked[0] === token) continue;
    out ??= tokens.slice(0, index);
    out.push(...linked);
  }
  return out ?? tokens;
}

function linkToken(token: InlineToken): readonly InlineToken[] {
  if (token.type === 'strong' || token.type === 'em' || token.type === 'del') {
    const children = linkBareUrls(token.children);
    return children === token.children ? [token] : [{ ...token, children }];
  }
  if (token.type !== 'text' || !/https?:\/\//i.test(token.text)) return [token];
  const out: InlineToken[] = [];
  let last = 0;
  bareUrlPattern.lastIndex = 0;
  for (let m = bareUrlPattern.exec(token.text); m !== null; m = bareUrlPattern.exec(token.text)) {
    const whole = m[0];
    // A hand-written scan from the end: a regex anchored at `$` re-tried every start (quadratic).
    let end = whole.length;
    while (end > 0 && trailingPunctuation.includes(whole[end - 1] as string)) end--;
    let url = whole.slice(0, end);
    // Keep a closing parenthesis that belongs to the URL, as in wiki links.
    if (whole[end] === ')' && url.includes('(')) url += ')';
    const href = safeHref(url);
    if (href === null) continue;
    if (m.index > last) out.push({ type: 'text', text: token.text.slice(last, m.index) });
    out.push({ type: 'link', href, children: [{ type: 'text', text: withoutBidi(url) }] });
    last = m.index + url.length;
    bareUrlPattern.lastIndex = last;
  }
  if (last === 0) return [token];
  if (last < token.text.length) out.push({ type: 'text', text: token.text.slice(last) });
  return out;
}
