/**
 * Runs a classic script that sits next to `cwp-widget.js` (a language pack, a feature script) and
 * reads the value it defines: `window[global][key]`. Undefined when the script fails to load or
 * defines no such value.
 */
export function loadScriptExport<T>(
  runtimeUrl: string,
  path: string,
  global: string,
  key: string,
  nonce: string | undefined,
): { readonly src: string; readonly value: Promise<T | undefined> } {
  const src = new URL(path, new URL(runtimeUrl, document.baseURI)).href;
  const value = new Promise<T | undefined>((resolve) => {
    const tag = document.createElement('script');
    tag.src = src;
    tag.async = true;
    if (nonce) tag.nonce = nonce;
    tag.addEventListener('error', () => resolve(undefined));
    tag.addEventListener('load', () => {
      const exports = (window as unknown as Record<string, Record<string, T> | undefined>)[global];
      resolve(exports?.[key]);
    });
    document.head.append(tag);
  });
  return { src, value };
}
