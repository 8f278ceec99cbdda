import { ConfigError } from '../config/config-error.js';
import type { ChatWidgetConfig } from '../config/config-schema.js';
import { mergeRemoteConfig } from '../config/merge-remote-config.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { WidgetError } from '../errors/widget-error.js';
import type { LocalePack } from '../i18n/locale-pack.js';
import { fetchJson } from '../transport/fetch-json.js';
import { explainRefusal } from './refusal.js';
import { widgetUrl } from './widget-url.js';

/** The pack for a language only the server's config names, when the page can load one. */
async function remoteLocalePack(
  local: ChatWidgetConfig,
  locale: unknown,
): Promise<LocalePack | undefined> {
  if (local.locale !== undefined || typeof locale !== 'string' || !local.loadLocale) return;
  // A pack that cannot be loaded leaves the widget in English; the loader says why.
  return local.loadLocale(locale).catch(() => undefined);
}

/** Fetches the widget's public config from @cwp/server and merges the page's own config over it. */
export async function loadRemoteConfig(
  local: ChatWidgetConfig,
  resolvedLocal: ResolvedConfig,
  signal: AbortSignal,
): Promise<ResolvedConfig> {
  const body = await fetchJson(widgetUrl(resolvedLocal, 'config'), {
    signal,
    timeoutMs: resolvedLocal.timeouts.request,
    retries: 2,
  }).catch((error: unknown) => {
    throw explainRefusal(error, resolvedLocal.server ?? '', resolvedLocal.widgetId ?? '');
  });
  const remote =
    typeof body === 'object' && body !== null && 'config' in body
      ? (body as { config: unknown }).config
      : body;
  if (typeof remote !== 'object' || remote === null || Array.isArray(remote)) {
    throw new WidgetError(
      'bad_reply',
      'The server answered the widget config request without a config object.',
    );
  }
  const merged = mergeRemoteConfig(local, remote as Record<string, unknown>);
  const pack = await remoteLocalePack(local, merged.locale);
  if (pack) merged.locales = [...(local.locales ?? []), pack];
  try {
    return resolveConfig(merged);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new WidgetError(
        'config',
        `The server's config for this widget is invalid. ${error.message}`,
      );
    throw error;
  }
}
