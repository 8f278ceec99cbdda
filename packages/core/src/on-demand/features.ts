/**
 * Code only some widgets need. `createChatWidget` has all of it at hand; the embed leaves it out of
 * `cwp-widget.js` and loads each feature as a script of its own (`features/<name>.js`) when a
 * widget needs it (packages/dom/src/embed/feature-loader.ts).
 */
import type { createEventBatcher } from '../managed/event-batcher.js';
import type { loadRemoteConfig } from '../managed/remote-config.js';
import type { managedSocketUrl } from '../managed/socket-url.js';
import type { ExecutionSocket } from '../transport/response-node/execution-socket.js';
import type { socketFiles } from '../uploads/socket-files.js';

/** Managed mode (`server` + `widgetId`): the server's config, analytics, the server's socket. */
export interface ManagedFeature {
  readonly loadRemoteConfig: typeof loadRemoteConfig;
  readonly createEventBatcher: typeof createEventBatcher;
  readonly managedSocketUrl: typeof managedSocketUrl;
}

/** n8n's response-node conversations, over the websocket of an execution. */
export interface ResponseNodeFeature {
  readonly ExecutionSocket: typeof ExecutionSocket;
  readonly socketFiles: typeof socketFiles;
}

export interface OptionalFeatures {
  /** Needed at once by a managed widget. */
  readonly managed?: ManagedFeature | undefined;
  /** Asked for when n8n first answers `{"executionStarted":true}`. */
  readonly responseNode: () => Promise<ResponseNodeFeature>;
}
