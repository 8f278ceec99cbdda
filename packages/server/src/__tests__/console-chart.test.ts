import { describe, expect, it } from 'vitest';
import { chart, niceTop } from '../dashboard/chart.js';
import { count, percent } from '../dashboard/report-section.js';

const days = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
  );
const ticks = (svg: string) =>
  [...svg.matchAll(/<text class="tick"[^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);

describe('console charts', () => {
  it('ends the value axis on a round number above the data', () => {
    expect([0, 0.3, 1, 3, 7, 12, 0.004, 240].map(niceTop)).toEqual([
      1, 0.5, 1, 5, 10, 20, 0.005, 250,
    ]);
  });

  it('never draws an empty 0 %–0 % axis, nor the same count twice', () => {
    const rate = chart({
      title: 'Error rate',
      days: days(3),
      kind: 'lines',
      format: percent,
      minTop: 0.01,
      series: [{ label: 'error rate', className: 'a', values: [0, 0, 0] }],
    }).value;
    expect(ticks(rate)).toEqual(['0%', '0.5%', '1%']);
    const sessions = chart({
      title: 'Sessions',
      days: days(3),
      kind: 'bars',
      format: count,
      minTop: 1,
      wholeNumbers: true,
      series: [{ label: 'sessions', className: 'a', values: [0, 1, 0] }],
    }).value;
    expect(ticks(sessions)).toEqual(['0', '1']);
  });

  it('draws a line chart with one point as a labelled bar, and breaks lines at days without data', () => {
    const one = chart({
      title: 'Latency',
      days: days(1),
      kind: 'lines',
      format: (n) => `${n} ms`,
      minTop: 100,
      series: [{ label: 'p50', className: 'a', values: [420] }],
    }).value;
    expect(one).not.toContain('<polyline');
    expect(one).toMatch(/<rect class="a"/);
    expect(one).toMatch(/<text class="value"[^>]*>420 ms<\/text>/);
    const gaps = chart({
      title: 'Latency',
      days: days(6),
      kind: 'lines',
      format: (n) => `${n} ms`,
      minTop: 100,
      series: [{ label: 'p50', className: 'a', values: [10, 20, null, 30, 40, 50] }],
    }).value;
    expect(gaps.match(/<polyline/g)).toHaveLength(2);
  });
});
