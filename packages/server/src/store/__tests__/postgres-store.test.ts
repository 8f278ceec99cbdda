import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { createAnalyticsRecorder } from '../../analytics/recorder.js';
import { openStore } from '../open-store.js';
import type { Store } from '../types.js';
import { withSchema } from './pg-schema.js';
import { describeStoreSuite } from './store-suite.js';

const url = process.env.TEST_DATABASE_URL;

if (!url) {
  describe('PostgreSQL store', () => {
    it('PostgreSQL not configured: run `node scripts/pg.mjs start` and set TEST_DATABASE_URL', () => {
      throw new Error(
        `TEST_DATABASE_URL is not set${process.env.CI ? ' in CI' : ''}: the PostgreSQL storage suite cannot run. ` +
          'Start one with `node scripts/pg.mjs start` and rerun with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres',
      );
    });
  });
} else {
  const testUrl = url;
  describeStoreSuite('PostgreSQL store (own schema per test)', async () => {
    // A schema of its own makes every test start empty and lets reruns and parallel runs coexist.
    const schema = `cwp_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const schemaUrl = withSchema(testUrl, schema);
    const opened: Store[] = [];
    return {
      async open(options) {
        const store = await openStore({ databaseUrl: schemaUrl, poolSize: 4, ...options });
        opened.push(store);
        return store;
      },
      async countRows(table) {
        const result = await admin.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM ${schema}.${table}`,
        );
        return Number(result.rows[0]?.n);
      },
      async dispose() {
        await Promise.all(opened.map((s) => s.close()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  });

  describe('PostgreSQL under faults', () => {
    it('writes every event of a burst exactly once while its connections are being killed', async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const schema = `cwp_test_${randomBytes(6).toString('hex')}`;
      const app = `cwp_victim_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: testUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const u = new URL(withSchema(testUrl, schema));
      u.searchParams.set('application_name', app);
      const store = await openStore({ databaseUrl: u.toString(), poolSize: 4 });
      try {
        const w = await store.createWidget({
          name: 'f',
          webhookUrl: 'https://h.example/x',
          allowedOrigins: [],
        });
        const recorder = createAnalyticsRecorder(store, { maxBatch: 250, retryDelayMs: 10 });
        const total = 20_000;
        let killed = 0;
        for (let i = 0; i < total; i++) {
          recorder.record({
            widgetId: w.id,
            at: Date.UTC(2026, 10, 20) + i,
            kind: 'message',
            sessionId: `s${i % 50}`,
          });
          if (i % 2_500 === 1_000) {
            // Let some batches start, then cut every connection the store holds.
            await new Promise((resolve) => setTimeout(resolve, 5));
            const result = await admin.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
              [app],
            );
            killed += result.rowCount ?? 0;
          }
        }
        await recorder.close();
        expect(killed).toBeGreaterThan(0);
        const count = await admin.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM ${schema}.analytics`,
        );
        expect(Number(count.rows[0]?.n)).toBe(total);
        const distinct = await admin.query<{ n: string }>(
          `SELECT COUNT(DISTINCT at) AS n FROM ${schema}.analytics`,
        );
        expect(Number(distinct.rows[0]?.n)).toBe(total);
        expect(errors).toHaveBeenCalled();
      } finally {
        errors.mockRestore();
        await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    });
  });

  describe('PostgreSQL connection errors', () => {
    it('names an authentication failure without echoing the password', async () => {
      const u = new URL(testUrl);
      u.username = 'no_such_role';
      u.password = 'Sup3r-Secret!pw';
      const error = await openStore({ databaseUrl: u.toString() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toMatch(/authentication failed/);
      expect(message).toContain('no_such_role');
      expect(message).not.toContain('Sup3r');
      expect(message).toContain('***');
    });

    it('names a database that does not exist', async () => {
      const u = new URL(testUrl);
      u.pathname = '/cwp_missing_db';
      await expect(openStore({ databaseUrl: u.toString() })).rejects.toThrow(
        /database does not exist/,
      );
    });
  });
}
