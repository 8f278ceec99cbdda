import type { ResolvedConfig } from '../config/resolved-config.js';

/** A managed widget's endpoint on @cwp/server. */
export function widgetUrl(
  config: Pick<ResolvedConfig, 'server' | 'widgetId'>,
  path: 'config' | 'chat' | 'events' | 'socket',
): string {
  return `${config.server}/v1/widgets/${encodeURIComponent(config.widgetId ?? '')}/${path}`;
}
