import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
