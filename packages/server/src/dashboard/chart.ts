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
}

const width = 320;
const height = 150;
const pad = { top: 12, right: 8, bottom: 22, left: 44 };

/** A small inline SVG chart; labels are text nodes, escaped by `html`. */
export function chart({ title, days, series, kind, format }: ChartOptions): SafeHtml {
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-9, ...all);
  const step = days.length > 0 ? plotW / days.length : plotW;
  const x = (i: number) => pad.left + step * i + step / 2;
  const y = (value: number) => pad.top + plotH - (value / max) * plotH;
  const round = (n: number) => Math.round(n * 10) / 10;

  const marks = series.map((s, seriesIndex) => {
    if (kind === 'bars') {
      const barW = Math.max(1, (step * 0.8) / series.length);
      return s.values.map((value, i) =>
        value === null
          ? ''
          : html`<rect class="${s.className}" x="${round(x(i) - (step * 0.8) / 2 + barW * seriesIndex)}" y="${round(y(value))}" width="${round(barW)}" height="${round(pad.top + plotH - y(value))}"><title>${days[i]}: ${s.label} ${format(value)}</title></rect>`,
      );
    }
    const points = s.values
      .map((value, i) => (value === null ? null : `${round(x(i))},${round(y(value))}`))
      .filter((p): p is string => p !== null)
      .join(' ');
    const dots = s.values.map((value, i) =>
      value === null
        ? ''
        : html`<circle class="${s.className}" cx="${round(x(i))}" cy="${round(y(value))}" r="2"><title>${days[i]}: ${s.label} ${format(value)}</title></circle>`,
    );
    return html`<polyline class="${s.className} line" points="${points}"></polyline>${dots}`;
  });

  const firstDay = days[0] ?? '';
  const lastDay = days[days.length - 1] ?? '';
  const legend = series.map(
    (s, i) =>
      html`<text class="legend ${s.className}" x="${pad.left + i * 90}" y="${height - 4}">${s.label}</text>`,
  );
  return html`<figure class="chart"><figcaption>${title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}, ${firstDay} to ${lastDay}">
<line class="axis" x1="${pad.left}" y1="${pad.top + plotH}" x2="${width - pad.right}" y2="${pad.top + plotH}"></line>
<text class="tick" x="${pad.left - 4}" y="${pad.top + 8}" text-anchor="end">${format(max === 1e-9 ? 0 : max)}</text>
<text class="tick" x="${pad.left - 4}" y="${pad.top + plotH}" text-anchor="end">${format(0)}</text>
${marks}${series.length > 1 ? legend : html`<text class="tick" x="${pad.left}" y="${height - 4}">${firstDay} – ${lastDay}</text>`}
</svg></figure>`;
}
