/** How long a code block's copy button says "Copied". */
export const copiedFor = 2000;

const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/**
 * The message content's click handler: a click on a code block's copy button (drawn in the render
 * tree, see markdown-tree.ts) copies the block's code and marks the button `data-copied` for
 * `copiedFor` ms, which the stylesheet shows as its "Copied" label. Delegated, so renderers need
 * no code of their own; the path, not `target`, because a framework may listen outside a shadow root.
 */
export function copyCode(event: Event): void {
  const button = event
    .composedPath()
    .find(
      (node): node is HTMLElement =>
        (node as Partial<Element>).getAttribute?.('data-part') === 'code-copy',
    );
  const code = button?.parentElement?.querySelector('pre code');
  if (button === undefined || code == null) return;
  void writeText(code.textContent ?? '', button).then((copied) => {
    if (!copied) return;
    clearTimeout(timers.get(button));
    button.setAttribute('data-copied', '');
    timers.set(
      button,
      setTimeout(() => button.removeAttribute('data-copied'), copiedFor),
    );
  });
}

async function writeText(text: string, near: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an insecure page) or no permission: the older way through a selection.
    const doc = near.ownerDocument;
    const field = doc.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.cssText = 'position:fixed;inset-block-start:0;opacity:0';
    (near.parentElement ?? doc.body).appendChild(field);
    field.select();
    try {
      return doc.execCommand('copy');
    } catch {
      return false;
    } finally {
      field.remove();
      near.focus();
    }
  }
}
