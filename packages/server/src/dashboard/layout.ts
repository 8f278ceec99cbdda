import { randomBytes } from 'node:crypto';
import { html, SafeHtml } from './html.js';

/** Where every console page lives; the session cookie is scoped to it. */
export const consoleBase = '/v1/admin/dashboard';

const styles = `
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}
header.top{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;padding:12px 16px;background:#1d2433;color:#fff}
header.top a{color:#fff}header.top strong{font-size:17px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:21px;margin:4px 0 12px}h2{font-size:17px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 6px}
a{color:#1f56b5}
section{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px;margin:0 0 20px;min-width:0}
.meta{color:#5b6475;margin:0 0 12px;overflow-wrap:anywhere}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,320px),1fr));gap:16px}
figure{margin:0;min-width:0}figcaption{font-weight:600;margin:0 0 4px}
svg{width:100%;height:auto;display:block}
.axis{stroke:#98a1b3}.grid{stroke:#eef0f4}.tick,.legend,.value{font-size:11px;fill:#5b6475}.value{fill:#1d2433}
rect.a,circle.a{fill:#3366cc}rect.b,circle.b{fill:#dd7733}
.line{fill:none;stroke-width:1.5}.line.a{stroke:#3366cc}.line.b{stroke:#dd7733}
.legend.a{fill:#3366cc}.legend.b{fill:#dd7733}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:8px 0;min-width:100%}td,th{padding:4px 10px;text-align:right;border-bottom:1px solid #eef0f4;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
.disabled{color:#a33;font-weight:600}
form.stack{display:grid;gap:12px;max-width:640px}
fieldset{border:1px solid #dde1e8;border-radius:6px;padding:8px 12px 12px;display:grid;gap:10px;min-width:0}
label{display:grid;gap:3px;font-weight:600}label span.hint{font-weight:400;color:#5b6475;font-size:13px}
label.check{display:flex;gap:8px;align-items:center}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #b8bfcc;border-radius:5px;width:100%;max-width:100%;min-width:0}
input[type=checkbox]{width:auto}
.limits{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,180px),1fr));gap:10px}
button,.button{font:inherit;padding:7px 14px;border-radius:5px;border:1px solid #1f56b5;background:#1f56b5;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#1f56b5}
button.danger{background:#b42318;border-color:#b42318}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.errors{border:1px solid #b42318;background:#fef3f2;color:#7a271a;border-radius:6px;padding:8px 12px}
.errors ul{margin:4px 0 0;padding-left:20px}
.notice{border:1px solid #3366cc;background:#eef4ff;border-radius:6px;padding:8px 12px}
pre{background:#f1f3f7;border:1px solid #dde1e8;border-radius:6px;padding:10px;overflow-x:auto;max-width:100%;margin:4px 0;user-select:all}
code.secret{font-size:16px;overflow-wrap:anywhere;user-select:all}
.snippet{margin:0 0 14px;min-width:0}
.transcript{list-style:none;padding:0;margin:0;display:grid;gap:8px}
.transcript li{border-radius:8px;padding:6px 10px;max-width:46rem;overflow-wrap:anywhere}
.transcript li.user{background:#eef4ff;justify-self:end}.transcript li.bot{background:#f1f3f7}
.transcript p{margin:2px 0 0;white-space:pre-wrap}
.range{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end}.range label{font-weight:400}.range input{width:auto}
`;

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** Status code of the answer; forms answered with errors use 400. */
  readonly status?: number;
}

/**
 * Every console page: server-rendered HTML with a strict CSP. Scripts come only from this
 * origin's /console.js (copy buttons; every page works without it), styles only by nonce.
 */
export function consolePage({ title, body, status = 200 }: PageOptions): Response {
  const nonce = randomBytes(16).toString('base64');
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · ChatWidgetPro dashboard</title><style nonce="${nonce}">${new SafeHtml(styles)}</style>
<script src="${consoleBase}/console.js" defer></script></head>
<body><header class="top"><strong>ChatWidgetPro dashboard</strong><nav class="actions"><a href="${consoleBase}">Widgets &amp; reports</a><a href="${consoleBase}/widgets/new">New widget</a></nav></header>
<main>${body}</main></body></html>`;
  return new Response(page.value, { status, headers: consoleHeaders(nonce) });
}

export function consoleHeaders(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on form posts.
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
}

/** The hidden field every console form carries. */
export const csrfField = (token: string) =>
  html`<input type="hidden" name="csrf" value="${token}">`;

export function errorList(errors: readonly string[]): SafeHtml | '' {
  if (errors.length === 0) return '';
  return html`<div class="errors" role="alert" id="form-errors"><strong>Not saved:</strong><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`;
}
