export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'sqlite'; readonly file: string };

export const DEFAULT_SQLITE_FILE = './cwp.db';

/** The URL with its password replaced, safe for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@');
}

function passwordOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]*)@/i.exec(url);
  return match?.[1] ? match[1] : null;
}

/** Errors about the database never carry the password, even when a driver message would. */
export function databaseError(message: string, url?: string): Error {
  const password = url ? passwordOf(url) : null;
  let safe = message;
  if (password) {
    for (const form of new Set([password, safeDecode(password)]))
      safe = safe.split(form).join('***');
  }
  return new Error(safe);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** postgres:// and postgresql:// go to PostgreSQL, sqlite:/file: and plain paths to SQLite; other schemes are refused. */
export function databaseTarget(options: { databaseUrl?: string; file?: string }): DatabaseTarget {
  const url = options.databaseUrl?.trim();
  if (url) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === 'postgres' || scheme === 'postgresql') {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        // URL's own error carries the input, password included; say what is wrong instead.
        throw databaseError(`Invalid database URL ${redactDatabaseUrl(url)}: not a valid URL`, url);
      }
      if (!parsed.hostname && !parsed.searchParams.get('host')) {
        throw databaseError(`Invalid database URL ${redactDatabaseUrl(url)}: no host`, url);
      }
      return { kind: 'postgres', url };
    }
    if (scheme === 'sqlite' || scheme === 'file') {
      const file = url.replace(/^(sqlite|file):(\/\/)?/i, '');
      return { kind: 'sqlite', file: file || DEFAULT_SQLITE_FILE };
    }
    if (scheme && scheme.length > 1) {
      throw databaseError(
        `Unsupported database URL scheme "${scheme}:" in ${redactDatabaseUrl(url)}: use postgres:// or postgresql:// (or a SQLite file path)`,
        url,
      );
    }
    return { kind: 'sqlite', file: url };
  }
  return { kind: 'sqlite', file: options.file?.trim() || DEFAULT_SQLITE_FILE };
}

interface DriverError {
  readonly code?: string;
  readonly message?: string;
  readonly errors?: readonly DriverError[];
}

/** A connection failure in words an operator can act on, naming the host but never the password. */
export function describeConnectError(error: unknown, url: string): Error {
  const e = (error ?? {}) as DriverError;
  const code = e.code ?? e.errors?.[0]?.code;
  const where = redactDatabaseUrl(url);
  let host = where;
  try {
    const parsed = new URL(url);
    host = `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {}
  const detail = (e.message || e.errors?.[0]?.message || String(error)).trim();
  const reason =
    code === 'ECONNREFUSED'
      ? `nothing is listening at ${host} (connection refused)`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `host not found (${host})`
        : code === 'ETIMEDOUT' || /timeout/i.test(detail)
          ? `timed out connecting to ${host}`
          : code === '28P01' || code === '28000'
            ? `authentication failed: ${detail}`
            : code === '3D000'
              ? `database does not exist: ${detail}`
              : detail;
  return databaseError(`Cannot connect to PostgreSQL at ${where}: ${reason}`, url);
}
