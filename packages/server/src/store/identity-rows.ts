/** SQL for verified visitors, written with `?` placeholders for both drivers. */
export const IDENTITY_SQL = {
  secret: 'SELECT identity_secret AS secret FROM widgets WHERE id = ?',
  setSecret: 'UPDATE widgets SET identity_secret = ?, updated_at = ? WHERE id = ?',
  binding: 'SELECT sub FROM session_identities WHERE widget_id = ? AND session_id = ?',
  // The first identity to use a session keeps it; a concurrent second insert does nothing.
  bind: `INSERT INTO session_identities (widget_id, session_id, sub, at) VALUES (?, ?, ?, ?)
    ON CONFLICT (widget_id, session_id) DO NOTHING`,
  sweep: 'DELETE FROM session_identities WHERE at < ?',
} as const;

/**
 * How long a session stays bound to the identity that first used it. n8n forgets a session's memory
 * after about an hour idle; a binding older than this is swept (on about one new binding in a
 * hundred), so the table does not grow for ever.
 */
export const BINDING_RETENTION_MS = 90 * 24 * 3_600_000;
