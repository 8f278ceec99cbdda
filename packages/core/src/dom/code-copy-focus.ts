import { partSelector } from '../view/anatomy.js';

const copyButtons = partSelector('code-copy');

/**
 * A code block's copy button is drawn anew when it starts or stops saying "Copied" (render-tree
 * nodes never change in place, and some renderers replace a changed node). Call this before the
 * renderer draws: when focus is on such a button, it returns what puts focus on the one drawn in its
 * place afterwards. Null when focus is elsewhere.
 */
export function keepCodeCopyFocus(root: HTMLElement): (() => void) | null {
  const scope = root.getRootNode() as Document | ShadowRoot;
  const focused = scope.activeElement;
  if (focused?.getAttribute('data-part') !== 'code-copy' || !root.contains(focused)) return null;
  const content = focused.closest(partSelector('message-content'));
  if (content === null || content.id === '') return null;
  const index = [...content.querySelectorAll(copyButtons)].indexOf(focused);
  const id = content.id;
  return () => {
    if (focused.isConnected) return;
    const again = scope.getElementById(id)?.querySelectorAll<HTMLElement>(copyButtons)[index];
    again?.focus();
  };
}
