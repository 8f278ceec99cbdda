import type { Logger } from './logger.js';
import type { AnalyticsSink } from './proxy/forward.js';
import type { UpstreamAgents } from './proxy/upstream.js';
import type { ExecutionRegistry } from './response-node/executions.js';
import type { ChatLimiter } from './security/shared-limits.js';
import type { Store, WidgetLimits } from './store/types.js';
import type { WidgetCache } from './widget-cache.js';

/** Everything the routes share, resolved once by createApp. */
export interface AppContext {
  readonly store: Store;
  readonly recorder: AnalyticsSink;
  readonly adminToken: string | undefined;
  readonly allowPrivateWebhooks: boolean;
  readonly trustedProxies: readonly string[];
  readonly defaults: Partial<WidgetLimits> | undefined;
  readonly logger: Logger;
  /** Chat and event rate limits and the stream cap; shared through Redis when REDIS_URL is set. */
  readonly limiter: ChatLimiter;
  readonly agents: UpstreamAgents;
  readonly widgets: WidgetCache;
  /** Which session started each response-node execution (its socket is bound to it). */
  readonly executions: ExecutionRegistry;
}
