import { describe, expect, it } from 'vitest';
import { ExecutionRegistry } from '../executions.js';

describe('ExecutionRegistry', () => {
  it('knows who started an execution until it expires, ends or is pushed out', () => {
    let now = 0;
    const registry = new ExecutionRegistry({ ttlMs: 1000, maxEntries: 2, now: () => now });
    registry.started('w1', '1', { sessionId: 's1', sub: null });
    registry.started('w1', '2', { sessionId: 's2', sub: 'ada' });
    expect(registry.owner('w1', '1')).toEqual({ sessionId: 's1', sub: null });
    // Widgets do not share execution ids.
    expect(registry.owner('w2', '1')).toBeUndefined();
    now = 900;
    // A socket renews the lease.
    expect(registry.owner('w1', '2')).toEqual({ sessionId: 's2', sub: 'ada' });
    now = 1500;
    expect(registry.owner('w1', '1')).toBeUndefined();
    expect(registry.owner('w1', '2')).toEqual({ sessionId: 's2', sub: 'ada' });
    registry.ended('w1', '2');
    expect(registry.owner('w1', '2')).toBeUndefined();
    registry.started('w1', '3', { sessionId: 's3', sub: null });
    registry.started('w1', '4', { sessionId: 's4', sub: null });
    registry.started('w1', '5', { sessionId: 's5', sub: null });
    expect(registry.owner('w1', '3')).toBeUndefined();
    expect(registry.owner('w1', '5')).toEqual({ sessionId: 's5', sub: null });
  });
});
