import { formatMessage, type PluralMessage } from './messages.js';

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

// A tag the schema accepts may still be one Intl refuses ("en-12"): count in English then.
function cached<T>(cache: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let value = cache.get(locale);
  if (value === undefined) {
    try {
      value = make(locale);
    } catch {
      value = make('en');
    }
    cache.set(locale, value);
  }
  return value;
}

/** A count written the way the locale writes numbers (`1,234`, `1.234`, `١٢٣`). */
export function formatCount(locale: string, count: number): string {
  return cached(numberFormats, locale, (l) => new Intl.NumberFormat(l)).format(count);
}

/**
 * The message for `count`: the text of the category `Intl.PluralRules` picks for the locale
 * (falling back to `other`), with `{count}` and any other placeholders filled in.
 * A plain string is used for every count.
 */
export function pluralMessage(
  locale: string,
  message: string | PluralMessage,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const template =
    typeof message === 'string'
      ? message
      : (message[cached(pluralRules, locale, (l) => new Intl.PluralRules(l)).select(count)] ??
        message.other);
  return formatMessage(template, { ...values, count: formatCount(locale, count) });
}
