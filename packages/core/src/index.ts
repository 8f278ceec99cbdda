export { ConfigError, type ConfigIssue } from './config/config-error.js';
export {
  type ChatWidgetConfig,
  configSchema,
  type FooterConfig,
  mergeRemoteConfig,
  type ResolvedConfig,
  resolveConfig,
  type StorageLike,
  type WidgetMode,
} from './config/schema.js';
export {
  isWidgetError,
  WidgetError,
  type WidgetErrorInfo,
  type WidgetErrorKind,
} from './errors/widget-error.js';
export type { EventBase, WidgetEvent, WidgetEventOf, WidgetEventType } from './events/types.js';
export {
  type BundledLocale,
  bundledLocaleFor,
  bundledLocales,
  isRtlLocale,
  type LocalePack,
  pickLocale,
} from './i18n/locale-pack.js';
export {
  englishMessages,
  formatMessage,
  type MessageKey,
  type Messages,
  type MessagesInput,
  type PluralCategory,
  type PluralKey,
  type PluralMessage,
  type TextKey,
} from './i18n/messages.js';
export { formatCount, pluralMessage } from './i18n/plural.js';
export * from './markdown/index.js';
export { storageKey } from './session/storage.js';
export * from './transport/index.js';
export type {
  ChatMessage,
  ChatWidgetApi,
  FeedbackValue,
  MessageRole,
  MessageStatus,
  OpenVia,
  SendOptions,
  WidgetState,
  WidgetStatus,
  WidgetType,
} from './types.js';
export type { ChosenFile, FileNotice } from './uploads/chosen-files.js';
export type { FileFacts, UploadRules } from './uploads/file-rules.js';
export { type SocketFile, socketFiles } from './uploads/socket-files.js';
export * from './view/index.js';
export { type ChatWidget, createChatWidget, type WidgetActor } from './widget.js';
export { widgetFrom } from './widget-from.js';
