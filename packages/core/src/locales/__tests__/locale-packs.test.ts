import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledLocales, type LocalePack } from '../../i18n/locale-pack.js';
import { englishMessages } from '../../i18n/messages.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();

const packs: [string, LocalePack][] = await Promise.all(
  files.map(async (code) => {
    const module = (await import(`../${code}.ts`)) as Record<string, LocalePack>;
    return [code, module[code] as LocalePack] as [string, LocalePack];
  }),
);

const categories = ['zero', 'one', 'two', 'few', 'many', 'other'];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = englishMessages as Record<string, string | Record<string, string>>;

describe('locale packs', () => {
  it('ships one file per bundled locale, each exporting its pack under its code', () => {
    expect(files).toEqual([...bundledLocales].sort());
    for (const [code, pack] of packs) expect(pack?.locale, code).toBe(code);
  });

  it('publishes each pack as @cwp/core/locales/<code>, checked by attw', () => {
    const pkg = join(dir, '..', '..');
    const exports = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).exports;
    expect(exports['./locales/*'].source).toBe('./src/locales/*.ts');
    const attw = JSON.parse(readFileSync(join(pkg, '.attw.json'), 'utf8'));
    expect(attw.includeEntrypoints).toEqual(bundledLocales.map((code) => `./locales/${code}`));
  });

  describe.each(packs)('%s', (code, pack) => {
    const messages = pack.messages as Record<string, unknown>;

    it('has every key English has and no other', () => {
      const missing = Object.keys(english).filter((key) => !(key in messages));
      const unknown = Object.keys(messages).filter((key) => !(key in english));
      expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
    });

    it('keeps the placeholders of each text', () => {
      for (const [key, value] of Object.entries(english)) {
        if (typeof value !== 'string') continue;
        expect(typeof messages[key], `${code} ${key}`).toBe('string');
        expect(placeholders(messages[key] as string), `${code} ${key}`).toEqual(
          placeholders(value),
        );
      }
    });

    it('gives each plural message `other` (with the count) and every category the language uses', () => {
      const used = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];
      for (const [key, value] of Object.entries(english)) {
        if (typeof value === 'string') continue;
        const plural = messages[key] as Record<string, string>;
        expect(typeof plural, `${code} ${key}`).toBe('object');
        expect(plural.other, `${code} ${key}.other`).toContain('{count}');
        expect(Object.keys(plural).filter((c) => !categories.includes(c))).toEqual([]);
        expect(
          used.filter((c) => plural[c] === undefined),
          `${code} ${key}`,
        ).toEqual([]);
        for (const text of Object.values(plural))
          expect(placeholders(text).filter((p) => p !== 'count')).toEqual([]);
      }
    });

    it('leaves no text blank that English fills', () => {
      for (const [key, value] of Object.entries(english))
        if (typeof value === 'string' && value !== '')
          expect((messages[key] as string).trim(), `${code} ${key}`).not.toBe('');
    });
  });
});
