import type { WidgetRecord } from '../store/types.js';
import { html } from './html.js';
import { consoleBase, consolePage } from './layout.js';
import { type ReportEntry, rangePicker, reportSection } from './report-section.js';

export interface HomeOptions {
  readonly widgets: readonly WidgetRecord[];
  readonly reports: readonly ReportEntry[];
  readonly from: string;
  readonly to: string;
  /** Reports limited to one widget. */
  readonly widgetId?: string;
  readonly notice?: string;
}

/** The console's first page: every widget, then the reports for the chosen range. */
export function homePage({ widgets, reports, from, to, widgetId, notice }: HomeOptions) {
  const list =
    widgets.length === 0
      ? html`<p>No widgets yet. <a href="${consoleBase}/widgets/new">Create one</a>.</p>`
      : html`<div class="scroll" tabindex="0"><table><tr><th>name</th><th>id</th><th>status</th><th>allowed origins</th><th></th></tr>
${widgets.map(
  (w) =>
    html`<tr><td><a href="${consoleBase}/widgets/${encodeURIComponent(w.id)}">${w.name}</a></td><td><code>${w.id}</code></td><td>${w.disabled ? html`<span class="disabled">disabled</span>` : 'enabled'}</td><td>${w.allowedOrigins.join(', ')}</td><td><a href="${consoleBase}?widget=${encodeURIComponent(w.id)}">report</a></td></tr>`,
)}</table></div>`;
  return consolePage({
    title: 'Widgets',
    body: html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="widgets-h"><div class="actions"><h1 id="widgets-h">Widgets</h1><a class="button" href="${consoleBase}/widgets/new">New widget</a></div>
${list}</section>
<h1>Reports</h1>
<section>${rangePicker(from, to, widgetId)}${widgetId ? html`<p class="meta">One widget · <a href="${consoleBase}?from=${from}&to=${to}">all widgets</a></p>` : ''}</section>
${reports.map(reportSection)}`,
  });
}
