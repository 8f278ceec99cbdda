/**
 * Modules of `cwp-widget.js` that the embed's feature scripts use: published on
 * `ChatWidgetProRuntime.shared` by module path, so a feature reads them instead of carrying a
 * second copy (two copies of an error class would break `instanceof`). The build of each feature
 * script maps these paths to this object: scripts/lib/shared-from-loader.ts (`runtimeSharedModules`,
 * kept equal to these keys by a test).
 */
import * as configError from '../config/config-error.js';
import * as mergeRemoteConfig from '../config/merge-remote-config.js';
import * as resolveConfig from '../config/resolve-config.js';
import * as widgetError from '../errors/widget-error.js';
import * as ids from '../session/ids.js';
import * as storage from '../session/storage.js';
import * as abort from '../transport/abort.js';
import * as fetchJson from '../transport/fetch-json.js';
import * as socketUrl from '../transport/response-node/socket-url.js';
import * as safeJson from '../transport/safe-json.js';
import * as stringifyJson from '../transport/stringify-json.js';

export const sharedWithFeatures = {
  'config/config-error': configError,
  'config/merge-remote-config': mergeRemoteConfig,
  'config/resolve-config': resolveConfig,
  'errors/widget-error': widgetError,
  'session/ids': ids,
  'session/storage': storage,
  'transport/abort': abort,
  'transport/fetch-json': fetchJson,
  'transport/response-node/socket-url': socketUrl,
  'transport/safe-json': safeJson,
  'transport/stringify-json': stringifyJson,
};
