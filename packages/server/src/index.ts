export { type CreateAppOptions, createApp } from './app.js';
export { defaultLimits } from './limits.js';
export { jsonLogger, type LogFields, type Logger, silentLogger } from './logger.js';
export * from './protocol.js';
export {
  type ChatLimiter,
  memoryChatLimiter,
  type RateCheck,
  type RateVerdict,
  type RedisLimiterOptions,
  redisChatLimiter,
} from './security/shared-limits.js';
export { type RunningServer, type StartServerOptions, startServer } from './server.js';
export { createAnalyticsRecorder, openStore } from './store/index.js';
export type {
  AnalyticsKind,
  AnalyticsRecord,
  DailyReport,
  NewWidget,
  Store,
  TranscriptLine,
  WidgetLimits,
  WidgetPatch,
  WidgetRecord,
  WidgetReport,
} from './store/types.js';
