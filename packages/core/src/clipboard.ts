/**
 * Puts text on the clipboard: the Clipboard API, else (an insecure page, no permission) the older
 * way through a selected hidden field, after which focus returns where it was. False when neither
 * worked (with a `console.warn` saying why).
 */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await globalThis.navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    if (copyThroughSelection(text)) return true;
    console.warn('[cwp] Could not copy to the clipboard:', error);
    return false;
  }
}

function copyThroughSelection(text: string): boolean {
  const doc = globalThis.document as Document | undefined;
  if (doc?.execCommand === undefined) return false;
  // The focused element, inside open shadow roots too: the widget's own button, usually.
  let focused = doc.activeElement as HTMLElement | null;
  while (focused?.shadowRoot?.activeElement)
    focused = focused.shadowRoot.activeElement as HTMLElement;
  const field = doc.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.cssText = 'position:fixed;inset-block-start:0;opacity:0';
  (focused?.parentElement ?? doc.body).appendChild(field);
  field.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
    focused?.focus();
  }
}
