import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { plainText } from './terminal-text.js';
import { UsageError } from './usage.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the process should stop (SIGINT/SIGTERM) for `start`. */
  readonly untilStopped?: () => Promise<void>;
}

/** The options every command takes. */
export const commonOptions = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'allow-private-webhooks': { type: 'boolean' },
} as const;

export function allowPrivateWebhooks(flag: boolean | undefined, env: CliIo['env']): boolean {
  return (
    flag === true ||
    env.CWP_ALLOW_PRIVATE_WEBHOOKS === '1' ||
    env.CWP_ALLOW_PRIVATE_WEBHOOKS === 'true'
  );
}

/** Opens the store (DATABASE_URL wins over --db), runs `run` on it and closes it. */
export async function withStore<T>(
  db: string | undefined,
  env: CliIo['env'],
  run: (store: Store) => Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = await openStore({
      ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      ...(db ? { file: db } : {}),
    });
  } catch (error) {
    throw new UsageError(
      `cannot open the database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

export function noSuchWidget(id: string): Error {
  return new Error(`no widget with id ${JSON.stringify(plainText(id))}`);
}
