import type { Messages } from './messages.js';

/** A language's messages, imported from `@cwp/core/locales/<code>` and given in `config.locales`. */
export interface LocalePack {
  /** A BCP 47 language tag: `de`, `pt`, `zh`. */
  readonly locale: string;
  readonly messages: Messages;
}

// Languages written right to left (primary subtags); `iw` is Hebrew's old code.
const rtlLanguages = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'sd', 'ug', 'ckb']);

const language = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? '';

/** True for a tag whose language is written right to left (`ar`, `he-IL`, `fa`). */
export function isRtlLocale(tag: string): boolean {
  return rtlLanguages.has(language(tag));
}

/**
 * The first of `wanted` (most preferred first, like `navigator.languages`) that one of `available`
 * serves: an exact tag match, else the same language (`pt-BR` → `pt`). Undefined when none does.
 */
export function pickLocale(
  wanted: readonly string[],
  available: readonly string[],
): string | undefined {
  for (const tag of wanted) {
    const exact = available.find((a) => a.toLowerCase() === tag.toLowerCase());
    if (exact !== undefined) return exact;
    const same = available.find((a) => language(a) === language(tag));
    if (same !== undefined) return same;
  }
  return undefined;
}

/** The visitor's languages, most preferred first; none outside a browser. */
export function visitorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (Array.isArray(navigator.languages) && navigator.languages.length > 0)
    return navigator.languages;
  return typeof navigator.language === 'string' ? [navigator.language] : [];
}

/** The packs shipped as `@cwp/core/locales/<code>`. */
export const bundledLocales = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'tr',
  'ru',
  'ja',
  'zh',
  'ko',
  'ar',
  'he',
] as const;

export type BundledLocale = (typeof bundledLocales)[number];

/**
 * Which bundled pack a `locale` option needs (`'auto'`: for this visitor), for loaders that fetch
 * packs on demand; `'en'` needs none. Undefined when no bundled pack serves it.
 */
export function bundledLocaleFor(locale: string): BundledLocale | undefined {
  const wanted = locale === 'auto' ? visitorLanguages() : [locale];
  return pickLocale(wanted, bundledLocales) as BundledLocale | undefined;
}
