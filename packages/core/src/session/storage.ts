import type { ResolvedConfig, StorageLike } from '../config/schema.js';

/** Where a widget keeps its session; namespaced so widgets on one site never share state. */
export function storageKey(config: Pick<ResolvedConfig, 'namespace' | 'id'>): string {
  return `${config.namespace}:${config.id}`;
}

/** The configured storage, falling back to memory where Web Storage is missing or blocked. */
export function resolveStorage(choice: ResolvedConfig['storage']): StorageLike {
  if (typeof choice === 'object') return choice;
  if (choice === 'memory') return createMemoryStorage();
  try {
    const storage = choice === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
    if (storage) {
      // Safari private mode and blocked third-party storage throw on access.
      const probe = '__cwp_probe__';
      storage.setItem(probe, '1');
      storage.removeItem(probe);
      return storage;
    }
  } catch {
    console.warn(
      `[cwp] ${choice}Storage is not available; the conversation will not survive a reload.`,
    );
  }
  return createMemoryStorage();
}

export function createMemoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
