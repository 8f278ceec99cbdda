import { expect, it, vi } from 'vitest';
import { DAY, demo, type StoreSuiteContext, T0 } from './store-suite-fixtures.js';

/** Session bindings to a visitor identity, and their sweep. */
export function identitySuite(t: StoreSuiteContext) {
  it('sweeps session bindings older than 90 days, keeping newer ones', async () => {
    const { store } = t;
    const w = await store.createWidget(demo());
    const now = vi.spyOn(Date, 'now').mockReturnValue(T0);
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5); // no sweep
    try {
      expect(await store.bindSession(w.id, 'old-session', 'user-1')).toBe('user-1');
      now.mockReturnValue(T0 + 60 * DAY);
      expect(await store.bindSession(w.id, 'recent-session', 'user-2')).toBe('user-2');
      now.mockReturnValue(T0 + 91 * DAY);
      random.mockReturnValue(0); // this new binding sweeps
      expect(await store.bindSession(w.id, 'new-session', 'user-3')).toBe('user-3');
    } finally {
      now.mockRestore();
      random.mockRestore();
    }
    expect(await store.sessionIdentity(w.id, 'old-session')).toBeNull();
    expect(await store.sessionIdentity(w.id, 'recent-session')).toBe('user-2');
    expect(await store.sessionIdentity(w.id, 'new-session')).toBe('user-3');
  });
}
