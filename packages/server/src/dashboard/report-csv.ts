import type { ReportEntry } from './report-section.js';

const columns = [
  'sessions',
  'messages',
  'responses',
  'streamedResponses',
  'errors',
  'loads',
  'opens',
  'tooltipClicks',
  'latencyP50',
  'latencyP95',
  'errorRate',
  'openRate',
  'starterPrompts',
  'buttonsChosen',
  'feedbackUp',
  'feedbackDown',
  'feedbackRate',
] as const;

/** RFC 4180 quoting, and no leading = + - @ a spreadsheet would run as a formula. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same per-day numbers the report page draws, one row per widget and day. */
export function reportCsv(entries: readonly ReportEntry[]): string {
  const rows = [['widgetId', 'widgetName', 'day', ...columns].join(',')];
  for (const { widget, report } of entries) {
    for (const day of report.days) {
      rows.push(
        [widget.id, widget.name, day.day, ...columns.map((key) => day[key])].map(cell).join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
