import type { Store, WidgetRecord } from './store/types.js';

/**
 * Widget look-ups for the public routes, kept for `ttlMs` in this process. Changes made through
 * this instance's admin API apply at once; changes by another instance (or the CLI) within `ttlMs`.
 */
export class WidgetCache {
  readonly #entries = new Map<string, { widget: WidgetRecord | null; expires: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(id: string): Promise<WidgetRecord | null> {
    if (this.ttlMs <= 0) return this.store.getWidget(id);
    const now = Date.now();
    const cached = this.#entries.get(id);
    if (cached && cached.expires > now) return cached.widget;
    const widget = await this.store.getWidget(id);
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(id, { widget, expires: now + this.ttlMs });
    return widget;
  }

  invalidate(id: string): void {
    this.#entries.delete(id);
  }
}
