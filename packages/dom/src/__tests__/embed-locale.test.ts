// @vitest-environment happy-dom
import { fr } from '@cwp/core/locales/fr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLocalePack, withLocale } from '../embed/locale-loader.js';
import { serveScripts } from './serve-scripts.js';

const runtimeUrl = 'https://cdn.example/cwp/cwp-widget.js';

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as unknown as Record<string, unknown>).ChatWidgetProLocale_fr;
});

describe('embed language packs', () => {
  it('fetches locales/<code>.js next to the runtime and creates widgets with that pack', async () => {
    const srcs = serveScripts(() => {
      (window as unknown as Record<string, unknown>).ChatWidgetProLocale_fr = { fr };
      return 'load';
    });
    const created: unknown[] = [];
    const runtime = await withLocale(
      Promise.resolve({ createChatWidget: (config: object) => created.push(config) }),
      runtimeUrl,
      'fr-CA',
      undefined,
    );
    runtime.createChatWidget({ webhookUrl: 'https://hook.example/' });
    expect(srcs).toEqual(['https://cdn.example/cwp/locales/fr.js']);
    expect(created).toEqual([{ webhookUrl: 'https://hook.example/', locales: [fr] }]);
  });

  it('fetches nothing for English or a language without a pack', async () => {
    const srcs = serveScripts(() => 'load');
    await expect(loadLocalePack(runtimeUrl, 'en-GB', undefined)).resolves.toBeUndefined();
    await expect(loadLocalePack(runtimeUrl, 'sv', undefined)).resolves.toBeUndefined();
    await expect(loadLocalePack(runtimeUrl, undefined, undefined)).resolves.toBeUndefined();
    expect(srcs).toEqual([]);
  });

  it('stays English, saying which file failed, when the pack cannot be fetched', async () => {
    serveScripts(() => 'error');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(loadLocalePack(runtimeUrl, 'ko', undefined)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('https://cdn.example/cwp/locales/ko.js'),
    );
  });
});
