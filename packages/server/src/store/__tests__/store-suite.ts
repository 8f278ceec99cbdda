import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../types.js';
import { analyticsWriteSuite } from './store-suite-analytics.js';
import type { StoreHarness, StoreSuiteContext } from './store-suite-fixtures.js';
import { identitySuite } from './store-suite-identity.js';
import { migrationSuite } from './store-suite-migrations.js';
import { reportSuite } from './store-suite-reports.js';
import { transcriptSuite } from './store-suite-transcripts.js';
import { widgetSuite } from './store-suite-widgets.js';

export type { StoreHarness } from './store-suite-fixtures.js';

/** The storage suite every store runs (SQLite, PostgreSQL), each test on a fresh database. */
export function describeStoreSuite(name: string, setup: () => Promise<StoreHarness>) {
  describe(name, () => {
    let h: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      h = await setup();
      store = await h.open();
    });
    afterEach(async () => {
      await h.dispose();
    });

    const t: StoreSuiteContext = {
      name,
      setup,
      get h() {
        return h;
      },
      get store() {
        return store;
      },
    };
    widgetSuite(t);
    migrationSuite(t);
    reportSuite(t);
    transcriptSuite(t);
    identitySuite(t);
    analyticsWriteSuite(t);
  });
}
