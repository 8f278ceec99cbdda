import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, reportRange } from '../report.js';

describe('report math', () => {
  it('reports p50/p95 as a latency that happened, with p% of latencies at or below it (nearest rank)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(50, 95),
        (values, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          const v = percentile(sorted, p)!;
          expect(values).toContain(v);
          const atOrBelow = sorted.filter((x) => x <= v).length;
          const below = sorted.filter((x) => x < v).length;
          expect(atOrBelow / sorted.length).toBeGreaterThanOrEqual(p / 100);
          expect(below / sorted.length).toBeLessThan(p / 100);
        },
      ),
    );
    expect(percentile([], 95)).toBeNull();
    expect(percentile([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 50)).toBe(500);
    expect(percentile([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 95)).toBe(1000);
  });

  it('covers whole UTC days from the day of `from` to the day of `to`', () => {
    const range = reportRange(Date.UTC(2026, 1, 27, 23, 59), Date.UTC(2026, 2, 1, 0, 1));
    expect(range.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(() => reportRange(Number.NaN, 0)).toThrow(RangeError);
  });
});
