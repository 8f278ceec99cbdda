// What verified visitors cost @cwp/server per chat request (the identity check alone, no HTTP):
//   npx tsx --conditions source bench/identity.bench.ts
// anonymous: the session-binding read every request without a token makes;
// verified: HS256 verification plus the binding of a session already bound (the usual case).
// SQLite in the OS tmp dir; PostgreSQL too when TEST_DATABASE_URL is set (own schema, dropped after).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkVisitor } from '../packages/server/src/security/identity.js';
import { signIdentityToken } from '../packages/server/src/security/identity-token.js';
import { withSchema } from '../packages/server/src/store/__tests__/pg-schema.js';
import { openStore } from '../packages/server/src/store/index.js';
import type { Store } from '../packages/server/src/store/types.js';

const rounds = 5_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(store: Store, label: string): Promise<void> {
  await store.migrate();
  const created = await store.createWidget({
    name: 'bench',
    webhookUrl: 'https://n8n.example.com/webhook/x',
    allowedOrigins: ['https://shop.example'],
    identity: { claims: ['name'] },
  });
  const widget = (await store.getWidget(created.id))!;
  const secret = (await store.identitySecret(widget.id))!;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const auth = `Bearer ${signIdentityToken({ sub: 'user-1', exp, name: 'Ada' }, secret)}`;
  for (const [kind, header] of [
    ['anonymous', undefined],
    ['verified', auth],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const session = kind === 'verified' ? 'bound-session' : `anon-${i % 500}`;
      const started = performance.now();
      const result = await checkVisitor(store, widget, header, session);
      times.push((performance.now() - started) * 1000);
      if (!result.ok) throw new Error(`${kind}: refused ${result.code}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(10)} ${kind.padEnd(9)} p50 ${percentile(times, 50).toFixed(1)} µs  p99 ${percentile(times, 99).toFixed(1)} µs`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cwp-bench-identity-'));
const sqlite = await openStore({ file: join(dir, 'bench.db') });
try {
  await measure(sqlite, 'SQLite');
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `cwp_bench_identity_${randomBytes(4).toString('hex')}`;
  // pg is @cwp/server's dependency, not the workspace root's.
  const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg') as {
    Client: new (options: {
      connectionString: string;
    }) => {
      connect(): Promise<unknown>;
      query(sql: string): Promise<unknown>;
      end(): Promise<void>;
    };
  };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = await openStore({ databaseUrl: withSchema(url, schema) });
  try {
    await measure(store, 'PostgreSQL');
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
} else {
  console.log('PostgreSQL skipped: set TEST_DATABASE_URL (node scripts/pg.mjs start)');
}
