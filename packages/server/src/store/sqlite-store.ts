import Database from 'better-sqlite3';
import {
  type AnalyticsRow,
  analyticsRows,
  BATCH_ID_RETENTION_MS,
  distinctWidgetIds,
  MARK_BATCH_SQL,
  SWEEP_BATCHES_SQL,
  shouldSweep,
  transcriptRows,
} from './analytics-rows.js';
import { BINDING_RETENTION_MS, IDENTITY_SQL } from './identity-rows.js';
import { assembleReport, REPORT_SQL, reportRange } from './report.js';
import { CREATE_MIGRATIONS_TABLE, MIGRATIONS } from './schema.js';
import { transcriptSessionFromRow, transcriptSessionsQuery } from './transcript-search.js';
import type { Store, TranscriptLine, WidgetRecord } from './types.js';
import {
  insertWidget,
  updateWidget,
  WIDGET_COLUMNS,
  type WidgetRow,
  widgetFromRow,
} from './widget-rows.js';

const bool = (value: boolean) => (value ? 1 : 0);
const eventValues = (r: AnalyticsRow) =>
  [
    r.widgetId,
    r.at,
    r.day,
    r.kind,
    r.sessionId,
    r.latencyMs,
    r.streamed === null ? null : bool(r.streamed),
    r.errorKind,
    r.messageId,
  ] as const;

/** Embedded store on one SQLite file (WAL). better-sqlite3 is synchronous, so each method runs whole, transactions included. */
export function createSqliteStore(file: string): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');

  const migrateTx = db.transaction(() => {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const done = new Set(
      db
        .prepare('SELECT version FROM schema_migrations')
        .pluck()
        .all()
        .map((v) => Number(v)),
    );
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sqlite);
      record.run(m.version, m.name, new Date().toISOString());
    }
  });

  let prepared: ReturnType<typeof prepare> | null = null;
  function prepare() {
    return {
      get: db.prepare<[string], WidgetRow>(`SELECT ${WIDGET_COLUMNS} FROM widgets WHERE id = ?`),
      list: db.prepare<[], WidgetRow>(
        `SELECT ${WIDGET_COLUMNS} FROM widgets ORDER BY created_at, id`,
      ),
      exists: db.prepare<[string], number>('SELECT 1 FROM widgets WHERE id = ?').pluck(),
      insertEvent: db.prepare(
        `INSERT INTO analytics (widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertTwoEvents: db.prepare(
        `INSERT INTO analytics (widget_id, at, day, kind, session_id, latency_ms, streamed, error_kind, message_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLine: db.prepare(
        'INSERT INTO transcripts (widget_id, session_id, role, text, at) VALUES (?, ?, ?, ?, ?)',
      ),
      listLines: db.prepare<[string, string], TranscriptLine>(
        `SELECT widget_id AS widgetId, session_id AS sessionId, role, text, at FROM transcripts
         WHERE widget_id = ? AND session_id = ? ORDER BY at, id`,
      ),
      report: {
        dayCounts: db.prepare(REPORT_SQL.dayCounts),
        errorKinds: db.prepare(REPORT_SQL.errorKinds),
        latencies: db.prepare(REPORT_SQL.latencies),
        rangeSessions: db.prepare(REPORT_SQL.rangeSessions),
        feedback: db.prepare(REPORT_SQL.feedback),
      },
    };
  }
  // Statements can only be prepared once the tables exist, i.e. after migrate().
  const q = () => {
    prepared ??= prepare();
    return prepared;
  };

  const existingIds = (ids: string[]) => new Set(ids.filter((id) => q().exists.get(id) === 1));

  const writeAnalyticsTx = db.transaction(
    (rows: ReturnType<typeof analyticsRows>, batchId: string | undefined, checked: boolean) => {
      if (batchId !== undefined) {
        const now = Date.now();
        if (shouldSweep()) db.prepare(SWEEP_BATCHES_SQL).run(now - BATCH_ID_RETENTION_MS);
        if (db.prepare(MARK_BATCH_SQL).run(batchId, now).changes === 0) return;
      }
      const known = checked ? existingIds(distinctWidgetIds(rows)) : null;
      const insert = q().insertEvent;
      for (const r of rows) if (!known || known.has(r.widgetId)) insert.run(...eventValues(r));
    },
  );
  // Rows of a widget deleted meanwhile fail its foreign key: only then is the batch written again
  // without them, rather than looking every widget up on each write (one per chat message).
  const writeAnalytics = (rows: ReturnType<typeof analyticsRows>, batchId?: string) => {
    try {
      // A chat message and its outcome: one statement is atomic, no transaction of its own needed.
      if (batchId === undefined && rows.length === 1) q().insertEvent.run(...eventValues(rows[0]!));
      else if (batchId === undefined && rows.length === 2)
        q().insertTwoEvents.run(...eventValues(rows[0]!), ...eventValues(rows[1]!));
      else writeAnalyticsTx(rows, batchId, false);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      writeAnalyticsTx(rows, batchId, true);
    }
  };

  const writeTranscript = db.transaction((rows: ReturnType<typeof transcriptRows>) => {
    const known = existingIds(distinctWidgetIds(rows));
    for (const r of rows) {
      if (known.has(r.widgetId)) q().insertLine.run(r.widgetId, r.sessionId, r.role, r.text, r.at);
    }
  });

  // Analytics and transcripts go with the widget (ON DELETE CASCADE).
  const removeWidget = (id: string) =>
    db.prepare('DELETE FROM widgets WHERE id = ?').run(id).changes > 0;

  // Prepared once, after migrate() (the columns exist from then on): a chat request uses them each time.
  let identityStatements: ReturnType<typeof prepareIdentity> | null = null;
  function prepareIdentity() {
    return {
      secret: db.prepare<[string], string | null>(IDENTITY_SQL.secret).pluck(),
      binding: db.prepare<[string, string], string>(IDENTITY_SQL.binding).pluck(),
      bind: db.prepare(IDENTITY_SQL.bind),
      sweep: db.prepare(IDENTITY_SQL.sweep),
    };
  }
  const iq = () => {
    identityStatements ??= prepareIdentity();
    return identityStatements;
  };
  const bindSession = db.transaction((widgetId: string, sessionId: string, sub: string) => {
    const bound = iq().binding.get(widgetId, sessionId);
    if (bound !== undefined) return bound;
    const now = Date.now();
    if (shouldSweep()) iq().sweep.run(now - BINDING_RETENTION_MS);
    iq().bind.run(widgetId, sessionId, sub, now);
    return iq().binding.get(widgetId, sessionId)!;
  });

  const readReport = db.transaction((widgetId: string, fromDay: string, toDay: string) => {
    const s = q().report;
    const args = [widgetId, fromDay, toDay];
    return {
      dayCounts: s.dayCounts.all(...args),
      errorKinds: s.errorKinds.all(...args),
      latencies: s.latencies.all(...args),
      rangeSessions: s.rangeSessions.all(...args),
      feedback: s.feedback.all(...args),
    } as Parameters<typeof assembleReport>[2];
  });

  let closed = false;

  return {
    kind: 'sqlite',
    async migrate() {
      // IMMEDIATE takes the write lock first, so two processes migrating at once queue instead of failing.
      migrateTx.immediate();
    },
    async ping() {
      if (closed) return false;
      try {
        return db.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    async createWidget(input) {
      const { sql, params } = insertWidget(input, bool);
      return widgetFromRow(db.prepare<unknown[], WidgetRow>(sql).get(...params)!);
    },
    async getWidget(id) {
      const row = q().get.get(id);
      return row ? widgetFromRow(row) : null;
    },
    async listWidgets(): Promise<readonly WidgetRecord[]> {
      return q().list.all().map(widgetFromRow);
    },
    async updateWidget(id, patch) {
      const { sql, params } = updateWidget(id, patch, bool);
      const row = db.prepare<unknown[], WidgetRow>(sql).get(...params);
      return row ? widgetFromRow(row) : null;
    },
    async deleteWidget(id) {
      return removeWidget(id);
    },
    async recordAnalytics(records, options) {
      const rows = analyticsRows(records);
      if (rows.length > 0) writeAnalytics(rows, options?.batchId);
    },
    // In WAL mode with synchronous=NORMAL a commit is in the OS before this returns: it survives the
    // process being killed (not a power cut), at tens of microseconds per commit.
    recordAnalyticsNow(records) {
      const rows = analyticsRows(records);
      if (rows.length > 0) writeAnalytics(rows);
    },
    async identitySecret(widgetId) {
      return iq().secret.get(widgetId) ?? null;
    },
    async setIdentitySecret(widgetId, secret) {
      const at = new Date().toISOString();
      return db.prepare(IDENTITY_SQL.setSecret).run(secret, at, widgetId).changes > 0;
    },
    async sessionIdentity(widgetId, sessionId) {
      return iq().binding.get(widgetId, sessionId) ?? null;
    },
    async bindSession(widgetId, sessionId, sub) {
      // Usually bound already: a read without a transaction.
      return iq().binding.get(widgetId, sessionId) ?? bindSession(widgetId, sessionId, sub);
    },
    async saveTranscript(lines) {
      const rows = transcriptRows(lines);
      if (rows.length > 0) writeTranscript(rows);
    },
    async listTranscript(widgetId, sessionId) {
      return q()
        .listLines.all(widgetId, sessionId)
        .map((l) => ({ ...l, at: Number(l.at) }));
    },
    async transcriptSessions(widgetId, search) {
      const { sql, args } = transcriptSessionsQuery('sqlite', widgetId, search);
      return db
        .prepare<unknown[], Parameters<typeof transcriptSessionFromRow>[0]>(sql)
        .all(...args)
        .map(transcriptSessionFromRow);
    },
    async report(widgetId, fromMs, toMs) {
      const range = reportRange(fromMs, toMs);
      return assembleReport(widgetId, range, readReport(widgetId, range.fromDay, range.toDay));
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
