import { afterEach, describe, expect, it, vi } from 'vitest';
import { configOf, fakeWidget, stateOf } from '../../__tests__/fake-widget.js';
import { ConfigError } from '../../config/config-error.js';
import { ar } from '../../locales/ar.js';
import { de } from '../../locales/de.js';
import { en } from '../../locales/en.js';
import { fr } from '../../locales/fr.js';
import { he } from '../../locales/he.js';
import { pt } from '../../locales/pt.js';
import { ru } from '../../locales/ru.js';
import { connect } from '../../view/connect.js';
import { bundledLocaleFor } from '../locale-pack.js';
import { pluralMessage } from '../plural.js';

type Extra = Parameters<typeof configOf>[0];

/** What a screen reader says for the closed bubble with `unread` replies waiting. */
function bubbleName(unread: number, extra: Extra = {}): string {
  const config = configOf(extra);
  const state = stateOf({ unread }, config);
  return String(connect(state, fakeWidget(state).widget).getBubbleProps()['aria-label']);
}

function rootOf(extra: Extra) {
  const state = stateOf({}, configOf(extra));
  return connect(state, fakeWidget(state).widget).getRootProps();
}

afterEach(() => vi.unstubAllGlobals());

describe('plural messages', () => {
  it('says "1 unread message" in English, not "1 unread messages"', () => {
    expect(bubbleName(1)).toBe('Open chat, 1 unread message');
    expect(bubbleName(2)).toBe('Open chat, 2 unread messages');
  });

  it('picks Russian one/few/many forms by Intl.PluralRules', () => {
    const locales = [ru];
    expect(bubbleName(1, { locale: 'ru', locales })).toBe('Открыть чат, 1 непрочитанное сообщение');
    expect(bubbleName(2, { locale: 'ru', locales })).toBe('Открыть чат, 2 непрочитанных сообщения');
    expect(bubbleName(5, { locale: 'ru', locales })).toBe('Открыть чат, 5 непрочитанных сообщений');
    expect(bubbleName(21, { locale: 'ru', locales })).toBe(
      'Открыть чат, 21 непрочитанное сообщение',
    );
  });

  it('picks each of the six Arabic forms', () => {
    const forms = [0, 1, 2, 3, 11, 100].map((n) => pluralMessage('ar', ar.messages.unread, n));
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect(forms).toEqual([
      'لا توجد رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      `${digits(3)} رسائل غير مقروءة`,
      `${digits(11)} رسالة غير مقروءة`,
      `${digits(100)} رسالة غير مقروءة`,
    ]);
  });

  it('writes the count as the locale writes numbers', () => {
    expect(pluralMessage('de', de.messages.unread, 1234)).toBe('1.234 ungelesene Nachrichten');
    expect(pluralMessage('en', en.messages.unread, 1234)).toBe('1,234 unread messages');
  });

  it('uses a plain string override for a plural key for every count', () => {
    const messages = { unread: '{count} new' };
    expect(bubbleName(1, { messages })).toBe('Open chat, 1 new');
    expect(bubbleName(7, { messages })).toBe('Open chat, 7 new');
    expect(
      bubbleName(1, { locale: 'ru', locales: [ru], messages: { unread: { other: '{count} !' } } }),
    ).toBe('Открыть чат, 1 !');
  });

  it('refuses a plural override without `other`, naming the field', () => {
    expect(() => configOf({ messages: { unread: { one: 'x' } as never } })).toThrow(ConfigError);
    expect(() => configOf({ messages: { unread: { one: 'x' } as never } })).toThrow(
      /messages\.unread/,
    );
  });
});

describe('locale packs in config', () => {
  it('speaks the chosen pack: title, tooltip, footer, labels', () => {
    const config = configOf({ locale: 'de', locales: [de, fr] });
    expect(config.header.title).toBe('Chat');
    expect(config.tooltip).toMatchObject({ text: 'Hallo! Können wir helfen?' });
    expect(config.footer).toMatchObject({ text: 'Bereitgestellt von ChatWidgetPro' });
    expect(config.messages.send).toBe('Senden');
    expect(rootOf({ locale: 'de', locales: [de] })).toMatchObject({ lang: 'de', dir: 'auto' });
  });

  it('lets config.messages override a pack key by key', () => {
    const config = configOf({ locale: 'de', locales: [de], messages: { send: 'Los' } });
    expect(config.messages.send).toBe('Los');
    expect(config.messages.retry).toBe('Erneut versuchen');
  });

  it('serves a regional tag from its language pack, keeping the tag', () => {
    const config = configOf({ locale: 'pt-BR', locales: [pt] });
    expect(config.messages.send).toBe('Enviar');
    expect(config.locale).toBe('pt-BR');
  });

  it('stays English for a locale no pack serves', () => {
    expect(configOf({ locale: 'sv', locales: [de] }).messages.send).toBe('Send');
  });

  it('refuses something that is not a pack in locales', () => {
    expect(() => configOf({ locales: ['de'] as never })).toThrow(/locales\.0/);
  });
});

describe("locale: 'auto'", () => {
  const withLanguages = (languages: string[]) =>
    vi.stubGlobal('navigator', { languages, language: languages[0] });

  it("picks the visitor's first language the page has a pack for (pt-BR → pt)", () => {
    withLanguages(['pt-BR', 'de']);
    const config = configOf({ locale: 'auto', locales: [de, pt] });
    expect(config.locale).toBe('pt');
    expect(config.messages.send).toBe('Enviar');
  });

  it('goes down the list to a later language', () => {
    withLanguages(['sv-SE', 'de-AT', 'en']);
    expect(configOf({ locale: 'auto', locales: [de, pt] }).messages.send).toBe('Senden');
  });

  it('falls back to English when no pack serves the visitor', () => {
    withLanguages(['sv-SE', 'fi']);
    const config = configOf({ locale: 'auto', locales: [de, pt] });
    expect(config.locale).toBe('en');
    expect(config.messages.send).toBe('Send');
  });

  it('prefers English when the visitor does, even with other packs present', () => {
    withLanguages(['en-GB', 'de']);
    expect(configOf({ locale: 'auto', locales: [de] }).locale).toBe('en');
  });

  it('is English outside a browser (no navigator)', () => {
    vi.stubGlobal('navigator', undefined);
    expect(configOf({ locale: 'auto', locales: [de] }).locale).toBe('en');
  });
});

describe('direction', () => {
  it('draws Arabic and Hebrew right to left', () => {
    expect(rootOf({ locale: 'ar', locales: [ar] })).toMatchObject({ dir: 'rtl', lang: 'ar' });
    expect(rootOf({ locale: 'he', locales: [he] })).toMatchObject({ dir: 'rtl', lang: 'he' });
  });

  it("goes right to left when 'auto' picks Hebrew", () => {
    vi.stubGlobal('navigator', { languages: ['he-IL'] });
    expect(rootOf({ locale: 'auto', locales: [de, he] })).toMatchObject({ dir: 'rtl', lang: 'he' });
  });

  it('keeps a dir the page sets', () => {
    expect(rootOf({ locale: 'ar', locales: [ar], dir: 'ltr' })).toMatchObject({ dir: 'ltr' });
  });
});

describe('which bundled pack a loader fetches', () => {
  it('names the pack for a tag, for the visitor with auto, none for an unknown language', () => {
    expect(bundledLocaleFor('pt-BR')).toBe('pt');
    expect(bundledLocaleFor('xx')).toBeUndefined();
    vi.stubGlobal('navigator', { languages: ['sv', 'ar-EG', 'de'] });
    expect(bundledLocaleFor('auto')).toBe('ar');
  });
});
