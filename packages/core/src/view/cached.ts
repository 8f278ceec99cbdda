/** A `Map` or `WeakMap`: what `cached` keeps its values in. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `cache`'s value for `key`, made on first use and kept (one per widget, per config, per id…). */
export function cached<K, V>(cache: Cache<K, V>, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    cache.set(key, value);
  }
  return value;
}
