export const usage = `cwp-server — ChatWidgetPro managed mode

Usage:
  cwp-server start [--port 8787] [--host 127.0.0.1] [--db ./cwp.db] [--allow-private-webhooks]
                   [--trust-proxy IP|CIDR …]
  cwp-server widgets create --name NAME --webhook-url URL --origin ORIGIN… [--transcripts] [--config JSON]
  cwp-server widgets list
  cwp-server widgets update ID [--name NAME] [--webhook-url URL] [--origin ORIGIN…] [--add-origin ORIGIN…]
                   [--disable | --enable]
                   [--require-identity | --allow-anonymous] [--identity-claim NAME…]
  (create and update)  [--uploads | --no-uploads] [--upload-types LIST] [--max-file-size BYTES]
                   [--max-files N]   file uploads: LIST like image/*,application/pdf,.csv
  cwp-server widgets identity-secret ID   (a new identity secret, printed once; old tokens stop working)
  cwp-server widgets delete ID
  cwp-server report [ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD]

Every command takes --db FILE; DATABASE_URL (postgres://… or a SQLite path) wins over it.
Environment: CWP_ADMIN_TOKEN enables the admin API; CWP_ALLOW_PRIVATE_WEBHOOKS=1 equals
--allow-private-webhooks (webhooks on loopback and private addresses). REDIS_URL (redis://…) shares
rate limits and stream caps between instances.
`;

/** Bad usage: runCli prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

/** Runs an argument parser; its complaints become a UsageError. */
export function parseCommandLine<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
