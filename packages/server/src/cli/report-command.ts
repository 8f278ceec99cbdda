import { parseArgs } from 'node:util';
import { parseDayRange } from '../routes/admin-routes.js';
import type { WidgetReport } from '../store/types.js';
import { type CliIo, commonOptions, noSuchWidget, withStore } from './command-context.js';
import { plainText, table } from './terminal-text.js';
import { parseCommandLine, UsageError, usage } from './usage.js';

const fmtMs = (value: number | null) => (value === null ? '-' : `${Math.round(value)}ms`);
const fmtPct = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

function reportRows(report: WidgetReport): (string | number)[][] {
  return report.days.map((d) => [
    d.day,
    d.sessions,
    d.messages,
    d.responses,
    d.errors,
    fmtMs(d.latencyP50),
    fmtMs(d.latencyP95),
    fmtPct(d.errorRate),
    fmtPct(d.openRate),
    d.starterPrompts,
    d.buttonsChosen,
    d.feedbackUp,
    d.feedbackDown,
    fmtPct(d.feedbackRate),
  ]);
}

/** `cwp-server report [ID]`: one widget day by day, or every widget's totals. */
export async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(() =>
    parseArgs({
      args,
      options: { ...commonOptions, from: { type: 'string' }, to: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('report takes at most one widget id');
  const range = parseDayRange(values.from, values.to);
  if (!range.ok) throw new UsageError(range.message);
  return withStore(values.db, io.env, async (store) => {
    const id = positionals[0];
    const headers = [
      'DAY',
      'SESSIONS',
      'MESSAGES',
      'RESPONSES',
      'ERRORS',
      'P50',
      'P95',
      'ERROR RATE',
      'OPEN RATE',
      'PROMPTS',
      'BUTTONS',
      'UP',
      'DOWN',
      'UP RATE',
    ];
    if (id) {
      const widget = await store.getWidget(id);
      if (!widget) throw noSuchWidget(id);
      const result = await store.report(widget.id, range.fromMs, range.toMs);
      const t = result.totals;
      io.stdout(
        `${plainText(widget.name)} (${widget.id}) ${result.from} to ${result.to}\n${table(headers, [
          ...reportRows(result),
          [
            'total',
            t.sessions,
            t.messages,
            t.responses,
            t.errors,
            fmtMs(t.latencyP50),
            fmtMs(t.latencyP95),
            fmtPct(t.errorRate),
            fmtPct(t.openRate),
            t.starterPrompts,
            t.buttonsChosen,
            t.feedbackUp,
            t.feedbackDown,
            fmtPct(t.feedbackRate),
          ],
        ])}\n`,
      );
      return 0;
    }
    const list = await store.listWidgets();
    const rows: (string | number)[][] = [];
    for (const widget of list) {
      const t = (await store.report(widget.id, range.fromMs, range.toMs)).totals;
      rows.push([
        widget.id,
        widget.name,
        t.sessions,
        t.messages,
        t.errors,
        fmtMs(t.latencyP50),
        fmtMs(t.latencyP95),
        fmtPct(t.errorRate),
        fmtPct(t.openRate),
        t.feedbackUp,
        t.feedbackDown,
        fmtPct(t.feedbackRate),
      ]);
    }
    io.stdout(
      `${table(['ID', 'NAME', 'SESSIONS', 'MESSAGES', 'ERRORS', 'P50', 'P95', 'ERROR RATE', 'OPEN RATE', 'UP', 'DOWN', 'UP RATE'], rows)}\n`,
    );
    return 0;
  });
}
