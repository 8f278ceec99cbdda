const dangerousKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `JSON.parse` that drops `__proto__`/`constructor`/`prototype` keys, so a hostile body cannot
 * reach an object's prototype however the parsed value is later copied or merged.
 */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (dangerousKeys.has(key) ? undefined : value));
}

/** Reads `value[key]` only when it is an own string property. */
export function ownString(value: object, key: string): string | undefined {
  if (!Object.hasOwn(value, key)) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
