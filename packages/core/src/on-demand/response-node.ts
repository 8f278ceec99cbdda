/** The response-node feature, as the embed's `features/response-node.js` (see features.ts). */
import { ExecutionSocket } from '../transport/response-node/execution-socket.js';
import { socketFiles } from '../uploads/socket-files.js';
import type { ResponseNodeFeature } from './features.js';

export const responseNode: ResponseNodeFeature = { ExecutionSocket, socketFiles };
