import { describe, expect, it } from 'vitest';
import { utcDay } from '../analytics-rows.js';

describe('utcDay', () => {
  it('files records either side of midnight UTC under their own days, in any order', () => {
    const midnight = Date.parse('2026-03-01T00:00:00Z');
    expect(utcDay(midnight - 1)).toBe('2026-02-28');
    expect(utcDay(midnight)).toBe('2026-03-01');
    expect(utcDay(midnight - 1)).toBe('2026-02-28');
    expect(utcDay(midnight + 86_400_000 - 1)).toBe('2026-03-01');
    expect(utcDay(midnight + 86_400_000)).toBe('2026-03-02');
    expect(utcDay(0)).toBe('1970-01-01');
    expect(utcDay(-1)).toBe('1969-12-31');
  });
});
