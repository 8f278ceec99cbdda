import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import type { Store } from '../types.js';
import { describeStoreSuite } from './store-suite.js';

describeStoreSuite('SQLite store (file in a temp dir)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cwp-store-'));
  const file = join(dir, 'cwp.db');
  const opened: Store[] = [];
  return {
    async open(options) {
      const store = await openStore({ file, ...options });
      opened.push(store);
      return store;
    },
    async countRows(table) {
      const db = new Database(file, { readonly: true });
      try {
        return Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
      } finally {
        db.close();
      }
    },
    async dispose() {
      await Promise.all(opened.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite file settings', () => {
  it('keeps the database in WAL mode so report reads never block analytics writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwp-wal-'));
    try {
      const file = join(dir, 'cwp.db');
      const store = await openStore({ file });
      const w = await store.createWidget({
        name: 'w',
        webhookUrl: 'https://h.example/x',
        allowedOrigins: [],
      });
      // A second connection reads while the store keeps writing: WAL lets both proceed.
      const reader = new Database(file, { readonly: true });
      expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT COUNT(*) FROM widgets').pluck().get()).toBe(1);
      await store.recordAnalytics([{ widgetId: w.id, at: Date.now(), kind: 'opened' }]);
      expect(reader.prepare('SELECT COUNT(*) FROM analytics').pluck().get()).toBe(0);
      reader.exec('COMMIT');
      expect(reader.prepare('SELECT COUNT(*) FROM analytics').pluck().get()).toBe(1);
      reader.close();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
