/** SQL for verified visitors, written with `?` placeholders for both drivers. */
export const IDENTITY_SQL = {
  secret: 'SELECT identity_secret AS secret FROM widgets WHERE id = ?',
  setSecret: 'UPDATE widgets SET identity_secret = ?, updated_at = ? WHERE id = ?',
  binding: 'SELECT sub FROM session_identities WHERE widget_id = ? AND session_id = ?',
  // The first identity to use a session keeps it; a concurrent second insert does nothing.
  bind: `INSERT INTO session_identities (widget_id, session_id, sub, at) VALUES (?, ?, ?, ?)
    ON CONFLICT (widget_id, session_id) DO NOTHING`,
} as const;
