/**
 * Structured logging: one JSON line per event, with personal data taken out before anything is
 * written. Logs are kept longer and read by more people than the database, so they must never hold
 * what a participant wrote (plans, reflections, stories), who they are (names, e-mail addresses) or
 * anything that lets someone sign in (passwords, tokens, cookies).
 *
 *   log({ level: "error", event: "request.failed", ref, route, method, status, error })
 *
 * Only the logger's own fields (time, level, event, ref, method, status, durationMs) pass as they are;
 * `route` loses its query string and token-like path segments, `error` keeps its name and a cleaned
 * message and stack, and everything in `data` goes through `redact`.
 */

export type LogLevel = "info" | "warn" | "error";

export interface LogEvent {
  level: LogLevel;
  /** A short, fixed, dotted name such as "request.failed"; never user input. */
  event: string;
  /** The request's reference code (LL-XXXX-XXXX), shown to the user on an error page. */
  ref?: string;
  /** The URL or path of the request; cleaned by `redactUrl`. */
  route?: string;
  method?: string;
  status?: number;
  durationMs?: number;
  error?: unknown;
  /** Anything else; cleaned by `redact`. */
  data?: Record<string, unknown>;
}

export const REDACTED = "[weg]";

/** Key fragments whose values are personal or secret, whatever the value looks like. */
const SENSITIVE_KEY_PARTS = [
  "email",
  "mail",
  "name",
  "password",
  "passwd",
  "secret",
  "token",
  "cookie",
  "authorization",
  "session",
  "story",
  "text",
  "note",
  "reflection",
  "reflectie",
  "evaluation",
  "answer",
  "comment",
  "content",
  "description",
  "summary",
  "body",
  "goal",
  "action",
  "evidence",
  "motivation",
  "justification",
  "advice",
  "learning",
  "theme",
  "phone",
  "address",
  "birth",
  "bsn",
];
const SENSITIVE_EXACT_KEYS = new Set(["ip", "clientip", "remoteaddress", "xforwardedfor", "code", "verificationcode"]);

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z]/g, "");
  if (SENSITIVE_EXACT_KEYS.has(k)) return true;
  return SENSITIVE_KEY_PARTS.some((part) => k.includes(part));
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** A quoted stretch of text of 12+ characters: usually a value that came from a user. */
const QUOTED = /(["'`\u2018\u2019\u201C\u201D])([^"'`\u2018\u2019\u201C\u201D\n]{12,})\1/g;
/** Long runs of letters, digits, - and _ (tokens, session ids, hashes). */
const TOKENISH = /\b[A-Za-z0-9_-]{24,}\b/g;
/** Nine or more digits, possibly with spaces or dashes: phone numbers, BSN, IBAN digits. */
const LONG_NUMBER = /\+?\d(?:[\s-]?\d){8,}/g;
/** URLs: keep scheme, host and path, drop the query and fragment. */
const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#"']*)[?#][^\s"']*/g;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export const MAX_MESSAGE_CHARS = 300;
const MAX_STACK_LINES = 12;

/**
 * Cleans free text that we did not write ourselves (an error message, a stack's first line):
 * e-mail addresses, quoted text, tokens, long numbers and query strings go; very long text is cut.
 */
export function redactText(text: string, max = MAX_MESSAGE_CHARS): string {
  let out = text
    .replace(CONTROL, "")
    .replace(URL_WITH_QUERY, "$1?[weg]")
    .replace(EMAIL, "[e-mail]")
    .replace(QUOTED, "$1[tekst]$1")
    .replace(TOKENISH, (m) => (looksRandom(m) ? "[token]" : m))
    .replace(LONG_NUMBER, "[nummer]");
  if (out.length > max) out = `${out.slice(0, max)}… [ingekort, ${out.length} tekens]`;
  return out;
}

/** Random-looking: digits among letters, or upper and lower case mixed (base64url), not a camelCase word. */
function looksRandom(s: string): boolean {
  if (/\d/.test(s) && /[A-Za-z]/.test(s)) return true;
  const caseFlips = (s.match(/[a-z][A-Z]|[A-Z][A-Z][a-z]/g) ?? []).length;
  return caseFlips >= Math.max(4, s.length / 4);
}

/** A path segment that looks like a secret (invitation and confirmation tokens, verification codes). */
function isSecretSegment(segment: string): boolean {
  if (segment.length >= 16 && /^[A-Za-z0-9_-]+$/.test(segment) && looksRandom(segment)) return true;
  if (/^[A-Za-z0-9]{4,}-[A-Za-z0-9]{4,}(?:-[A-Za-z0-9]{4,})*$/.test(segment) && /\d/.test(segment)) return true;
  return segment.includes("@");
}

/** A URL or path without its query string and fragment, with secret-looking segments replaced. */
export function redactUrl(url: string): string {
  let path = url;
  try {
    if (/^[a-z]+:\/\//i.test(url)) path = new URL(url).pathname;
  } catch {
    /* keep as is, cleaned below */
  }
  path = path.split(/[?#]/)[0];
  return path
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        /* malformed escapes stay as they are */
      }
      return isSecretSegment(decoded) ? ":token" : segment.slice(0, 80);
    })
    .join("/")
    .replace(CONTROL, "");
}

/** Deep copy with sensitive keys' values replaced and all strings cleaned. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5) return "[diep]";
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return redactText(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return redactError(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      out[key] = isSensitiveKey(key) ? (v === null || v === undefined || v === "" ? v : REDACTED) : redact(v, depth + 1);
    }
    return out;
  }
  return `[${typeof value}]`;
}

export interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** An error's name, cleaned message and cleaned stack (frames only; the first line is the message). */
export function redactError(error: unknown): LoggedError {
  if (!(error instanceof Error)) {
    return { name: typeof error, message: typeof error === "string" ? redactText(error) : "(geen Error-object)" };
  }
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_STACK_LINES)
    .map((line) => redactText(line.trim(), 400));
  const out: LoggedError = { name: redactText(error.name, 80), message: redactText(error.message) };
  if (frames.length > 0) out.stack = frames.join("\n");
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code)) out.code = code;
  return out;
}

/** The JSON line for an event (no newline). */
export function formatLogLine(event: LogEvent, now: Date = new Date()): string {
  const line: Record<string, unknown> = { time: now.toISOString(), level: event.level, event: event.event };
  if (event.ref) line.ref = event.ref;
  if (event.method) line.method = event.method.slice(0, 10);
  if (event.route !== undefined) line.route = redactUrl(event.route);
  if (event.status !== undefined) line.status = event.status;
  if (event.durationMs !== undefined) line.durationMs = Math.round(event.durationMs);
  if (event.error !== undefined) line.error = redactError(event.error);
  if (event.data) line.data = redact(event.data);
  return JSON.stringify(line);
}

type Sink = (line: string, level: LogLevel) => void;

const defaultSink: Sink = (line, level) => {
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
};
let sink: Sink = defaultSink;

/** For tests: collect lines instead of writing them. Returns a function that restores the default. */
export function setLogSink(next: Sink): () => void {
  sink = next;
  return () => {
    sink = defaultSink;
  };
}

export function log(event: LogEvent): void {
  let line: string;
  try {
    line = formatLogLine(event);
  } catch {
    line = JSON.stringify({ time: new Date().toISOString(), level: event.level, event: event.event, ref: event.ref, note: "log-formatting-failed" });
  }
  sink(line, event.level);
}
