/**
 * CSV for Excel with Dutch settings: UTF-8 with BOM, ';' between fields, CRLF line ends,
 * dates as dd-mm-jjjj and decimal commas. Cells that Excel would read as a formula are
 * defused with a leading quote.
 */
type Cell = string | number | boolean | null | undefined;

const PLAIN_NEGATIVE_NUMBER = /^-\d+(,\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[;"\r\n]/;

function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "ja" : "nee";
  if (typeof v === "number") return dutchNumber(v);
  return v;
}

function escape(raw: string): string {
  const s = FORMULA_START.test(raw) && !PLAIN_NEGATIVE_NUMBER.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Builds CSV text that opens correctly in Excel with Dutch settings: UTF-8 BOM first, ';' separator, CRLF line ends,
 *  fields quoted with "" when they contain ; " CR or LF (quotes doubled), and cells starting with = + - @ (or tab/CR)
 *  prefixed with a single quote to stop formula injection (but a plain negative number like -2,5 stays as is).
 *  Booleans render as "ja"/"nee", null/undefined as empty, numbers via dutchNumber. Every line ends with CRLF. */
export function toDutchCsv(header: string[], rows: Cell[][]): string {
  const lines = [header, ...rows].map((row) => row.map((v) => escape(cellText(v))).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

const amsterdamDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "2026-09-07" → "07-09-2026" (also accepts an ISO timestamp, using its date in Europe/Amsterdam).
 *  A timestamp without a zone is read as UTC (the app stores toISOString() values). Throws RangeError on bad input. */
export function dutchDate(isoDate: string): string {
  const plain = PLAIN_DATE.exec(isoDate);
  if (plain) {
    const [, y, m, d] = plain;
    const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) {
      throw new RangeError(`Invalid date: ${isoDate}`);
    }
    return `${d}-${m}-${y}`;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(isoDate)) throw new RangeError(`Invalid date: ${isoDate}`);
  const instant = new Date(HAS_ZONE.test(isoDate) ? isoDate : `${isoDate.replace(" ", "T")}Z`);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date: ${isoDate}`);
  const parts = Object.fromEntries(amsterdamDate.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year}`;
}

/**
 * A date cell of an export: dutchDate for a valid date or timestamp, the stored text itself for
 * anything else (an export never fails on one odd row), "" for none.
 */
export function csvDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  try {
    return dutchDate(value);
  } catch {
    return value;
  }
}

/** 2.5 → "2,5"; 60 → "60"; 0.25 → "0,25"; at most 2 decimals (half away from zero), no thousands separator.
 *  Throws RangeError on NaN/Infinity. */
export function dutchNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  // Round via the decimal text so that e.g. 1.005 becomes 1,01 rather than 1 (binary float artefact).
  const abs = Math.abs(n);
  const rounded = abs >= 1e15 ? Math.round(abs) : Math.round(Number(`${abs.toFixed(10)}e2`)) / 100;
  const text = String(rounded).replace(".", ",");
  return n < 0 && rounded !== 0 ? `-${text}` : text;
}
