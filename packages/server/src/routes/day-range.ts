const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const maxReportDays = 366;
export const dayMs = 24 * 60 * 60 * 1000;

export type DayRange = { ok: true; fromMs: number; toMs: number } | { ok: false; message: string };

/** `from`/`to` as inclusive UTC days; defaults to the last `defaultDays` days. */
export function parseDayRange(
  from: string | undefined,
  to: string | undefined,
  defaultDays = 30,
): DayRange {
  const today = new Date().toISOString().slice(0, 10);
  const toDay = to ?? today;
  const toMs = Date.parse(`${toDay}T00:00:00.000Z`);
  const fromDay = from ?? new Date(toMs - (defaultDays - 1) * dayMs).toISOString().slice(0, 10);
  const fromMs = Date.parse(`${fromDay}T00:00:00.000Z`);
  if (
    !dayPattern.test(fromDay) ||
    !dayPattern.test(toDay) ||
    Number.isNaN(fromMs) ||
    Number.isNaN(toMs)
  ) {
    return { ok: false, message: 'from and to must be days written YYYY-MM-DD' };
  }
  if (fromMs > toMs) return { ok: false, message: 'from must not be after to' };
  if ((toMs - fromMs) / dayMs + 1 > maxReportDays) {
    return { ok: false, message: `a report covers at most ${maxReportDays} days` };
  }
  return { ok: true, fromMs, toMs: toMs + dayMs - 1 };
}
