import type { ResolvedConfig } from '../config/resolved-config.js';
import { type SocketUrl, socketUrlAt } from '../transport/response-node/socket-url.js';
import type { IdentityHeaders } from './identity-headers.js';
import { widgetUrl } from './widget-url.js';

/**
 * Managed mode: an execution's socket goes through @cwp/server, which binds it to the session
 * that started it. A browser socket carries no headers, so the identity token rides in the query.
 */
export function managedSocketUrl(
  config: Pick<ResolvedConfig, 'server' | 'widgetId'>,
  identity: IdentityHeaders,
): SocketUrl {
  return (ids) => {
    const token = identity.headers.authorization?.replace(/^Bearer /, '');
    return socketUrlAt(widgetUrl(config, 'socket'), token ? { identity: token } : {})(ids);
  };
}
