import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTarget, redactDatabaseUrl } from '../database-url.js';
import { openStore } from '../open-store.js';

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('choosing and opening a database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwp-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses PostgreSQL for postgres:// and postgresql:// URLs and SQLite otherwise', () => {
    expect(databaseTarget({ databaseUrl: 'postgres://u@db:5432/x' }).kind).toBe('postgres');
    expect(databaseTarget({ databaseUrl: 'POSTGRESQL://u@db/x' }).kind).toBe('postgres');
    expect(databaseTarget({})).toEqual({ kind: 'sqlite', file: './cwp.db' });
    expect(databaseTarget({ file: '/var/lib/cwp/data.db' })).toEqual({
      kind: 'sqlite',
      file: '/var/lib/cwp/data.db',
    });
    expect(databaseTarget({ databaseUrl: 'sqlite:/data/cwp.db', file: 'ignored.db' })).toEqual({
      kind: 'sqlite',
      file: '/data/cwp.db',
    });
    expect(databaseTarget({ file: ':memory:' })).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('opens an in-memory SQLite store for tests', async () => {
    const store = await openStore({ file: ':memory:' });
    expect(store.kind).toBe('sqlite');
    const w = await store.createWidget({
      name: 'm',
      webhookUrl: 'https://h.example/w',
      allowedOrigins: [],
    });
    expect((await store.getWidget(w.id))?.name).toBe('m');
    await store.close();
  });

  it('refuses a URL with another scheme, naming the scheme and hiding the password', async () => {
    const error = await failure(openStore({ databaseUrl: 'mysql://admin:hunter2@db.example/cwp' }));
    expect(error.message).toMatch(/Unsupported database URL scheme "mysql:"/);
    expect(error.message).toContain('admin:***@db.example');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a malformed PostgreSQL URL without echoing it', async () => {
    const error = await failure(
      openStore({ databaseUrl: 'postgres://admin:hunter2@db.example:99999/cwp' }),
    );
    expect(error.message).toMatch(/not a valid URL/);
    expect(error.message).not.toContain('hunter2');
  });

  it('says nothing is listening when the host refuses, without the password', async () => {
    // A port that was just free: bind, read it, close.
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const error = await failure(
      openStore({ databaseUrl: `postgres://cwp:p%40ss-hunter2@127.0.0.1:${port}/cwp` }),
    );
    expect(error.message).toContain(`nothing is listening at 127.0.0.1:${port}`);
    expect(error.message).not.toMatch(/hunter2|p@ss/);
  });

  it('says the host was not found for an unresolvable name', async () => {
    const error = await failure(
      openStore({ databaseUrl: 'postgres://cwp:hunter2@no-such-host.invalid:5432/cwp' }),
    );
    expect(error.message).toMatch(/host not found|timed out/);
    expect(error.message).not.toContain('hunter2');
  });

  it('times out against a server that accepts but never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await failure(
        openStore({
          databaseUrl: `postgres://cwp:hunter2@127.0.0.1:${port}/cwp`,
          connectTimeoutMs: 300,
        }),
      );
      expect(error.message).toMatch(/timed out connecting to 127\.0\.0\.1/);
      expect(error.message).not.toContain('hunter2');
    } finally {
      silent.close();
    }
  });

  it('names a SQLite file that cannot be opened', async () => {
    const error = await failure(openStore({ file: join(dir, 'missing-dir', 'cwp.db') }));
    expect(error.message).toMatch(/Cannot open SQLite database ".*missing-dir/);
  });

  it('redacts only the password of a URL', () => {
    expect(redactDatabaseUrl('postgres://u:secret@h:5432/db?x=1')).toBe(
      'postgres://u:***@h:5432/db?x=1',
    );
    expect(redactDatabaseUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
