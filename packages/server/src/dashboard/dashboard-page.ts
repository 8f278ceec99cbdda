import { randomBytes } from 'node:crypto';
import type { WidgetRecord, WidgetReport } from '../store/types.js';
import { chart } from './chart.js';
import { html, SafeHtml } from './html.js';

export interface DashboardEntry {
  readonly widget: WidgetRecord;
  readonly report: WidgetReport;
}

const count = (n: number) => String(Math.round(n));
const ms = (n: number) => `${Math.round(n)} ms`;
const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

const styles = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2433;background:#f7f8fa}
h1{font-size:20px}h2{font-size:16px;margin:0 0 4px}
section{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px;margin:0 0 20px}
.meta{color:#5b6475;margin:0 0 12px}.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0}figcaption{font-weight:600;margin:0 0 4px}
.axis{stroke:#98a1b3}.tick,.legend{font-size:10px;fill:#5b6475}
rect.a,circle.a{fill:#3366cc}rect.b,circle.b{fill:#dd7733}
.line{fill:none;stroke-width:1.5}.line.a{stroke:#3366cc}.line.b{stroke:#dd7733}
.legend.a{fill:#3366cc}.legend.b{fill:#dd7733}
table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eef0f4}
th:first-child,td:first-child{text-align:left}
.disabled{color:#a33}
`;

/** The dashboard page: static HTML and SVG, no script. Every stored string goes through `html`. */
export function renderDashboard(
  entries: readonly DashboardEntry[],
  { generatedAt }: { generatedAt: Date },
) {
  const nonce = randomBytes(16).toString('base64');
  const sections = entries.map(({ widget, report }) => {
    const days = report.days.map((d) => d.day);
    const pick = (f: (d: WidgetReport['days'][number]) => number | null) => report.days.map(f);
    const t = report.totals;
    return html`<section>
<h2>${widget.name}</h2>
<p class="meta">id ${widget.id}${widget.disabled ? html` · <span class="disabled">disabled</span>` : ''} · ${report.from} to ${report.to}</p>
<table><tr><th>sessions</th><th>messages</th><th>responses</th><th>errors</th><th>latency p50</th><th>latency p95</th><th>error rate</th><th>open rate</th></tr>
<tr><td>${count(t.sessions)}</td><td>${count(t.messages)}</td><td>${count(t.responses)}</td><td>${count(t.errors)}</td><td>${t.latencyP50 === null ? '–' : ms(t.latencyP50)}</td><td>${t.latencyP95 === null ? '–' : ms(t.latencyP95)}</td><td>${percent(t.errorRate)}</td><td>${percent(t.openRate)}</td></tr></table>
<div class="charts">
${chart({ title: 'Sessions per day', days, kind: 'bars', format: count, series: [{ label: 'sessions', className: 'a', values: pick((d) => d.sessions) }] })}
${chart({ title: 'Messages per day', days, kind: 'bars', format: count, series: [{ label: 'messages', className: 'a', values: pick((d) => d.messages) }] })}
${chart({
  title: 'Response latency',
  days,
  kind: 'lines',
  format: ms,
  series: [
    { label: 'p50', className: 'a', values: pick((d) => d.latencyP50) },
    { label: 'p95', className: 'b', values: pick((d) => d.latencyP95) },
  ],
})}
${chart({ title: 'Error rate', days, kind: 'lines', format: percent, series: [{ label: 'error rate', className: 'a', values: pick((d) => (d.messages > 0 ? d.errorRate : null)) }] })}
${chart({ title: 'Open rate', days, kind: 'lines', format: percent, series: [{ label: 'open rate', className: 'a', values: pick((d) => (d.loads > 0 ? d.openRate : null)) }] })}
</div>
</section>`;
  });
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ChatWidgetPro dashboard</title><style nonce="${nonce}">${new SafeHtml(styles)}</style></head>
<body><h1>ChatWidgetPro dashboard</h1><p class="meta">Generated ${generatedAt.toISOString()} · ${entries.length} widget${entries.length === 1 ? '' : 's'}</p>
${entries.length === 0 ? html`<p>No widgets yet. Create one with <code>cwp-server widgets create</code>.</p>` : sections}
</body></html>`;
  return { html: page.value, nonce };
}
