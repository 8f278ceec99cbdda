export {
  type AnalyticsRecorder,
  type AnalyticsRecorderOptions,
  createAnalyticsRecorder,
} from './recorder.js';
