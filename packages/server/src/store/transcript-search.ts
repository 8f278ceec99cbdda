/** Which conversations of a widget to list: a time range, optionally only those containing a text. */
export interface TranscriptSearch {
  /** Epoch ms, inclusive. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Case-insensitive text any line of the conversation contains; blank: every conversation. */
  readonly query?: string;
  /** At most this many sessions. */
  readonly limit: number;
}

/** One conversation found: the session and when it was active inside the range. */
export interface TranscriptSession {
  readonly sessionId: string;
  readonly firstAt: number;
  readonly lastAt: number;
  /** Lines inside the range. */
  readonly lines: number;
}

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Sessions with lines in the range, the most recently active first. With a query, only sessions
 * with a line in the range containing it (SQLite's LIKE ignores ASCII case; PostgreSQL uses ILIKE).
 */
export function transcriptSessionsQuery(
  dialect: 'sqlite' | 'postgres',
  widgetId: string,
  search: TranscriptSearch,
): { sql: string; args: unknown[] } {
  const query = search.query?.trim() ?? '';
  const like = dialect === 'postgres' ? 'ILIKE' : 'LIKE';
  const filter =
    query === ''
      ? ''
      : `AND session_id IN (SELECT session_id FROM transcripts
           WHERE widget_id = ? AND at >= ? AND at <= ? AND text ${like} ? ESCAPE '\\')`;
  const args: unknown[] = [widgetId, search.fromMs, search.toMs];
  if (query !== '') args.push(widgetId, search.fromMs, search.toMs, likePattern(query));
  args.push(search.limit);
  return {
    sql: `SELECT session_id AS "sessionId", MIN(at) AS "firstAt", MAX(at) AS "lastAt", COUNT(*) AS "lines"
      FROM transcripts WHERE widget_id = ? AND at >= ? AND at <= ? ${filter}
      GROUP BY session_id ORDER BY MAX(at) DESC, session_id LIMIT ?`,
    args,
  };
}

export const transcriptSessionFromRow = (row: {
  sessionId: string;
  firstAt: unknown;
  lastAt: unknown;
  lines: unknown;
}): TranscriptSession => ({
  sessionId: row.sessionId,
  firstAt: Number(row.firstAt),
  lastAt: Number(row.lastAt),
  lines: Number(row.lines),
});
