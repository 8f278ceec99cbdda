/**
 * `JSON.stringify` for the widget's own data (saved conversations, request bodies, analytics),
 * safe from what a host page added to the built-in prototypes. Prototype.js (still shipped by old
 * Magento 1 shops) defines `Array.prototype.toJSON` returning a string, so the native
 * `JSON.stringify([1])` gives `"\"[1]\""` and a saved message list reads back as one string.
 * A `toJSON` inherited from Array.prototype or Object.prototype is ignored here; own and class
 * `toJSON`s (Date's) are honoured as JSON.stringify would.
 */
export function stringifyJson(value: unknown): string {
  if (!hostAddedToJson()) return JSON.stringify(value) ?? 'null';
  return encode(value, '', new Set()) ?? 'null';
}

function hostAddedToJson(): boolean {
  return 'toJSON' in Array.prototype || 'toJSON' in Object.prototype;
}

function inheritedFromBuiltins(toJSON: unknown): boolean {
  return (
    toJSON === (Array.prototype as { toJSON?: unknown }).toJSON ||
    toJSON === (Object.prototype as { toJSON?: unknown }).toJSON
  );
}

function encode(value: unknown, key: string, ancestors: Set<object>): string | undefined {
  if (typeof value === 'object' && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !inheritedFromBuiltins(toJSON)) {
      value = toJSON.call(value, key);
    }
  }
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      // Primitives never consult toJSON, so the native encoder is safe (and escapes strings).
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return typeof value === 'bigint' ? JSON.stringify(value) : undefined;
  }
  const object = value as object;
  if (object instanceof Number || object instanceof String || object instanceof Boolean) {
    return JSON.stringify(object.valueOf());
  }
  if (ancestors.has(object)) throw new TypeError('Converting circular structure to JSON');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) {
        items.push(encode(object[i], String(i), ancestors) ?? 'null');
      }
      return `[${items.join(',')}]`;
    }
    const fields: string[] = [];
    for (const name of Object.keys(object)) {
      const field = encode((object as Record<string, unknown>)[name], name, ancestors);
      if (field !== undefined) fields.push(`${JSON.stringify(name)}:${field}`);
    }
    return `{${fields.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}
