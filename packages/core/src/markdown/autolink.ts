import { withoutBidi } from './bidi.js';
import { safeHref } from './safe-url.js';
import type { InlineToken } from './tokens.js';

// Linear: `[^\s<>]*` cannot cross the next `<`, so two tries never read the same characters.
const autolinkPattern = /<((?:https?|mailto|tel):[^\s<>]*)>/iy;

/** The `<https://…>` link starting at `at` (a `<`), or undefined when there is none. */
export function readAutolink(
  src: string,
  at: number,
): { token: InlineToken; end: number } | undefined {
  autolinkPattern.lastIndex = at;
  const match = autolinkPattern.exec(src);
  const href = match ? safeHref(match[1] as string) : null;
  if (match === null || href === null) return undefined;
  const label = withoutBidi(match[1] as string);
  return {
    token: { type: 'link', href, children: [{ type: 'text', text: label }] },
    end: at + match[0].length,
  };
}
