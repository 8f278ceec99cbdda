export { type Bot, type BotOptions, type RecordedRequest, startBot } from './bot.js';
export {
  type FaultName,
  faultContent,
  faultErrorMessage,
  faultNames,
} from './faults.js';
export type { LangChainMessage } from './history.js';
export { type HostileReply, hostileReplies } from './hostile.js';
export {
  defaultReply,
  longSample,
  markdownSample,
  type ReplyFunction,
  type ReplyInput,
} from './replies.js';
export {
  type ResponseNodeSettings,
  type SocketMessage,
  WebSocketClient,
} from './response-node.js';
