import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppContext } from '../app-context.js';
import { consoleScript } from '../dashboard/console-script.js';
import type { DashboardSessions } from '../dashboard/dashboard-session.js';
import { homePage } from '../dashboard/home-page.js';
import { html } from '../dashboard/html.js';
import { consoleBase, consolePage } from '../dashboard/layout.js';
import { reportCsv } from '../dashboard/report-csv.js';
import { presetDays } from '../dashboard/report-section.js';
import { transcriptsPage } from '../dashboard/transcripts-page.js';
import {
  emptyForm,
  formFromBody,
  formFromWidget,
  inputFromForm,
} from '../dashboard/widget-form.js';
import { newWidgetPage } from '../dashboard/widget-form-page.js';
import { deletePage, secretPage, widgetPage, widgetPath } from '../dashboard/widget-page.js';
import { errorResponse, notFound } from '../http-error.js';
import { readLimitedBody } from '../proxy/read-body.js';
import { tokenMatches } from '../security/admin-auth.js';
import { newIdentitySecret } from '../security/identity-token.js';
import type { WidgetRecord } from '../store/types.js';
import { parseNewWidget, parseWidgetPatch } from '../widget-input.js';
import { dayMs, parseDayRange } from './day-range.js';
import { bodySource, type NodeEnv } from './node-request.js';
import { requestOverTls } from './request-tls.js';

export const dashboardCookie = 'cwp_admin';
const maxFormBytes = 64 * 1024;
const maxTranscriptSessions = 50;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The problems of an admin-API check, one per line as the form shows them. */
const problems = (message: string) => message.split('; ').filter((line) => line !== '');

function refused(status: number, reason: string): Response {
  return consolePage({
    title: 'Refused',
    status,
    body: html`<h1>Refused</h1><section><p>${reason}</p><p><a href="${consoleBase}">Back to the dashboard</a> and try again from the page.</p></section>`,
  });
}

/**
 * The owner's console under /v1/admin/dashboard: HTML pages and plain forms. The admin routes'
 * guard has checked the session cookie (or bearer token) already; every POST here must also come
 * from this origin (Origin header) and carry the session's CSRF token in a hidden field.
 */
export function consoleRoutes(ctx: AppContext, sessions: DashboardSessions): Hono<NodeEnv> {
  const app = new Hono<NodeEnv>();

  const csrfFor = async (c: Context<NodeEnv>) => {
    const session = getCookie(c, dashboardCookie);
    return session ? sessions.csrfToken(session) : '';
  };

  const serverOrigin = (c: Context<NodeEnv>) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    return `${requestOverTls(c, ctx.trustedProxies) ? 'https' : 'http'}://${host}`;
  };

  /** The posted form, once its origin and CSRF token check out. */
  const readForm = async (
    c: Context<NodeEnv>,
  ): Promise<
    { ok: true; form: URLSearchParams; csrf: string } | { ok: false; response: Response }
  > => {
    const origin = c.req.header('origin');
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    let sameOrigin = false;
    try {
      sameOrigin = origin !== undefined && new URL(origin).host === host;
    } catch {}
    if (!sameOrigin) {
      return { ok: false, response: refused(403, 'This form was not sent from the dashboard.') };
    }
    const body = await readLimitedBody(bodySource(c), maxFormBytes);
    if (!body.ok) {
      return {
        ok: false,
        response: errorResponse(body.reason === 'too_large' ? 413 : 400, 'bad_request'),
      };
    }
    const form = new URLSearchParams(new TextDecoder().decode(body.bytes));
    const csrf = await csrfFor(c);
    const given = form.get('csrf');
    if (csrf === '' || given === null || !tokenMatches(given, csrf)) {
      return {
        ok: false,
        response: refused(403, 'The form token is missing or belongs to another login.'),
      };
    }
    return { ok: true, form, csrf };
  };

  const withWidget = async (
    c: Context<NodeEnv>,
    then: (widget: WidgetRecord) => Promise<Response> | Response,
  ) => {
    const widget = await ctx.store.getWidget(c.req.param('id') ?? '');
    return widget ? then(widget) : notFound();
  };

  app.get(
    '/console.js',
    () =>
      new Response(consoleScript, {
        headers: {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
        },
      }),
  );

  /** The range asked for: `days` (a preset) or `from`/`to`; the last 14 days by default. */
  const range = (c: Context<NodeEnv>) => {
    const days = Number(c.req.query('days'));
    if ((presetDays as readonly number[]).includes(days)) {
      const to = isoDay(Date.now());
      return parseDayRange(isoDay(Date.parse(to) - (days - 1) * dayMs), to);
    }
    return parseDayRange(c.req.query('from') || undefined, c.req.query('to') || undefined, 14);
  };

  const reportsFor = async (c: Context<NodeEnv>) => {
    const r = range(c);
    if (!r.ok)
      return {
        ok: false as const,
        response: errorResponse(400, 'bad_request', { message: r.message }),
      };
    const widgets = await ctx.store.listWidgets();
    const only = c.req.query('widget');
    const shown = only ? widgets.filter((w) => w.id === only) : widgets;
    const reports = await Promise.all(
      shown.map(async (widget) => ({
        widget,
        report: await ctx.store.report(widget.id, r.fromMs, r.toMs),
      })),
    );
    return {
      ok: true as const,
      widgets,
      reports,
      from: isoDay(r.fromMs),
      to: isoDay(r.toMs),
      only,
    };
  };

  app.get('/', async (c) => {
    const data = await reportsFor(c);
    if (!data.ok) return data.response;

    return homePage({
      widgets: data.widgets,
      reports: data.reports,
      from: data.from,
      to: data.to,
      ...(data.only ? { widgetId: data.only } : {}),
      ...(c.req.query('deleted') ? { notice: 'Widget deleted.' } : {}),
    });
  });

  app.get('/report.csv', async (c) => {
    const data = await reportsFor(c);
    if (!data.ok) return data.response;
    return new Response(reportCsv(data.reports), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="cwp-report-${data.from}-${data.to}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  app.get('/widgets/new', async (c) => newWidgetPage(emptyForm, await csrfFor(c)));

  app.post('/widgets', async (c) => {
    const posted = await readForm(c);
    if (!posted.ok) return posted.response;
    const form = formFromBody(posted.form);
    const input = await parseNewWidget(inputFromForm(form), ctx.allowPrivateWebhooks);
    if (!input.ok) return newWidgetPage(form, posted.csrf, problems(input.message));
    const widget = await ctx.store.createWidget(input.value);
    ctx.logger.info('widget created', { widgetId: widget.id, by: 'dashboard' });
    return c.redirect(`${widgetPath(widget.id)}?created=1`, 303);
  });

  app.get('/widgets/:id', (c) =>
    withWidget(c, async (widget) =>
      widgetPage({
        widget,
        form: formFromWidget(widget),
        csrf: await csrfFor(c),
        server: serverOrigin(c),
        ...(c.req.query('created')
          ? { notice: 'Widget created. Put its embed code on your site.' }
          : {}),
        ...(c.req.query('saved') ? { notice: 'Saved.' } : {}),
      }),
    ),
  );

  app.post('/widgets/:id', (c) =>
    withWidget(c, async (current) => {
      const posted = await readForm(c);
      if (!posted.ok) return posted.response;
      const form = formFromBody(posted.form);
      const patch = await parseWidgetPatch(
        inputFromForm(form, current.config as Record<string, unknown>),
        ctx.allowPrivateWebhooks,
        current,
      );
      if (!patch.ok) {
        const errors = problems(patch.message);
        return widgetPage({
          widget: current,
          form,
          csrf: posted.csrf,
          server: serverOrigin(c),
          errors,
        });
      }
      await ctx.store.updateWidget(current.id, patch.value);
      ctx.widgets.invalidate(current.id);
      ctx.logger.info('widget updated', { widgetId: current.id, by: 'dashboard' });
      return c.redirect(`${widgetPath(current.id)}?saved=1`, 303);
    }),
  );

  app.post('/widgets/:id/disabled', (c) =>
    withWidget(c, async (widget) => {
      const posted = await readForm(c);
      if (!posted.ok) return posted.response;
      const disabled = posted.form.get('disabled') === 'true';
      await ctx.store.updateWidget(widget.id, { disabled });
      ctx.widgets.invalidate(widget.id);
      ctx.logger.info('widget updated', { widgetId: widget.id, disabled, by: 'dashboard' });
      return c.redirect(`${widgetPath(widget.id)}?saved=1`, 303);
    }),
  );

  app.post('/widgets/:id/identity-secret', (c) =>
    withWidget(c, async (widget) => {
      const posted = await readForm(c);
      if (!posted.ok) return posted.response;
      const secret = newIdentitySecret();
      if (!(await ctx.store.setIdentitySecret(widget.id, secret))) return notFound();
      ctx.logger.info('widget identity secret rotated', { widgetId: widget.id, by: 'dashboard' });
      return secretPage(widget, secret);
    }),
  );

  app.get('/widgets/:id/transcripts', (c) =>
    withWidget(c, async (widget) => {
      const r = range(c);
      if (!r.ok) return errorResponse(400, 'bad_request', { message: r.message });
      const query = (c.req.query('q') ?? '').trim().slice(0, 200);
      const found = widget.transcripts
        ? await ctx.store.transcriptSessions(widget.id, {
            fromMs: r.fromMs,
            toMs: r.toMs,
            query,
            limit: maxTranscriptSessions,
          })
        : [];
      const sessions = await Promise.all(
        found.map(async (session) => ({
          session,
          lines: await ctx.store.listTranscript(widget.id, session.sessionId),
        })),
      );
      return transcriptsPage({
        widget,
        from: isoDay(r.fromMs),
        to: isoDay(r.toMs),
        query,
        sessions,
        limit: maxTranscriptSessions,
      });
    }),
  );

  app.get('/widgets/:id/delete', (c) =>
    withWidget(c, async (widget) => deletePage(widget, await csrfFor(c))),
  );

  app.post('/widgets/:id/delete', (c) =>
    withWidget(c, async (widget) => {
      const posted = await readForm(c);
      if (!posted.ok) return posted.response;
      await ctx.store.deleteWidget(widget.id);
      ctx.widgets.invalidate(widget.id);
      ctx.logger.info('widget deleted', { widgetId: widget.id, by: 'dashboard' });
      return c.redirect(`${consoleBase}?deleted=1`, 303);
    }),
  );

  app.all('*', () => notFound());
  return app;
}
