import { html, type SafeHtml } from './html.js';

export interface Series {
  readonly label: string;
  /** One value per day; null where there is no data. */
  readonly values: readonly (number | null)[];
  /** CSS class for the line/bars (colours live in the page's stylesheet). */
  readonly className: string;
}

export interface ChartOptions {
  readonly title: string;
  readonly days: readonly string[];
  readonly series: readonly Series[];
  readonly kind: 'bars' | 'lines';
  readonly format: (value: number) => string;
  /**
   * The least top of the value axis, so an all-zero series still gets a readable scale
   * (an error rate of 0 % is drawn on 0 %–1 %, never on 0 %–0 %).
   */
  readonly minTop: number;
  /** Counts: an axis label between whole numbers (0.5 of 1) is left out instead of rounded. */
  readonly wholeNumbers?: boolean;
}

const width = 480;
const height = 180;
const pad = { top: 14, right: 10, bottom: 34, left: 52 };
const plotW = width - pad.left - pad.right;
const plotH = height - pad.top - pad.bottom;
const round = (n: number) => Math.round(n * 10) / 10;

/** The smallest 1/2/2.5/5 × 10ⁿ at or above `value`: axis tops people read at a glance. */
export function niceTop(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = step * magnitude;
    if (top >= value * (1 - 1e-12)) return top;
  }
  return 10 * magnitude;
}

/** Up to `count` day labels spread over the range, always the first and the last. */
function dayTicks(days: readonly string[], count: number): number[] {
  if (days.length <= count) return days.map((_, i) => i);
  const ticks = new Set<number>();
  for (let k = 0; k < count; k++) ticks.add(Math.round((k * (days.length - 1)) / (count - 1)));
  return [...ticks];
}

/**
 * A small inline SVG chart that reads with one day or ninety: lines become labelled bars when
 * there is only one point to draw, the value axis starts at 0 and ends on a round value above the
 * data (never an empty 0–0 range), and days are labelled at a few evenly spread ticks.
 */
export function chart({
  title,
  days,
  series,
  kind,
  format,
  minTop,
  wholeNumbers = false,
}: ChartOptions): SafeHtml {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = niceTop(Math.max(minTop, ...all));
  const step = days.length > 0 ? plotW / days.length : plotW;
  const x = (i: number) => pad.left + step * i + step / 2;
  const y = (value: number) => pad.top + plotH - (Math.min(value, top) / top) * plotH;
  const baseline = pad.top + plotH;
  const points = Math.max(0, ...series.map((s) => s.values.filter((v) => v !== null).length));
  const asBars = kind === 'bars' || points <= 1;
  const labelled = asBars && days.length <= 14;

  const marks = series.map((s, seriesIndex) => {
    if (asBars) {
      const groupW = Math.min(step * 0.8, 60);
      const barW = Math.max(1, groupW / series.length);
      return s.values.map((value, i) => {
        if (value === null) return '';
        const left = x(i) - groupW / 2 + barW * seriesIndex;
        const tip = `${days[i]}: ${s.label} ${format(value)}`;
        // A zero still shows as a hairline, so "no errors" differs from "no data".
        const h = Math.max(1, baseline - y(value));
        return html`<rect class="${s.className}" x="${round(left)}" y="${round(baseline - h)}" width="${round(barW)}" height="${round(h)}"><title>${tip}</title></rect>${
          labelled
            ? html`<text class="value" x="${round(left + barW / 2)}" y="${round(baseline - h - 3)}" text-anchor="middle">${format(value)}</text>`
            : ''
        }`;
      });
    }
    // Lines break where a day has no data instead of bridging it.
    const runs: string[][] = [[]];
    s.values.forEach((value, i) => {
      if (value === null) runs.push([]);
      else runs[runs.length - 1]?.push(`${round(x(i))},${round(y(value))}`);
    });
    const lines = runs
      .filter((run) => run.length > 0)
      .map((run) =>
        run.length === 1
          ? html`<circle class="${s.className}" cx="${run[0]?.split(',')[0]}" cy="${run[0]?.split(',')[1]}" r="2.5"></circle>`
          : html`<polyline class="${s.className} line" points="${run.join(' ')}"></polyline>`,
      );
    const tips =
      days.length <= 31
        ? s.values.map((value, i) =>
            value === null
              ? ''
              : html`<circle class="${s.className} dot" cx="${round(x(i))}" cy="${round(y(value))}" r="2"><title>${days[i]}: ${s.label} ${format(value)}</title></circle>`,
          )
        : '';
    return html`${lines}${tips}`;
  });

  const grid = [0, 0.5, 1].map((f) => {
    const at = round(pad.top + plotH - f * plotH);
    const label =
      wholeNumbers && !Number.isInteger(top * f)
        ? ''
        : html`<text class="tick" x="${pad.left - 4}" y="${round(at + 3)}" text-anchor="end">${format(top * f)}</text>`;
    return html`<line class="${f === 0 ? 'axis' : 'grid'}" x1="${pad.left}" y1="${at}" x2="${width - pad.right}" y2="${at}"></line>${label}`;
  });
  const xTicks = dayTicks(days, 5).map(
    (i) =>
      html`<text class="tick" x="${round(x(i))}" y="${baseline + 13}" text-anchor="middle">${(days[i] ?? '').slice(5)}</text>`,
  );
  const legend =
    series.length > 1
      ? series.map(
          (s, i) =>
            html`<text class="legend ${s.className}" x="${pad.left + i * 80}" y="${height - 4}">■ ${s.label}</text>`,
        )
      : '';
  const firstDay = days[0] ?? '';
  const lastDay = days[days.length - 1] ?? '';
  return html`<figure class="chart"><figcaption>${title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}, ${firstDay} to ${lastDay}">
${grid}${marks}${xTicks}${legend}
</svg></figure>`;
}
