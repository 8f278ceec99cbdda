import type { WidgetRecord } from '../store/types.js';
import { embedSnippets, renderSnippets } from './embed-snippets.js';
import { html } from './html.js';
import { consoleBase, consolePage, csrfField } from './layout.js';
import type { WidgetFormValues } from './widget-form.js';
import { widgetForm } from './widget-form-page.js';

export interface WidgetPageOptions {
  readonly widget: WidgetRecord;
  readonly form: WidgetFormValues;
  readonly csrf: string;
  /** This server's public origin, for the embed code. */
  readonly server: string;
  readonly errors?: readonly string[];
  readonly notice?: string;
}

export const widgetPath = (id: string) => `${consoleBase}/widgets/${encodeURIComponent(id)}`;

/** One widget: its embed code, its settings form and what can be done to it. */
export function widgetPage({ widget, form, csrf, server, errors = [], notice }: WidgetPageOptions) {
  const path = widgetPath(widget.id);
  return consolePage({
    title: widget.name,
    status: errors.length > 0 ? 400 : 200,
    body: html`<h1>${widget.name}</h1>
<p class="meta">id <code>${widget.id}</code> · ${widget.disabled ? html`<span class="disabled">disabled</span>` : 'enabled'} · updated ${widget.updatedAt}</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="embed-h"><h2 id="embed-h">Embed code</h2>
<p class="meta">The page needs only this server's address and the widget id; the webhook URL stays here.</p>
${renderSnippets(embedSnippets(server, widget.id))}</section>
<section aria-labelledby="settings-h"><h2 id="settings-h">Settings</h2>
${widgetForm(form, { action: path, csrf, errors, submit: 'Save changes' })}</section>
<section aria-labelledby="manage-h"><h2 id="manage-h">Manage</h2><div class="actions">
<a class="button secondary" href="${consoleBase}?widget=${widget.id}">Report</a>
<a class="button secondary" href="${path}/transcripts">Transcripts</a>
<form method="post" action="${path}/disabled">${csrfField(csrf)}<input type="hidden" name="disabled" value="${widget.disabled ? 'false' : 'true'}"><button type="submit" class="secondary">${widget.disabled ? 'Enable' : 'Disable'}</button></form>
<form method="post" action="${path}/identity-secret">${csrfField(csrf)}<button type="submit" class="secondary">Rotate identity secret</button></form>
<a class="button danger" href="${path}/delete">Delete…</a>
</div></section>`,
  });
}

/** Asked before a delete; the delete itself is the form's POST. */
export function deletePage(widget: WidgetRecord, csrf: string) {
  return consolePage({
    title: `Delete ${widget.name}`,
    body: html`<h1>Delete “${widget.name}”?</h1><section>
<p>The widget stops answering at once, and its analytics and transcripts are deleted with it. This cannot be undone.</p>
<div class="actions"><form method="post" action="${widgetPath(widget.id)}/delete">${csrfField(csrf)}<button type="submit" class="danger">Delete widget</button></form>
<a class="button secondary" href="${widgetPath(widget.id)}">Cancel</a></div></section>`,
  });
}

/** The only time a rotated secret is shown. */
export function secretPage(widget: WidgetRecord, secret: string) {
  return consolePage({
    title: `New identity secret for ${widget.name}`,
    body: html`<h1>New identity secret</h1><section>
<p>For “${widget.name}”. Keep it with your site's server secrets: it is shown only this once. Tokens signed with the old secret no longer work.</p>
<div class="actions"><h3 id="secret-label">Identity secret</h3><button type="button" class="secondary" data-copy="secret" hidden>Copy</button></div>
<pre id="secret" tabindex="0" aria-labelledby="secret-label">${secret}</pre>
<p><a href="${widgetPath(widget.id)}">Back to the widget</a></p></section>`,
  });
}
