import { html, type SafeHtml } from './html.js';
import { consoleBase, consolePage, csrfField, errorList } from './layout.js';
import { limitFields, type WidgetFormValues } from './widget-form.js';

const positions = ['', 'bottom-right', 'bottom-left'] as const;
const schemes = ['', 'auto', 'light', 'dark'] as const;

const options = (values: readonly string[], selected: string, blank: string) =>
  values.map(
    (value) =>
      html`<option value="${value}"${value === selected ? html` selected` : ''}>${value === '' ? blank : value}</option>`,
  );

/** The widget settings form, for a new widget (`action` …/widgets) or an existing one. */
export function widgetForm(
  form: WidgetFormValues,
  {
    action,
    csrf,
    errors,
    submit,
  }: { action: string; csrf: string; errors: readonly string[]; submit: string },
): SafeHtml {
  return html`${errorList(errors)}
<form class="stack" method="post" action="${action}"${errors.length > 0 ? html` aria-describedby="form-errors"` : ''}>${csrfField(csrf)}
<label>Name<input name="name" required maxlength="200" value="${form.name}"></label>
<label>Webhook URL <span class="hint">your n8n Chat Trigger (or compatible) URL; never shown to visitors</span><input name="webhookUrl" type="url" required value="${form.webhookUrl}"></label>
<label>Allowed origins <span class="hint">one per line, e.g. https://www.example.com</span><textarea name="allowedOrigins" rows="3">${form.allowedOrigins}</textarea></label>
<fieldset><legend>Look</legend>
<label>Title<input name="title" value="${form.title}"></label>
<label>Subtitle<input name="subtitle" value="${form.subtitle}"></label>
<label>Primary colour <span class="hint">a CSS colour, e.g. #2563eb; blank for the default</span><input name="primary" value="${form.primary}"></label>
<label>Text on primary colour<input name="primaryText" value="${form.primaryText}"></label>
<label>Colour scheme<select name="colorScheme">${options(schemes, form.colorScheme, 'default')}</select></label>
<label>Tooltip <span class="hint">text beside the bubble; blank for none</span><input name="tooltip" value="${form.tooltip}"></label>
<label>Position<select name="position">${options(positions, form.position, 'default (bottom-right)')}</select></label>
<label>Locale <span class="hint">en, de, fr, … or auto (the visitor's browser language)</span><input name="locale" value="${form.locale}"></label>
</fieldset>
<label class="check"><input type="checkbox" name="transcripts"${form.transcripts ? html` checked` : ''}> Keep transcripts <span class="hint">(store what visitors and the bot write, for the Transcripts page)</span></label>
<fieldset><legend>File uploads</legend>
<label class="check"><input type="checkbox" name="uploads"${form.uploads ? html` checked` : ''}> Visitors may attach files <span class="hint">(sent to the webhook as n8n's chat sends them)</span></label>
<label>Allowed types <span class="hint">e.g. image/*,application/pdf,.csv; blank for any</span><input name="uploadTypes" value="${form.uploadTypes}"></label>
<label>Largest file, bytes <span class="hint">blank: 10 MB</span><input name="maxFileSize" inputmode="numeric" value="${form.maxFileSize}"></label>
<label>Files per message <span class="hint">blank: 5</span><input name="maxFiles" inputmode="numeric" value="${form.maxFiles}"></label>
</fieldset>
<fieldset><legend>Verified visitors</legend>
<label class="check"><input type="checkbox" name="identityRequired"${form.identityRequired ? html` checked` : ''}> Require verified visitors <span class="hint">(refuse chats without a valid identity token)</span></label>
<label>Claims passed to the webhook <span class="hint">token claim names besides the user id, e.g. name, email</span><input name="identityClaims" value="${form.identityClaims}"></label>
</fieldset>
<fieldset><legend>Limits <span class="hint">blank: the server default</span></legend><div class="limits">
${limitFields.map(([key, label]) => html`<label>${label}<input name="limits.${key}" inputmode="numeric" value="${form.limits[key] ?? ''}"></label>`)}
</div></fieldset>
<div class="actions"><button type="submit">${submit}</button></div>
</form>`;
}

export function newWidgetPage(
  form: WidgetFormValues,
  csrf: string,
  errors: readonly string[] = [],
) {
  return consolePage({
    title: 'New widget',
    status: errors.length > 0 ? 400 : 200,
    body: html`<h1>New widget</h1><section>${widgetForm(form, {
      action: `${consoleBase}/widgets`,
      csrf,
      errors,
      submit: 'Create widget',
    })}</section>`,
  });
}
