const sheets = new WeakMap<object, Map<string, CSSStyleSheet>>();

/**
 * Puts a stylesheet into a shadow root or document once: a constructed sheet through
 * `adoptedStyleSheets` where supported (no CSP `style-src` needed), else a `<style nonce>`.
 */
export function adoptStylesheet(
  target: ShadowRoot | Document,
  css: string,
  nonce?: string,
): () => void {
  const isDocument = target.nodeType === 9;
  const doc = isDocument ? (target as Document) : (target as ShadowRoot).ownerDocument;
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in target && typeof view.CSSStyleSheet === 'function') {
    try {
      let byCss = sheets.get(view);
      if (byCss === undefined) {
        byCss = new Map();
        sheets.set(view, byCss);
      }
      let sheet = byCss.get(css);
      if (sheet === undefined) {
        sheet = new view.CSSStyleSheet();
        sheet.replaceSync(css);
        byCss.set(css, sheet);
      }
      const adopted = sheet;
      if (!target.adoptedStyleSheets.includes(adopted)) {
        target.adoptedStyleSheets = [...target.adoptedStyleSheets, adopted];
      }
      // A document's sheet may serve several light-DOM widgets, and selects only the widget.
      if (isDocument) return () => {};
      return () => {
        target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== adopted);
      };
    } catch {
      // Fall through to a <style> element (older engines reject constructed sheets).
    }
  }
  if (isDocument) {
    for (const existing of doc.head.querySelectorAll('style[data-cwp-style]'))
      if (existing.textContent === css) return () => {};
  }
  const style = doc.createElement('style');
  if (nonce) style.setAttribute('nonce', nonce);
  style.setAttribute('data-cwp-style', '');
  style.textContent = css;
  (isDocument ? doc.head : target).appendChild(style);
  return isDocument ? () => {} : () => style.remove();
}
