import type { Logger } from './logger.js';
import type { AnalyticsSink } from './proxy/forward.js';
import type { UpstreamAgents } from './proxy/upstream.js';
import type { ConcurrencyGate, RateLimiter } from './security/rate-limit.js';
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
  readonly rateLimiter: RateLimiter;
  readonly streams: ConcurrencyGate;
  readonly agents: UpstreamAgents;
  readonly widgets: WidgetCache;
}
