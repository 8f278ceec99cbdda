// The config module's public names, in one place for the widget, the view and the package index.
export { type ChatWidgetConfig, configSchema } from './config-schema.js';
export { mergeRemoteConfig } from './merge-remote-config.js';
export { parseConfig, resolveConfig } from './resolve-config.js';
export type {
  FooterConfig,
  ResolvedConfig,
  StorageLike,
  WidgetMode,
} from './resolved-config.js';
