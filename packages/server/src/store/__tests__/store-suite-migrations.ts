import { expect, it } from 'vitest';
import { MIGRATIONS } from '../schema.js';
import { demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Migrations, concurrent and cold starts, and data kept across a restart. */
export function migrationSuite(t: StoreSuiteContext) {
  it('runs migrations idempotently, also when several instances start at once', async () => {
    const { h, store } = t;
    const other = await h.open({ migrate: false });
    const third = await h.open({ migrate: false });
    await Promise.all([store.migrate(), other.migrate(), third.migrate(), other.migrate()]);
    await store.migrate();
    expect(await h.countRows('schema_migrations')).toBe(MIGRATIONS.length);
    const w = await other.createWidget(demo());
    expect((await third.getWidget(w.id))?.name).toBe('Support');
  });

  it('migrates a fresh database from two instances started at the same moment', async () => {
    const { setup } = t;
    // The beforeEach store already migrated; a second, untouched database shows the cold start.
    const fresh = await setup();
    try {
      const [a, b] = await Promise.all([fresh.open(), fresh.open()]);
      expect(await fresh.countRows('schema_migrations')).toBe(MIGRATIONS.length);
      const w = await a.createWidget(demo());
      expect((await b.getWidget(w.id))?.id).toBe(w.id);
    } finally {
      await fresh.dispose();
    }
  });

  it('keeps widgets, analytics and transcripts across a restart', async () => {
    const { h, store } = t;
    const w = await store.createWidget(demo({ config: { title: 'Kept' } }));
    await store.recordAnalytics([{ widgetId: w.id, at: T0, kind: 'message', sessionId: 's' }]);
    await store.saveTranscript([
      { widgetId: w.id, sessionId: 's', role: 'user', text: 'still here', at: T0 },
    ]);
    await store.close();
    expect(await store.ping()).toBe(false);

    const reopened = await h.open();
    expect(await reopened.getWidget(w.id)).toEqual(w);
    expect((await reopened.report(w.id, T0, T0)).totals.messages).toBe(1);
    expect((await reopened.listTranscript(w.id, 's')).map((l) => l.text)).toEqual(['still here']);
  });
}
