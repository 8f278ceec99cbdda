export { isAbortError } from './abort.js';
export { createHttpTransport, type HttpTransportOptions } from './http-transport.js';
export {
  createN8nTransport,
  type N8nTransportOptions,
  type TransportTimeouts,
} from './n8n-transport.js';
export type {
  ExecutionIds,
  SocketUrl,
  WebSocketConstructor,
} from './response-node/index.js';
export type {
  Conversation,
  ConversationEvent,
  HistoryMessage,
  ReplyChunk,
  Transport,
  TransportContext,
  TransportRequest,
} from './types.js';
