/** A value a driver hands back for a numeric column (pg returns bigint and numeric as strings). */
export type SqlNumber = number | string | bigint | null;

export function toNumber(value: SqlNumber | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** Shared SQL is written with `?` placeholders; PostgreSQL wants `$1, $2, …`. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text both backends store identically: PostgreSQL refuses NUL, and jsonb refuses unpaired surrogates. */
export function storableText(text: string): string {
  return text.replaceAll('\0', '').replace(LONE_SURROGATE, '\uFFFD');
}
