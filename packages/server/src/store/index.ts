export type { AnalyticsRecorder, AnalyticsRecorderOptions } from '../analytics/recorder.js';
export { createAnalyticsRecorder } from '../analytics/recorder.js';
export { ANALYTICS_KINDS, analyticsRecordProblem, utcDay } from './analytics-rows.js';
export { DEFAULT_SQLITE_FILE, redactDatabaseUrl } from './database-url.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { MAX_REPORT_DAYS, percentile } from './report.js';
export type * from './types.js';
