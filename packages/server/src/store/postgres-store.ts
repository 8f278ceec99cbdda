import type pg from 'pg';
import {
  analyticsRows,
  BATCH_ID_RETENTION_MS,
  SWEEP_BATCHES_SQL,
  shouldSweep,
  transcriptRows,
} from './analytics-rows.js';
import { BINDING_RETENTION_MS, IDENTITY_SQL } from './identity-rows.js';
import { assembleReport, REPORT_SQL, reportRange } from './report.js';
import { CREATE_MIGRATIONS_TABLE, MIGRATIONS } from './schema.js';
import { toPgPlaceholders } from './sql.js';
import { transcriptSessionFromRow, transcriptSessionsQuery } from './transcript-search.js';
import type { Store, TranscriptLine, WidgetRecord } from './types.js';
import {
  insertWidget,
  updateWidget,
  WIDGET_COLUMNS,
  type WidgetRow,
  widgetFromRow,
} from './widget-rows.js';

const bool = (value: boolean) => value;
/** Any fixed 64-bit key: every instance sharing the database takes the same lock while migrating. */
const MIGRATION_LOCK_KEY = 7_346_019_221_845;

type Queryable = pg.Pool | pg.PoolClient;

async function rows<R extends pg.QueryResultRow>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  const result = await db.query<R>(toPgPlaceholders(sql), params as unknown[]);
  return result.rows;
}

/** Errors that leave the connection unusable (socket errors, or the server ending the session). */
function isConnectionError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return !('severity' in error) || (error as { severity?: string }).severity === 'FATAL';
}

/**
 * Runs fn on one pooled connection. A connection that breaks while checked out emits 'error' outside any
 * query; that is caught here and the client is discarded rather than returned to the pool.
 */
async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } catch (error) {
    broken ??= isConnectionError(error) ? error : undefined;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken ?? false);
  }
}

async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const value = await fn(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/** Rows are inserted with one statement per batch (arrays unnested), keeping only widgets that exist. */
const INSERT_ANALYTICS = `INSERT INTO analytics (widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
  SELECT t.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::boolean[], $8::text[], $9::text[])
    AS t(widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
  WHERE EXISTS (SELECT 1 FROM widgets w WHERE w.id = t.widget_id)`;

/**
 * The same, skipped whole when the batch id is already stored: one statement (so one round trip and
 * its own transaction) that marks the batch and inserts its rows, or neither.
 */
const INSERT_ANALYTICS_ONCE = `WITH mark AS (
    INSERT INTO analytics_batches (id, at) VALUES ($10::text, $11::bigint)
    ON CONFLICT (id) DO NOTHING RETURNING 1
  )
  INSERT INTO analytics (widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
  SELECT t.* FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::boolean[], $8::text[], $9::text[])
    AS t(widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
  WHERE EXISTS (SELECT 1 FROM mark) AND EXISTS (SELECT 1 FROM widgets w WHERE w.id = t.widget_id)`;

const INSERT_TRANSCRIPT = `INSERT INTO transcripts (widget_id, session_id, role, text, at)
  SELECT t.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
    AS t(widget_id, session_id, role, text, at)
  WHERE EXISTS (SELECT 1 FROM widgets w WHERE w.id = t.widget_id)`;

/** Shared store on PostgreSQL through a pool; several server instances can use one database. */
export function createPostgresStore(pool: pg.Pool): Store {
  let closed = false;

  return {
    kind: 'postgres',
    async migrate() {
      await withClient(pool, async (client) => {
        // Session-level lock: a second instance waits here until the first has finished migrating.
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await client.query(CREATE_MIGRATIONS_TABLE);
          const done = new Set(
            (await rows<{ version: number }>(client, 'SELECT version FROM schema_migrations')).map(
              (r) => Number(r.version),
            ),
          );
          for (const m of MIGRATIONS) {
            if (done.has(m.version)) continue;
            await client.query('BEGIN');
            try {
              await client.query(m.postgres);
              await rows(
                client,
                'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
                [m.version, m.name, new Date().toISOString()],
              );
              await client.query('COMMIT');
            } catch (error) {
              await client.query('ROLLBACK').catch(() => {});
              throw error;
            }
          }
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      });
    },
    async ping() {
      if (closed) return false;
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async createWidget(input) {
      const { sql, params } = insertWidget(input, bool);
      return widgetFromRow((await rows<WidgetRow>(pool, sql, params))[0]!);
    },
    async getWidget(id) {
      const [row] = await rows<WidgetRow>(
        pool,
        `SELECT ${WIDGET_COLUMNS} FROM widgets WHERE id = ?`,
        [id],
      );
      return row ? widgetFromRow(row) : null;
    },
    async listWidgets(): Promise<readonly WidgetRecord[]> {
      const list = await rows<WidgetRow>(
        pool,
        `SELECT ${WIDGET_COLUMNS} FROM widgets ORDER BY created_at, id`,
      );
      return list.map(widgetFromRow);
    },
    async updateWidget(id, patch) {
      const { sql, params } = updateWidget(id, patch, bool);
      const [row] = await rows<WidgetRow>(pool, sql, params);
      return row ? widgetFromRow(row) : null;
    },
    async deleteWidget(id) {
      // Analytics and transcripts go with it (ON DELETE CASCADE).
      const result = await pool.query('DELETE FROM widgets WHERE id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },
    async recordAnalytics(records, options) {
      const list = analyticsRows(records);
      if (list.length === 0) return;
      const params = [
        list.map((r) => r.widgetId),
        list.map((r) => r.at),
        list.map((r) => r.day),
        list.map((r) => r.kind),
        list.map((r) => r.sessionId),
        list.map((r) => r.latencyMs),
        list.map((r) => r.streamed),
        list.map((r) => r.errorKind),
        list.map((r) => r.messageId),
      ];
      const batchId = options?.batchId;
      if (batchId === undefined) {
        await pool.query(INSERT_ANALYTICS, params);
        return;
      }
      const now = Date.now();
      if (shouldSweep()) {
        await rows(pool, SWEEP_BATCHES_SQL, [now - BATCH_ID_RETENTION_MS]);
      }
      // One round trip: the recorder's flush interval bounds what a crash can lose, and the write's
      // own latency adds to it.
      await pool.query(INSERT_ANALYTICS_ONCE, [...params, batchId, now]);
    },
    async identitySecret(widgetId) {
      const [row] = await rows<{ secret: string | null }>(pool, IDENTITY_SQL.secret, [widgetId]);
      return row?.secret ?? null;
    },
    async setIdentitySecret(widgetId, secret) {
      const at = new Date().toISOString();
      const result = await pool.query(toPgPlaceholders(IDENTITY_SQL.setSecret), [
        secret,
        at,
        widgetId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async sessionIdentity(widgetId, sessionId) {
      const [row] = await rows<{ sub: string }>(pool, IDENTITY_SQL.binding, [widgetId, sessionId]);
      return row?.sub ?? null;
    },
    async bindSession(widgetId, sessionId, sub) {
      // Usually the session is bound already: one read, no write.
      const [bound] = await rows<{ sub: string }>(pool, IDENTITY_SQL.binding, [
        widgetId,
        sessionId,
      ]);
      if (bound) return bound.sub;
      const now = Date.now();
      if (shouldSweep()) await rows(pool, IDENTITY_SQL.sweep, [now - BINDING_RETENTION_MS]);
      await rows(pool, IDENTITY_SQL.bind, [widgetId, sessionId, sub, now]);
      const [row] = await rows<{ sub: string }>(pool, IDENTITY_SQL.binding, [widgetId, sessionId]);
      return row!.sub;
    },
    async saveTranscript(lines) {
      const list = transcriptRows(lines);
      if (list.length === 0) return;
      await pool.query(INSERT_TRANSCRIPT, [
        list.map((r) => r.widgetId),
        list.map((r) => r.sessionId),
        list.map((r) => r.role),
        list.map((r) => r.text),
        list.map((r) => r.at),
      ]);
    },
    async listTranscript(widgetId, sessionId) {
      const lines = await rows<TranscriptLine & { at: string }>(
        pool,
        `SELECT widget_id AS "widgetId", session_id AS "sessionId", role, text, at FROM transcripts
         WHERE widget_id = ? AND session_id = ? ORDER BY at, id`,
        [widgetId, sessionId],
      );
      return lines.map((l) => ({ ...l, at: Number(l.at) }));
    },
    async transcriptSessions(widgetId, search) {
      const { sql, args } = transcriptSessionsQuery('postgres', widgetId, search);
      return (await rows<Parameters<typeof transcriptSessionFromRow>[0]>(pool, sql, args)).map(
        transcriptSessionFromRow,
      );
    },
    async report(widgetId, fromMs, toMs) {
      const range = reportRange(fromMs, toMs);
      const args = [widgetId, range.fromDay, range.toDay];
      // One snapshot for all four queries, so totals and days agree even while events arrive.
      const result = await inTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return {
          dayCounts: await rows(client, REPORT_SQL.dayCounts, args),
          errorKinds: await rows(client, REPORT_SQL.errorKinds, args),
          latencies: await rows(client, REPORT_SQL.latencies, args),
          rangeSessions: await rows(client, REPORT_SQL.rangeSessions, args),
          feedback: await rows(client, REPORT_SQL.feedback, args),
        } as Parameters<typeof assembleReport>[2];
      });
      return assembleReport(widgetId, range, result);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
