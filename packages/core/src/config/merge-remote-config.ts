import type { ChatWidgetConfig } from './config-schema.js';

/** Objects in the public config that merge field by field when local config overrides remote. */
const nestedKeys = [
  'header',
  'theme',
  'messages',
  'timeouts',
  'bubble',
  'analytics',
  'webhookConfig',
] as const;

/**
 * Managed mode: the server's public config under the page's own config (local values win).
 * Returns the raw merged object, validated again by `resolveConfig`.
 */
export function mergeRemoteConfig(
  local: ChatWidgetConfig,
  remote: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...remote, ...local };
  for (const key of nestedKeys) {
    const r = remote[key];
    const l = local[key];
    if (isPlainObject(r) && isPlainObject(l)) merged[key] = { ...r, ...l };
  }
  const rTheme = remote.theme;
  if (isPlainObject(rTheme) && isPlainObject(rTheme.tokens) && isPlainObject(local.theme?.tokens)) {
    merged.theme = {
      ...(merged.theme as object),
      tokens: { ...rTheme.tokens, ...local.theme.tokens },
    };
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
