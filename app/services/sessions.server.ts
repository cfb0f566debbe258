import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { newToken, tokenHash } from "./tokens.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Creates a server-side session and returns the token for the cookie. */
export async function createSession(
  db: DB,
  userId: number,
  opts: { days: number; now?: Date },
): Promise<string> {
  const now = opts.now ?? new Date();
  const token = newToken();
  await db
    .insertInto("auth_sessions")
    .values({
      id: tokenHash(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + opts.days * DAY).toISOString(),
    })
    .execute();
  return token;
}

export async function destroySession(db: DB, token: string): Promise<void> {
  await db.deleteFrom("auth_sessions").where("id", "=", tokenHash(token)).execute();
}

export async function destroyUserSessions(db: DB, userId: number): Promise<void> {
  await db.deleteFrom("auth_sessions").where("user_id", "=", userId).execute();
}

/**
 * The active user behind a session token, or null. Expired sessions are removed.
 * The expiry slides forward at most once an hour, so reads stay cheap.
 */
export async function userForSession(
  db: DB,
  token: string,
  opts: { days: number; now?: Date },
): Promise<User | null> {
  const now = opts.now ?? new Date();
  const id = tokenHash(token);
  const row = await db
    .selectFrom("auth_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.expires_at", "s.last_seen_at"])
    .selectAll("u")
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expires_at <= now.toISOString() || row.status !== "active") {
    await db.deleteFrom("auth_sessions").where("id", "=", id).execute();
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > HOUR) {
    await db
      .updateTable("auth_sessions")
      .set({
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + opts.days * DAY).toISOString(),
      })
      .where("id", "=", id)
      .execute();
  }
  const { expires_at: _e, last_seen_at: _l, ...user } = row;
  return user;
}

export async function purgeExpiredSessions(db: DB, now = new Date()): Promise<number> {
  const res = await db
    .deleteFrom("auth_sessions")
    .where("expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
