import type { TranscriptSession } from '../store/transcript-search.js';
import type { TranscriptLine, WidgetRecord } from '../store/types.js';
import { html } from './html.js';
import { consolePage } from './layout.js';
import { presetDays } from './report-section.js';
import { widgetPath } from './widget-page.js';

export interface TranscriptsPageOptions {
  readonly widget: WidgetRecord;
  readonly from: string;
  readonly to: string;
  readonly query: string;
  readonly sessions: readonly { session: TranscriptSession; lines: readonly TranscriptLine[] }[];
  readonly limit: number;
}

const time = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

/** A widget's conversations, most recent first, by date range and text; only where kept. */
export function transcriptsPage({
  widget,
  from,
  to,
  query,
  sessions,
  limit,
}: TranscriptsPageOptions) {
  const path = `${widgetPath(widget.id)}/transcripts`;
  const off = html`<section><p>Transcripts are off for this widget: the server keeps no message text.
Turn on “Keep transcripts” in the <a href="${widgetPath(widget.id)}#settings-h">widget's settings</a> to keep the conversations from then on.</p></section>`;
  const search = html`<section><form class="range" method="get" action="${path}" aria-label="Find conversations">
<label>From<input type="date" name="from" value="${from}" required></label>
<label>To<input type="date" name="to" value="${to}" required></label>
<label>Containing<input type="search" name="q" value="${query}"></label>
<button type="submit" class="secondary">Find</button>
<span class="actions">${presetDays.map((d) => html`<a href="${path}?days=${d}">Last ${d} days</a>`)}</span></form></section>`;
  const list =
    sessions.length === 0
      ? html`<section><p>No conversations ${query ? html`containing “${query}” ` : ''}from ${from} to ${to}.</p></section>`
      : sessions.map(
          ({ session, lines }) => html`<section aria-label="Conversation ${session.sessionId}">
<h2>${time(session.lastAt)} UTC</h2><p class="meta">session <code>${session.sessionId}</code> · ${session.lines} line${session.lines === 1 ? '' : 's'} in the range</p>
<ol class="transcript">${lines.map(
            (line) =>
              html`<li class="${line.role}"><span class="meta">${line.role === 'user' ? 'Visitor' : 'Bot'} · ${time(line.at)}</span><p>${line.text}</p></li>`,
          )}</ol></section>`,
        );
  return consolePage({
    title: `Transcripts · ${widget.name}`,
    body: html`<h1>Transcripts · <a href="${widgetPath(widget.id)}">${widget.name}</a></h1>
${widget.transcripts ? html`${search}${list}${sessions.length >= limit ? html`<p class="meta">Showing the ${limit} most recent; narrow the range or search to see others.</p>` : ''}` : off}`,
  });
}
