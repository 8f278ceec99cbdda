/**
 * The embed's language packs: `data-locale="de"` (or `"auto"`, the visitor's first language with a
 * pack) loads only `locales/<code>.js` next to `cwp-widget.js`, a classic script that defines
 * `ChatWidgetProLocale_<code>`. English is built in and loads nothing.
 */
import { bundledLocaleFor, type ChatWidgetConfig, type LocalePack } from '@cwp/core';
import { loadScriptExport } from './script-export.js';

const loading = new Map<string, Promise<LocalePack | undefined>>();

/** The global a pack's script defines (one per language, so two packs never overwrite each other). */
export const localeGlobal = (code: string) => `ChatWidgetProLocale_${code}`;

/** The pack `locale` needs, or undefined (English, no pack for it, or it failed to load). */
export function loadLocalePack(
  runtimeUrl: string,
  locale: string | undefined,
  nonce: string | undefined,
): Promise<LocalePack | undefined> {
  const code = locale === undefined ? undefined : bundledLocaleFor(locale);
  if (code === undefined || code === 'en') return Promise.resolve(undefined);
  let pack = loading.get(code);
  if (pack === undefined) {
    const script = loadScriptExport<LocalePack>(
      runtimeUrl,
      `locales/${code}.js`,
      localeGlobal(code),
      code,
      nonce,
    );
    pack = script.value.then((found) => {
      if (found) return found;
      // The widget still works, in English; the next widget tries again.
      loading.delete(code);
      console.warn(`[cwp] could not load the ${code} language pack from ${script.src}`);
      return undefined;
    });
    loading.set(code, pack);
  }
  return pack;
}

/**
 * The runtime once both it and the pack `locale` needs have loaded (in parallel), creating widgets
 * with that pack in their `locales`.
 */
export async function withLocale<R extends { createChatWidget(config: ChatWidgetConfig): unknown }>(
  runtime: Promise<R>,
  runtimeUrl: string,
  locale: string | undefined,
  nonce: string | undefined,
): Promise<R> {
  const [loaded, pack] = await Promise.all([runtime, loadLocalePack(runtimeUrl, locale, nonce)]);
  // Managed: a language named only by the server's config is loaded once that config arrives.
  const loadLocale = (code: string) => loadLocalePack(runtimeUrl, code, nonce);
  return {
    ...loaded,
    createChatWidget: (config: ChatWidgetConfig) =>
      loaded.createChatWidget(
        withLocalePack(config.server ? { ...config, loadLocale } : config, pack),
      ),
  };
}

/** The config with the loaded pack added to its `locales`. */
export function withLocalePack<C extends ChatWidgetConfig>(
  config: C,
  pack: LocalePack | undefined,
): C {
  return pack ? { ...config, locales: [...(config.locales ?? []), pack] } : config;
}
