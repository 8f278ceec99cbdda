import type { WidgetRecord, WidgetReport } from '../store/types.js';
import { chart } from './chart.js';
import { html, type SafeHtml } from './html.js';
import { consoleBase } from './layout.js';

export interface ReportEntry {
  readonly widget: WidgetRecord;
  readonly report: WidgetReport;
}

export const count = (n: number) => String(Math.round(n));
export const ms = (n: number) => `${Math.round(n)} ms`;
export const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;

export const presetDays = [7, 30, 90] as const;

/** The date range picker: from/to inputs (a GET form, no script) and 7/30/90-day presets. */
export function rangePicker(from: string, to: string, widgetId?: string): SafeHtml {
  const keep = widgetId ? html`<input type="hidden" name="widget" value="${widgetId}">` : '';
  const scope = widgetId ? `&widget=${encodeURIComponent(widgetId)}` : '';
  return html`<form class="range" method="get" action="${consoleBase}" aria-label="Report range">${keep}
<label>From<input type="date" name="from" value="${from}" required></label>
<label>To<input type="date" name="to" value="${to}" required></label>
<button type="submit" class="secondary">Show</button>
<span class="actions">${presetDays.map((d) => html`<a href="${consoleBase}?days=${d}${scope}">Last ${d} days</a>`)}</span>
<a href="${consoleBase}/report.csv?from=${from}&to=${to}${scope}" download>CSV</a></form>`;
}

/** One widget's totals table (scrolling in its own box) and its charts. */
export function reportSection({ widget, report }: ReportEntry): SafeHtml {
  const days = report.days.map((d) => d.day);
  const pick = (f: (d: WidgetReport['days'][number]) => number | null) => report.days.map(f);
  const t = report.totals;
  return html`<section aria-label="Report for ${widget.name}">
<h2><a href="${consoleBase}/widgets/${encodeURIComponent(widget.id)}">${widget.name}</a></h2>
<p class="meta">id ${widget.id}${widget.disabled ? html` · <span class="disabled">disabled</span>` : ''} · ${report.from} to ${report.to}</p>
<div class="scroll" tabindex="0"><table><tr><th>sessions</th><th>messages</th><th>responses</th><th>errors</th><th>latency p50</th><th>latency p95</th><th>error rate</th><th>open rate</th><th>starter prompts</th><th>buttons chosen</th><th>thumbs up</th><th>thumbs down</th><th>thumbs-up rate</th></tr>
<tr><td>${count(t.sessions)}</td><td>${count(t.messages)}</td><td>${count(t.responses)}</td><td>${count(t.errors)}</td><td>${t.latencyP50 === null ? '–' : ms(t.latencyP50)}</td><td>${t.latencyP95 === null ? '–' : ms(t.latencyP95)}</td><td>${percent(t.errorRate)}</td><td>${percent(t.openRate)}</td><td>${count(t.starterPrompts)}</td><td>${count(t.buttonsChosen)}</td><td>${count(t.feedbackUp)}</td><td>${count(t.feedbackDown)}</td><td>${t.feedbackRate === null ? '–' : percent(t.feedbackRate)}</td></tr></table></div>
<div class="charts">
${chart({ title: 'Sessions per day', days, kind: 'bars', format: count, minTop: 1, wholeNumbers: true, series: [{ label: 'sessions', className: 'a', values: pick((d) => d.sessions) }] })}
${chart({ title: 'Messages per day', days, kind: 'bars', format: count, minTop: 1, wholeNumbers: true, series: [{ label: 'messages', className: 'a', values: pick((d) => d.messages) }] })}
${chart({
  title: 'Response latency',
  days,
  kind: 'lines',
  format: ms,
  minTop: 100,
  series: [
    { label: 'p50', className: 'a', values: pick((d) => d.latencyP50) },
    { label: 'p95', className: 'b', values: pick((d) => d.latencyP95) },
  ],
})}
${chart({ title: 'Error rate', days, kind: 'lines', format: percent, minTop: 0.01, series: [{ label: 'error rate', className: 'a', values: pick((d) => (d.messages > 0 ? d.errorRate : null)) }] })}
${chart({
  title: 'Reply feedback per day',
  days,
  kind: 'bars',
  format: count,
  minTop: 1,
  wholeNumbers: true,
  series: [
    { label: 'thumbs up', className: 'a', values: pick((d) => d.feedbackUp) },
    { label: 'thumbs down', className: 'b', values: pick((d) => d.feedbackDown) },
  ],
})}
${chart({ title: 'Thumbs-up rate', days, kind: 'lines', format: percent, minTop: 0.01, series: [{ label: 'thumbs-up rate', className: 'a', values: pick((d) => d.feedbackRate) }] })}
${chart({ title: 'Buttons chosen per day', days, kind: 'bars', format: count, minTop: 1, wholeNumbers: true, series: [{ label: 'buttons chosen', className: 'a', values: pick((d) => d.buttonsChosen) }] })}
${chart({ title: 'Open rate', days, kind: 'lines', format: percent, minTop: 0.01, series: [{ label: 'open rate', className: 'a', values: pick((d) => (d.loads > 0 ? d.openRate : null)) }] })}
</div>
</section>`;
}
