/**
 * Features only some widgets need (managed mode, n8n's response-node socket) are not in
 * `cwp-widget.js`: each is a script of its own (feature-files.ts), which the rest loads (they read
 * what it shares) — a managed widget's before the widget is created, the response-node socket's
 * when n8n first hands a reply over to it. Part of the rest, not of the loader.
 */
import type { ChatWidget, ChatWidgetConfig } from '@cwp/core';
import type { ManagedFeature, OptionalFeatures, ResponseNodeFeature } from '@cwp/core/on-demand';
import type { drawWidget } from '../mount-widget.js';
import { type EmbedFeature, featureFile, featureGlobal } from './feature-files.js';
import { loadScriptExport } from './script-export.js';

/** What the loader gets from cwp-widget.js for a widget: its maker, once its features have loaded. */
export interface WidgetRuntime {
  createChatWidget(config: ChatWidgetConfig): ChatWidget;
  drawWidget: typeof drawWidget;
}

interface Features {
  managed: ManagedFeature;
  responseNode: ResponseNodeFeature;
}

const loading = new Map<EmbedFeature, Promise<unknown>>();

export function loadFeature<F extends EmbedFeature>(
  runtimeUrl: string,
  feature: F,
  nonce: string | undefined,
): Promise<Features[F]> {
  let code = loading.get(feature);
  if (code === undefined) {
    const script = loadScriptExport<Features[F]>(
      runtimeUrl,
      featureFile(feature),
      featureGlobal(feature),
      feature,
      nonce,
    );
    code = script.value.then((found) => {
      if (found) return found;
      // The next widget (or the next try) loads it again.
      loading.delete(feature);
      throw new Error(`[cwp] could not load ${script.src}`);
    });
    loading.set(feature, code);
  }
  return code as Promise<Features[F]>;
}

/** The features for widgets of `config`, once those it needs at once have loaded. */
export async function featuresFor(
  config: ChatWidgetConfig,
  runtimeUrl: string,
  nonce: string | undefined,
): Promise<OptionalFeatures> {
  const managed = config.server ? await loadFeature(runtimeUrl, 'managed', nonce) : undefined;
  return { managed, responseNode: () => loadFeature(runtimeUrl, 'responseNode', nonce) };
}
