import { newIdentitySecret } from '../security/identity-token.js';
import { newWidgetId } from './ids.js';
import { storableText } from './sql.js';
import type {
  IdentitySettings,
  NewWidget,
  WidgetLimits,
  WidgetPatch,
  WidgetRecord,
} from './types.js';

/** A widgets row as either driver returns it: JSON as text (SQLite) or parsed (jsonb), booleans as 0/1 or true/false. */
export interface WidgetRow {
  readonly id: string;
  readonly name: string;
  readonly webhook_url: string;
  readonly allowed_origins: unknown;
  readonly config: unknown;
  readonly limits: unknown;
  readonly disabled: unknown;
  readonly transcripts: unknown;
  readonly identity: unknown;
  readonly created_at: string | Date;
  readonly updated_at: string | Date;
}

// identity_secret is left out on purpose: it is read only through Store.identitySecret.
export const WIDGET_COLUMNS =
  'id, name, webhook_url, allowed_origins, config, limits, disabled, transcripts, identity, created_at, updated_at';

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identitySettings(value: unknown): IdentitySettings {
  const settings = isRecord(value) ? value : {};
  return {
    required: settings.required === true,
    claims: Array.isArray(settings.claims) ? settings.claims.map(String) : [],
  };
}

export function widgetFromRow(row: WidgetRow): WidgetRecord {
  const origins = json(row.allowed_origins);
  const config = json(row.config);
  const limits = json(row.limits);
  return {
    id: row.id,
    name: row.name,
    webhookUrl: row.webhook_url,
    allowedOrigins: Array.isArray(origins) ? origins.map(String) : [],
    config: isRecord(config) ? config : {},
    limits: isRecord(limits) ? (limits as Partial<WidgetLimits>) : {},
    disabled: Boolean(row.disabled),
    transcripts: Boolean(row.transcripts),
    identity: identitySettings(json(row.identity)),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Booleans are bound as 0/1 for SQLite and true/false for PostgreSQL. */
export type BoolParam = (value: boolean) => number | boolean;

export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export function insertWidget(input: NewWidget, bool: BoolParam, now = new Date()): SqlStatement {
  const at = now.toISOString();
  return {
    sql: `INSERT INTO widgets (${WIDGET_COLUMNS}, identity_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${WIDGET_COLUMNS}`,
    params: [
      newWidgetId(),
      storableText(input.name),
      storableText(input.webhookUrl),
      toJson([...input.allowedOrigins]),
      toJson(input.config ?? {}),
      toJson(input.limits ?? {}),
      bool(false),
      bool(input.transcripts ?? false),
      toJson(identitySettings(input.identity)),
      at,
      at,
      newIdentitySecret(),
    ],
  };
}

/** One UPDATE touching only the patched columns, so concurrent patches of different fields both land. */
export function updateWidget(
  id: string,
  patch: WidgetPatch,
  bool: BoolParam,
  now = new Date(),
): SqlStatement {
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    params.push(value);
  };
  if (patch.name !== undefined) set('name', storableText(patch.name));
  if (patch.webhookUrl !== undefined) set('webhook_url', storableText(patch.webhookUrl));
  if (patch.allowedOrigins !== undefined) set('allowed_origins', toJson([...patch.allowedOrigins]));
  if (patch.config !== undefined) set('config', toJson(patch.config));
  if (patch.limits !== undefined) set('limits', toJson(patch.limits));
  if (patch.disabled !== undefined) set('disabled', bool(patch.disabled));
  if (patch.transcripts !== undefined) set('transcripts', bool(patch.transcripts));
  if (patch.identity !== undefined) set('identity', toJson(identitySettings(patch.identity)));
  set('updated_at', now.toISOString());
  params.push(id);
  return {
    sql: `UPDATE widgets SET ${sets.join(', ')} WHERE id = ? RETURNING ${WIDGET_COLUMNS}`,
    params,
  };
}
