/**
 * Calendar dates as the app stores them: "yyyy-mm-dd". One check for every form, template and
 * export, so "2026-11-31" is refused instead of rolling over into 1 December.
 */
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real day of the calendar written as yyyy-mm-dd (no roll-over, no 30 February). */
export function isCalendarDate(value: string): boolean {
  const m = PLAIN_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d;
}
