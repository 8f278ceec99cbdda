import { parseArgs } from 'node:util';
import { startServer } from '../server.js';
import { allowPrivateWebhooks, type CliIo, commonOptions } from './command-context.js';
import { parseCommandLine, UsageError, usage } from './usage.js';

/** `cwp-server start`: serves until SIGINT/SIGTERM (or io.untilStopped). */
export async function start(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(() =>
    parseArgs({
      args,
      options: {
        ...commonOptions,
        port: { type: 'string' },
        host: { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`start takes no arguments, got ${JSON.stringify(positionals[0])}`);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port: port(values.port),
      host: values.host ?? '127.0.0.1',
      databaseUrl: io.env.DATABASE_URL || undefined,
      dbFile: values.db,
      adminToken: io.env.CWP_ADMIN_TOKEN || undefined,
      allowPrivateWebhooks: allowPrivateWebhooks(values['allow-private-webhooks'], io.env),
      trustedProxies: values['trust-proxy'] ?? [],
      redisUrl: io.env.REDIS_URL || undefined,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`the port is in use: ${message}`);
    throw new UsageError(`cannot start: ${message}`);
  }
  io.stdout(
    `cwp-server listening on ${server.url}${io.env.CWP_ADMIN_TOKEN ? '' : ' (admin API off: set CWP_ADMIN_TOKEN)'}\n`,
  );
  await (io.untilStopped ?? untilSignal)();
  await server.close();
  return 0;
}

function port(value: string | undefined): number {
  if (value === undefined) return 8787;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(value)}`);
  return number;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
