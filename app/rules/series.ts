import { isCalendarDate } from "./dates";

/*
 * A series (reeks) of meetings: the same meeting every week or every two weeks, a number of
 * times, skipping listed days (school holidays, a public holiday). Pure rules, no database.
 *
 * Dates are calendar days (yyyy-mm-dd) and times are Amsterdam wall-clock times ("13:30"), the way
 * meetings are stored. Stepping is done on the calendar, never by adding 7 × 24 hours to a moment:
 * so a Tuesday 13:30 stays a Tuesday 13:30 across the change to or from summer time, while the
 * moment in UTC moves by an hour (see `amsterdamMoment`).
 */

export const SERIES_MIN_COUNT = 2;
export const SERIES_MAX_COUNT = 52;
export const SERIES_INTERVALS = [1, 2] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];
/** The most lines (days or ranges) the skip list may hold, and the longest range in days. */
export const SKIP_MAX_LINES = 40;
export const SKIP_MAX_RANGE_DAYS = 62;

/** The day `days` after a calendar date (negative: before). Calendar arithmetic, in UTC. */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from a to b (b later: positive). */
export function daysBetween(a: string, b: string): number {
  const ms = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

export interface SeriesPlan {
  /** the day of the first meeting, yyyy-mm-dd */
  firstDate: string;
  /** 1: every week; 2: every two weeks */
  everyWeeks: SeriesInterval;
  /** how many meetings the series has (skipped days do not count) */
  count: number;
  /** days on which no meeting is held */
  skip: readonly string[];
}

export interface SeriesDates {
  /** the days of the meetings, in order: exactly `count` of them */
  dates: string[];
  /** the days the rhythm fell on that were skipped, in order */
  skipped: string[];
}

/**
 * The days of a series. A skipped day is left out and the series goes on one step later, so it
 * still has `count` meetings. Skip days that are not on the rhythm change nothing.
 */
export function seriesDates(plan: SeriesPlan): SeriesDates {
  const skip = new Set(plan.skip);
  const dates: string[] = [];
  const skipped: string[] = [];
  const step = plan.everyWeeks * 7;
  // Every day on the rhythm is either a meeting or a skipped day; the skip list is finite.
  for (let day = plan.firstDate; dates.length < plan.count; day = addCalendarDays(day, step)) {
    if (skip.has(day)) skipped.push(day);
    else dates.push(day);
  }
  return { dates, skipped };
}

const FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function wallClock(moment: Date): string {
  const p = Object.fromEntries(FORMAT.formatToParts(moment).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The moment a meeting starts: Amsterdam wall-clock day and time to a UTC instant, with the
 * offset in force on that day (+01:00 in winter, +02:00 in summer).
 */
export function amsterdamMoment(date: string, time: string): Date {
  const wanted = `${date}T${time}`;
  const asUtc = new Date(`${wanted}:00Z`);
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(asUtc.getTime() - offsetHours * 3_600_000);
    if (wallClock(candidate) === wanted) return candidate;
  }
  // A time that does not exist (the hour skipped in spring): the moment an hour later on the clock.
  return new Date(asUtc.getTime() - 3_600_000);
}

export type SkipParse = { ok: true; days: string[] } | { ok: false; problem: "skipInvalid" | "skipRangeTooLong" | "skipTooMany" };

const DATE_TOKEN = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}/g;

/** "2026-10-19" or "19-10-2026" to yyyy-mm-dd; null for a day that does not exist. */
function normaliseDate(token: string): string | null {
  const parts = token.split("-");
  const [y, m, d] = parts[0].length === 4 ? parts : [parts[2], parts[1], parts[0]];
  const date = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isCalendarDate(date) ? date : null;
}

/**
 * The skip list as typed in the form: one day or one range per line (or separated by commas or
 * semicolons). A day is yyyy-mm-dd or dd-mm-yyyy; a range is two days on one line ("2026-10-19 t/m
 * 2026-10-23"), both included. Returns every skipped day, sorted, without repeats.
 */
export function parseSkipList(text: string): SkipParse {
  const lines = text
    .split(/[\n\r,;]+/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length > SKIP_MAX_LINES) return { ok: false, problem: "skipTooMany" };
  const days = new Set<string>();
  for (const line of lines) {
    const tokens = line.match(DATE_TOKEN) ?? [];
    const rest = line.replace(DATE_TOKEN, "").replace(/t\/m|tot en met|tot|to|through|until|[-–—\s]/gi, "");
    if (tokens.length === 0 || tokens.length > 2 || rest !== "") return { ok: false, problem: "skipInvalid" };
    const dates = tokens.map(normaliseDate);
    if (dates.some((d) => d === null)) return { ok: false, problem: "skipInvalid" };
    const [from, to = from] = dates as string[];
    const length = daysBetween(from, to);
    if (length < 0) return { ok: false, problem: "skipInvalid" };
    if (length > SKIP_MAX_RANGE_DAYS) return { ok: false, problem: "skipRangeTooLong" };
    for (let i = 0; i <= length; i++) days.add(addCalendarDays(from, i));
  }
  return { ok: true, days: [...days].sort() };
}
