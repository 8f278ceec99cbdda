export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** Append-only: a released migration is never edited, a change is a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'widgets, analytics, transcripts',
    sqlite: `
      CREATE TABLE widgets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        webhook_url TEXT NOT NULL,
        allowed_origins TEXT NOT NULL,
        config TEXT NOT NULL,
        limits TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        transcripts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE analytics (
        id INTEGER PRIMARY KEY,
        widget_id TEXT NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        session_id TEXT,
        latency_ms INTEGER,
        streamed INTEGER,
        error_kind TEXT
      );
      CREATE INDEX analytics_widget_day ON analytics (widget_id, day);
      CREATE TABLE transcripts (
        id INTEGER PRIMARY KEY,
        widget_id TEXT NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX transcripts_widget_session ON transcripts (widget_id, session_id, at);
    `,
    postgres: `
      CREATE TABLE widgets (
        id text PRIMARY KEY,
        name text NOT NULL,
        webhook_url text NOT NULL,
        allowed_origins jsonb NOT NULL,
        config jsonb NOT NULL,
        limits jsonb NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        transcripts boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE analytics (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        widget_id text NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        at bigint NOT NULL,
        day text NOT NULL,
        kind text NOT NULL,
        session_id text,
        latency_ms integer,
        streamed boolean,
        error_kind text
      );
      CREATE INDEX analytics_widget_day ON analytics (widget_id, day);
      CREATE TABLE transcripts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        widget_id text NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        session_id text NOT NULL,
        role text NOT NULL,
        text text NOT NULL,
        at bigint NOT NULL
      );
      CREATE INDEX transcripts_widget_session ON transcripts (widget_id, session_id, at);
    `,
  },
  {
    version: 2,
    name: 'analytics batch ids (idempotent retries)',
    sqlite: `
      CREATE TABLE analytics_batches (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
      CREATE INDEX analytics_batches_at ON analytics_batches (at);
    `,
    postgres: `
      CREATE TABLE analytics_batches (id text PRIMARY KEY, at bigint NOT NULL);
      CREATE INDEX analytics_batches_at ON analytics_batches (at);
    `,
  },
  {
    version: 3,
    name: 'verified visitors: identity secret and settings, sessions bound to a sub',
    sqlite: `
      ALTER TABLE widgets ADD COLUMN identity_secret TEXT;
      ALTER TABLE widgets ADD COLUMN identity TEXT NOT NULL DEFAULT '{}';
      CREATE TABLE session_identities (
        widget_id TEXT NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        sub TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (widget_id, session_id)
      );
    `,
    postgres: `
      ALTER TABLE widgets ADD COLUMN identity_secret text;
      ALTER TABLE widgets ADD COLUMN identity jsonb NOT NULL DEFAULT '{}'::jsonb;
      CREATE TABLE session_identities (
        widget_id text NOT NULL REFERENCES widgets (id) ON DELETE CASCADE,
        session_id text NOT NULL,
        sub text NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (widget_id, session_id)
      );
    `,
  },
  {
    version: 4,
    name: 'analytics message id (reply feedback)',
    sqlite: `
      ALTER TABLE analytics ADD COLUMN message_id TEXT;
      CREATE INDEX analytics_feedback ON analytics (widget_id, session_id, message_id) WHERE message_id IS NOT NULL;
    `,
    postgres: `
      ALTER TABLE analytics ADD COLUMN message_id text;
      CREATE INDEX analytics_feedback ON analytics (widget_id, session_id, message_id) WHERE message_id IS NOT NULL;
    `,
  },
];

export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
