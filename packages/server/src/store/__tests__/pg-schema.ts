/** The same PostgreSQL URL, with every connection's search_path set to one schema. */
export function withSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
