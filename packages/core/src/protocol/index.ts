/**
 * `@cwp/core/protocol`: how n8n's replies are read (a whole JSON reply's texts, the NDJSON stream's
 * lines), with no DOM and no browser globals, so @cwp/server reads replies exactly as the widget does.
 */
export {
  isStreamLine,
  NdjsonParser,
  type NdjsonParserOptions,
} from '../transport/ndjson-parser.js';
export {
  n8nTextKeys,
  type ReplyTextReader,
  readN8nText,
  textReader,
} from '../transport/reply-text.js';
export { executionStartedId } from '../transport/response-node/execution-started.js';
export type { ReplyChunk } from '../transport/types.js';
export {
  type BotMessageContent,
  isSafeButtonLink,
  type MessageButton,
  maxButtons,
  parseBotMessage,
} from './bot-message.js';
