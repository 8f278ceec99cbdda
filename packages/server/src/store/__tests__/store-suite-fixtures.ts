import type { NewWidget, Store } from '../types.js';

/** A fresh, empty database for one test, which can be opened several times (restart, concurrent instances). */
export interface StoreHarness {
  open(options?: { migrate?: boolean }): Promise<Store>;
  /** Rows in a table, counted over a separate connection. */
  countRows(table: 'widgets' | 'analytics' | 'transcripts' | 'schema_migrations'): Promise<number>;
  dispose(): Promise<void>;
}

/** What each part of the storage suite reads; `h` and `store` are the running test's. */
export interface StoreSuiteContext {
  /** The suite's name (SQLite or PostgreSQL), for log lines. */
  readonly name: string;
  /** Makes another fresh database, as before each test. */
  readonly setup: () => Promise<StoreHarness>;
  readonly h: StoreHarness;
  readonly store: Store;
}

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 10, 20); // 2026-11-20T00:00Z

export const demo = (over: Partial<NewWidget> = {}): NewWidget => ({
  name: 'Support',
  webhookUrl: 'https://n8n.example.com/webhook/secret-path/chat',
  allowedOrigins: ['https://shop.example.com'],
  ...over,
});
