/*
 * iCalendar (RFC 5545) text, written by hand: the app needs only VEVENTs with a few properties,
 * and the rules for those are small. Times are written in UTC ("Z"), worked out from the
 * Amsterdam wall-clock time the rooster stores, so every calendar app shows them right on both
 * sides of a daylight-saving change without a VTIMEZONE block.
 */

export interface CalendarEvent {
  /** stable for the life of the meeting: a calendar app matches changes by it */
  uid: string;
  /** raised by the database on every change of what a calendar shows */
  sequence: number;
  /** yyyy-mm-dd and HH:MM, Amsterdam wall-clock time */
  date: string;
  startTime: string;
  /** the end as a wall-clock time, or the length in minutes (an interview) */
  end: { time: string } | { minutes: number };
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
  cancelled: boolean;
  /** ISO timestamp of the last change (LAST-MODIFIED and DTSTAMP) */
  updatedAt: string;
}

const AMSTERDAM = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const DAY_MS = 86_400_000;

/** How far Amsterdam's clock is ahead of UTC at a moment, in milliseconds. */
function amsterdamOffset(ms: number): number {
  const p = Object.fromEntries(AMSTERDAM.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - (ms - (ms % 1000));
}

/**
 * The moment of an Amsterdam wall-clock time. A time that does not exist (the hour skipped in
 * March) comes out an hour later, as the clock shows it; a time that happens twice (October)
 * is the first of the two.
 */
export function amsterdamToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = amsterdamOffset(wall - DAY_MS);
  const offsets = [...new Set([before, amsterdamOffset(wall + DAY_MS)])];
  const valid = offsets
    .map((o) => wall - o)
    .filter((t) => amsterdamOffset(t) === wall - t)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? wall - before);
}

/** 20261025T090000Z */
export function utcStamp(moment: Date): string {
  return moment
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): the rest goes on lines that start with one
 * space. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  // The first line holds 75 octets; every next line holds 74 after its leading space.
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Control characters other than tab have no place in a TEXT value (RFC 5545 §3.3.11). */
// eslint-disable-next-line no-control-regex -- exactly what is removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function text(name: string, value: string): string {
  return property(name, escapeText(value.replace(CONTROL, "")));
}

function eventLines(event: CalendarEvent): string[] {
  const start = amsterdamToUtc(event.date, event.startTime);
  let end = "time" in event.end ? amsterdamToUtc(event.date, event.end.time) : new Date(start.getTime() + event.end.minutes * 60_000);
  if (end.getTime() <= start.getTime()) end = new Date(start.getTime() + 3600_000);
  const stamp = utcStamp(new Date(event.updatedAt));
  const lines = [
    "BEGIN:VEVENT",
    text("UID", event.uid),
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(end)}`,
    text("SUMMARY", event.summary),
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
  ];
  if (event.location) lines.push(text("LOCATION", event.location));
  if (event.description) lines.push(text("DESCRIPTION", event.description));
  // A URI value is not escaped as text; a URL never holds a line break.
  if (event.url) lines.push(property("URL", event.url.replace(/[\r\n]/g, "")));
  lines.push("END:VEVENT");
  return lines;
}

/** A whole VCALENDAR, CRLF line ends, folded. */
export function buildCalendar(name: string, events: readonly CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Leerlijn Buurtteams//Leerlijn//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    text("X-WR-CALNAME", name),
    "X-WR-TIMEZONE:Europe/Amsterdam",
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return `${lines.join("\r\n")}\r\n`;
}
