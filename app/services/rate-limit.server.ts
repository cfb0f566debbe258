import type { DB } from "../../db/connect";
import { currentTime } from "../clock.server";
import { audit } from "./audit.server";

/**
 * Rate limits, counted in the database (table rate_limit_hits), so that every app process sharing
 * the database sees the same count: at most `max` hits per subject in `windowMinutes`.
 */
export interface RateLimit {
  max: number;
  windowMinutes: number;
}

/** Every limit in the app. The name prefixes the key of each hit. */
export const RATE_LIMITS = {
  /** Unknown codes on the public verification (page and API), per IP address. */
  verify: { max: 20, windowMinutes: 10 },
  /** Filled-in honeypots (robots), per form and IP address: counted, and audited once a window. */
  honeypot: { max: 1, windowMinutes: 60 },
  /** "Wachtwoord vergeten?" requests per address typed in (its SHA-256, known or not). */
  resetAddress: { max: 3, windowMinutes: 60 },
  /** "Wachtwoord vergeten?" requests per IP address. */
  resetIp: { max: 20, windowMinutes: 60 },
  /** Refused reset requests: audited once a window per address or IP, not once per request. */
  resetRefused: { max: 1, windowMinutes: 60 },
  /** Wrong self check-in codes, per participant (issue 29 point 4). */
  checkIn: { max: 6, windowMinutes: 10 },
  /** Checks of a pasted or uploaded digital certificate (issue 30): each costs real work, per IP address. */
  credentialCheck: { max: 30, windowMinutes: 10 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

const keyOf = (name: RateLimitName, subject: string) => `${name}:${subject}`;
const windowStart = (name: RateLimitName, now: Date) => new Date(now.getTime() - RATE_LIMITS[name].windowMinutes * 60_000).toISOString();

/** True when the subject used up the limit within the window (this call counts nothing). */
export async function overLimit(db: DB, name: RateLimitName, subject: string, now = currentTime()): Promise<boolean> {
  const row = await db
    .selectFrom("rate_limit_hits")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("key", "=", keyOf(name, subject))
    .where("created_at", ">", windowStart(name, now))
    .executeTakeFirstOrThrow();
  return Number(row.n) >= RATE_LIMITS[name].max;
}

/**
 * Minutes until the subject may try again (its oldest hit in the window falls out), at least 1;
 * 0 when it is not over the limit.
 */
export async function minutesUntilFree(db: DB, name: RateLimitName, subject: string, now = currentTime()): Promise<number> {
  const limit = RATE_LIMITS[name];
  const rows = await db
    .selectFrom("rate_limit_hits")
    .select("created_at")
    .where("key", "=", keyOf(name, subject))
    .where("created_at", ">", windowStart(name, now))
    .orderBy("created_at", "desc")
    .limit(limit.max)
    .execute();
  if (rows.length < limit.max) return 0;
  // The hit that must fall out of the window before one more is allowed.
  const freeAt = Date.parse(rows[limit.max - 1].created_at) + limit.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
}

/** Counts one hit for the subject, and forgets its hits that fell out of the window. */
export async function recordHit(db: DB, name: RateLimitName, subject: string, now = currentTime()): Promise<void> {
  const key = keyOf(name, subject);
  await db.insertInto("rate_limit_hits").values({ key, created_at: now.toISOString() }).execute();
  await db.deleteFrom("rate_limit_hits").where("key", "=", key).where("created_at", "<=", windowStart(name, now)).execute();
}

/** Removes every hit older than the longest window (for the retention job); returns how many. */
export async function pruneRateLimitHits(db: DB, now = currentTime()): Promise<number> {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((l) => l.windowMinutes));
  const before = new Date(now.getTime() - longest * 60_000).toISOString();
  const res = await db.deleteFrom("rate_limit_hits").where("created_at", "<=", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * A robot filled in a form's hidden field. The hit is counted (rate_limit_hits, which forgets it
 * after the window) and only the first hit of a window per form and address goes to the audit
 * log: the append-only log does not grow with every request of a flood.
 */
export async function recordHoneypot(db: DB, form: "login" | "verify" | "reset", ip: string | null, now = currentTime()): Promise<void> {
  const subject = `${form}:${ip ?? "onbekend"}`;
  const first = !(await overLimit(db, "honeypot", subject, now));
  await recordHit(db, "honeypot", subject, now);
  if (first)
    await audit(db, {
      action: `${form}.honeypot`,
      outcome: "denied",
      ip,
      at: now,
      details: { counted: "rate_limit_hits", windowMinutes: RATE_LIMITS.honeypot.windowMinutes },
    });
}
