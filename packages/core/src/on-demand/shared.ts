/**
 * What the embed's feature scripts use of `cwp-widget.js`: published as `ChatWidgetProRuntime.shared`,
 * so a feature reads these instead of carrying a second copy (two copies of an error class would
 * break `instanceof`; a second ky would weigh 7 KB). Only the names the features import, as plain
 * values: the rest carries nothing else for them (what only managed mode uses, like `fetchJson`, is in
 * the managed feature itself). The build of each feature script maps these modules to this object
 * (scripts/lib/shared-from-loader.ts, `runtimeSharedModules`, kept equal by a test).
 */
import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ConfigError } from '../config/config-error.js';
import { resolveConfig } from '../config/resolve-config.js';
import { WidgetError } from '../errors/widget-error.js';
import { randomId } from '../session/ids.js';
import { createMemoryStorage } from '../session/storage.js';
import { abortError } from '../transport/abort.js';
import { socketUrlAt } from '../transport/response-node/socket-url.js';
import { parseJsonSafely } from '../transport/safe-json.js';
import { stringifyJson } from '../transport/stringify-json.js';

export const sharedWithFeatures = {
  ConfigError,
  resolveConfig,
  WidgetError,
  randomId,
  createMemoryStorage,
  abortError,
  socketUrlAt,
  parseJsonSafely,
  stringifyJson,
  ky,
  isHTTPError,
  isNetworkError,
  isTimeoutError,
};
