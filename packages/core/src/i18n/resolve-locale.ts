import { isRtlLocale, type LocalePack, pickLocale, visitorLanguages } from './locale-pack.js';
import { englishMessages, type Messages, type MessagesInput, type PluralKey } from './messages.js';

export interface ResolvedLocale {
  /** The language the widget speaks (`lang`), never `'auto'`. */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl' | 'auto';
  readonly messages: Messages;
}

const isPluralKey = (key: string): key is PluralKey =>
  typeof englishMessages[key as keyof typeof englishMessages] === 'object';

/**
 * The locale, direction and messages a config asks for: `locale` (a tag, or `'auto'` for the
 * visitor's `navigator.languages`) picks among `locales` and English; the pack's messages, then
 * `messages`, override English key by key. `dir` follows the locale unless given.
 */
export function resolveLocale(input: {
  readonly locale?: string | undefined;
  readonly locales?: readonly LocalePack[] | undefined;
  readonly dir?: 'ltr' | 'rtl' | 'auto' | undefined;
  readonly messages?: MessagesInput | undefined;
}): ResolvedLocale {
  const packs = input.locales ?? [];
  const tags = packs.map((pack) => pack.locale);
  let locale = input.locale ?? 'en';
  if (locale === 'auto') locale = pickLocale(visitorLanguages(), [...tags, 'en']) ?? 'en';
  const chosen = pickLocale([locale], tags);
  const pack = packs.find((p) => p.locale === chosen);

  const messages: Record<string, unknown> = { ...englishMessages, ...pack?.messages };
  for (const [key, value] of Object.entries(input.messages ?? {})) {
    if (value === undefined) continue;
    // One string for a plural key serves every count.
    messages[key] = isPluralKey(key) && typeof value === 'string' ? { other: value } : value;
  }
  return {
    locale,
    dir: input.dir ?? (isRtlLocale(locale) ? 'rtl' : 'auto'),
    messages: messages as Messages,
  };
}
