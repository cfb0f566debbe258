import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { randomBytes } from "node:crypto";
import { newToken, tokenHash } from "./tokens.server";
import { currentTime } from "../clock.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long a session may live: idle minutes without a request, and hours after sign-in at most. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };

/** `last_seen_at` is written at most this often, so most reads are one SELECT. */
export const LAST_SEEN_RESOLUTION_MS = MINUTE;

/**
 * How often `last_seen_at` is written for these limits: once a minute, but for a short idle time
 * (SESSION_IDLE_MINUTES=1 in tests) a tenth of it, or activity would never count.
 */
export function lastSeenResolutionMs(limits: SessionLimits): number {
  return Math.min(LAST_SEEN_RESOLUTION_MS, (limits.idleMinutes * MINUTE) / 10);
}

/**
 * A session that ended by time stays in the table this long, so a form that arrives after the
 * time-out can still be kept for the person whose session it was (services/kept-forms.server.ts).
 * It opens nothing: it only answers "idle" or "expired".
 */
export const ENDED_SESSION_GRACE_HOURS = 8;

export interface NewSession {
  token: string;
  publicId: string;
}

function idleCutoff(now: Date, limits: SessionLimits): string {
  return new Date(now.getTime() - limits.idleMinutes * MINUTE).toISOString();
}

/** When a session ends if nothing happens: its idle end or its absolute end, whichever comes first. */
function endOf(row: { last_seen_at: string; expires_at: string }, limits: SessionLimits): number {
  return Math.min(new Date(row.last_seen_at).getTime() + limits.idleMinutes * MINUTE, new Date(row.expires_at).getTime());
}

/**
 * Creates a server-side session and returns the token for the cookie and its public id.
 * The absolute end is fixed now (sign-in + maxHours); the browser summary and IP are for the
 * person's own list of sessions. Dead sessions of everyone are cleared on the way.
 */
export async function createSession(
  db: DB,
  userId: number,
  opts: { limits?: SessionLimits; now?: Date; userAgent?: string | null; ip?: string | null } = {},
): Promise<NewSession> {
  const now = opts.now ?? currentTime();
  const limits = opts.limits ?? DEFAULT_SESSION_LIMITS;
  await purgeExpiredSessions(db, limits, now);
  const token = newToken();
  const publicId = randomBytes(16).toString("base64url");
  await db
    .insertInto("auth_sessions")
    .values({
      id: tokenHash(token),
      public_id: publicId,
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.maxHours * HOUR).toISOString(),
      user_agent: opts.userAgent ?? null,
      ip: opts.ip ?? null,
    })
    .execute();
  return { token, publicId };
}

export async function destroySession(db: DB, token: string): Promise<void> {
  await db.deleteFrom("auth_sessions").where("id", "=", tokenHash(token)).execute();
}

export async function destroyUserSessions(db: DB, userId: number): Promise<void> {
  await db.deleteFrom("auth_sessions").where("user_id", "=", userId).execute();
}

export type SessionState =
  | { state: "active"; user: User; publicId: string }
  /** Ended by inactivity: the login page says so. */
  | { state: "idle" }
  /** Ended by the absolute lifetime. */
  | { state: "expired" }
  /** No such session (never was, signed out, ended elsewhere, or the person was blocked). */
  | { state: "none" };

/** A session's row with its person (one read, shared by every question about a token), or undefined. */
function findSession(db: DB, id: string) {
  return db
    .selectFrom("auth_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.expires_at", "s.last_seen_at", "s.public_id"])
    .selectAll("u")
    .where("s.id", "=", id)
    .executeTakeFirst();
}

/**
 * What a session token stands for right now. A session ends after `idleMinutes` without a request
 * and `maxHours` after sign-in. An ended session is never revived (its last_seen_at no longer
 * moves), so the answer stays "idle" for every loader of the request that noticed it; it stays in
 * the table ENDED_SESSION_GRACE_HOURS (to know whose late form it was) and is removed at a later
 * sign-in of anyone after that. `last_seen_at` is written at most every `lastSeenResolutionMs`.
 * A blocked person's session is removed at once.
 */
export async function resolveSession(db: DB, token: string, opts: { limits?: SessionLimits; now?: Date } = {}): Promise<SessionState> {
  const now = opts.now ?? currentTime();
  const limits = opts.limits ?? DEFAULT_SESSION_LIMITS;
  const id = tokenHash(token);
  const row = await findSession(db, id);
  if (!row) return { state: "none" };
  if (row.status !== "active") {
    await db.deleteFrom("auth_sessions").where("id", "=", id).execute();
    return { state: "none" };
  }
  if (row.expires_at <= now.toISOString()) return { state: "expired" };
  if (row.last_seen_at <= idleCutoff(now, limits)) return { state: "idle" };
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= lastSeenResolutionMs(limits)) {
    await db.updateTable("auth_sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
  }
  const { expires_at: _e, last_seen_at: _l, public_id: publicId, ...user } = row;
  return { state: "active", user, publicId };
}

/** The active user behind a session token, or null. */
export async function userForSession(db: DB, token: string, opts: { limits?: SessionLimits; now?: Date } = {}): Promise<User | null> {
  const s = await resolveSession(db, token, opts);
  return s.state === "active" ? s.user : null;
}

/** Removes sessions that ended by time (absolute or idle) more than ENDED_SESSION_GRACE_HOURS ago. */
export async function purgeExpiredSessions(db: DB, limits: SessionLimits = DEFAULT_SESSION_LIMITS, now = currentTime()): Promise<number> {
  const before = new Date(now.getTime() - ENDED_SESSION_GRACE_HOURS * HOUR);
  const res = await db
    .deleteFrom("auth_sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", before.toISOString()), eb("last_seen_at", "<=", idleCutoff(before, limits))]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A session's time left, for the warning before a time-out. */
export type SessionClock = { state: "active"; endsInMs: number } | { state: "ended" };

/**
 * How long the session has left, without counting this look as activity (the browser asks this
 * before it warns; asking must not keep the session alive). With `touch`, it is the person's
 * "I am still here": a live session's last request becomes now, whatever the write resolution.
 * An ended session stays ended.
 */
export async function sessionClock(db: DB, token: string, opts: { limits?: SessionLimits; now?: Date; touch?: boolean } = {}): Promise<SessionClock> {
  const now = opts.now ?? currentTime();
  const limits = opts.limits ?? DEFAULT_SESSION_LIMITS;
  const id = tokenHash(token);
  const row = await findSession(db, id);
  if (!row || row.status !== "active") return { state: "ended" };
  const end = endOf(row, limits);
  if (end <= now.getTime()) return { state: "ended" };
  if (!opts.touch) return { state: "active", endsInMs: end - now.getTime() };
  await db.updateTable("auth_sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
  return { state: "active", endsInMs: endOf({ last_seen_at: now.toISOString(), expires_at: row.expires_at }, limits) - now.getTime() };
}

/**
 * Whose session this token was, when it ended by time (idle or past its end) and the person may
 * still sign in; null for a live session, an unknown token or a blocked person.
 */
export async function endedSessionOwner(db: DB, token: string, opts: { limits?: SessionLimits; now?: Date } = {}): Promise<number | null> {
  const now = opts.now ?? currentTime();
  const limits = opts.limits ?? DEFAULT_SESSION_LIMITS;
  const row = await findSession(db, tokenHash(token));
  if (!row || row.status !== "active" || endOf(row, limits) > now.getTime()) return null;
  return row.id;
}

export interface SessionListItem {
  publicId: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** The person's own live sessions, newest activity first; the one in use is marked. */
export async function listUserSessions(
  db: DB,
  userId: number,
  currentPublicId: string | null,
  opts: { limits?: SessionLimits; now?: Date } = {},
): Promise<SessionListItem[]> {
  const now = opts.now ?? currentTime();
  const limits = opts.limits ?? DEFAULT_SESSION_LIMITS;
  const rows = await db
    .selectFrom("auth_sessions")
    .select(["public_id", "created_at", "last_seen_at", "user_agent", "ip"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now.toISOString())
    .where("last_seen_at", ">", idleCutoff(now, limits))
    .orderBy("last_seen_at", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    publicId: r.public_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    userAgent: r.user_agent,
    ip: r.ip,
    current: r.public_id === currentPublicId,
  }));
}

/**
 * Ends one of the person's own sessions by its public id. The id comes from a form and is never
 * trusted alone: the row must also belong to `userId`. The session in use is not ended here
 * (that is "Uitloggen"). Returns whether a session was ended.
 */
export async function endOwnSession(db: DB, userId: number, publicId: string, currentPublicId: string | null): Promise<boolean> {
  if (publicId === currentPublicId) return false;
  const res = await db.deleteFrom("auth_sessions").where("user_id", "=", userId).where("public_id", "=", publicId).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/**
 * The one way a password changes (own change, invitation link, reset): the new hash is stored and
 * every session of the person ends, except the one in use when the person changed it themselves.
 * A reset through a new invitation therefore signs out whoever still had the old password.
 * Run it inside the transaction of the change. Returns how many sessions ended.
 */
export async function replacePassword(
  db: DB,
  userId: number,
  passwordHash: string,
  opts: { now: Date; keepPublicId?: string | null; activate?: boolean },
): Promise<number> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: opts.now.toISOString(), ...(opts.activate ? { status: "active" as const } : {}) })
    .where("id", "=", userId)
    .execute();
  return endOtherSessions(db, userId, opts.keepPublicId ?? null);
}

/** Ends every session of the person except the one in use. Returns how many ended. */
export async function endOtherSessions(db: DB, userId: number, currentPublicId: string | null): Promise<number> {
  let q = db.deleteFrom("auth_sessions").where("user_id", "=", userId);
  if (currentPublicId) q = q.where("public_id", "!=", currentPublicId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}
