import pg from 'pg';
import {
  databaseError,
  databaseTarget,
  describeConnectError,
  redactDatabaseUrl,
} from './database-url.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  /** `postgres://` or `postgresql://` selects PostgreSQL; wins over `file`. */
  readonly databaseUrl?: string;
  /** SQLite file (default `./cwp.db`; `:memory:` for tests). */
  readonly file?: string;
  /** Run migrations before resolving (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** How long to wait for a PostgreSQL connection, ms (default 5000). */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens the store a deployment is configured for, checks it answers, and migrates it.
 * Rejects with an Error naming the problem (never the password) when it cannot.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const target = databaseTarget(options);
  let store: Store;
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      // pg-pool drops its own error listener while handing a client out; a backend killed right
      // then (its FATAL can share a packet with ReadyForQuery) would otherwise crash the process.
      // Errors that matter still surface through the query that fails.
      onConnect: (client) => {
        client.on('error', () => {});
      },
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (error) => {
      const where = redactDatabaseUrl(target.url);
      console.error(
        databaseError(`PostgreSQL connection lost (${where}): ${error.message}`, target.url)
          .message,
      );
    });
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => {});
      throw describeConnectError(error, target.url);
    }
    store = createPostgresStore(pool);
  } else {
    try {
      store = createSqliteStore(target.file);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw databaseError(`Cannot open SQLite database "${target.file}": ${detail}`);
    }
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => {});
      const detail = error instanceof Error ? error.message : String(error);
      throw databaseError(
        `Database migration failed: ${detail}`,
        target.kind === 'postgres' ? target.url : undefined,
      );
    }
  }
  return store;
}
