export {
  createResponseNodeConversation,
  type ResponseNodeConversation,
  type ResponseNodeOptions,
} from './conversation.js';
export type { WebSocketConstructor } from './execution-socket.js';
export { executionStartedId } from './execution-started.js';
export { type ExecutionIds, n8nSocketUrl, type SocketUrl, socketUrlAt } from './socket-url.js';
