import type { DB } from "../../db/connect";
import { serializeWithin } from "../../db/dialect";
import type { User } from "../../db/schema";
import { DEFAULT_THROTTLE, decideThrottle, normaliseEmail, windowStart, type ThrottleSettings } from "../rules/login-throttle";
import { audit } from "./audit.server";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password.server";
import { currentTime } from "../clock.server";
import { recordHoneypot } from "./rate-limit.server";

export type LoginResult = { ok: true; user: User } | { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; retryAfterMinutes: number };

interface LoginInput {
  email: string;
  password: string;
  /** The honeypot field of the form: filled in only by robots. */
  honeypot?: string;
  ip: string | null;
  now?: Date;
  settings?: ThrottleSettings;
}

export async function countFailures(db: DB, email: string, ip: string | null, since: string) {
  const lastSuccess = await db
    .selectFrom("login_attempts")
    .select("created_at")
    .where("email", "=", email)
    .where("succeeded", "=", 1)
    .where("created_at", ">=", since)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const accountSince = lastSuccess?.created_at ?? since;
  const account = await db
    .selectFrom("login_attempts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("email", "=", email)
    .where("succeeded", "=", 0)
    .where("created_at", ">=", accountSince)
    .executeTakeFirstOrThrow();
  const ipRow = ip
    ? await db
        .selectFrom("login_attempts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("ip", "=", ip)
        .where("succeeded", "=", 0)
        .where("created_at", ">=", since)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return {
    accountFailures: Number(account.n),
    ipFailures: Number(ipRow.n),
    oldestAccountFailureAt: account.oldest ? new Date(String(account.oldest)) : null,
  };
}

/**
 * Checks an email and password. One generic failure for a wrong email or password (and for a
 * filled-in honeypot, which is also logged as `login.honeypot`);
 * after too many failures the account (and a noisy IP) is locked for the window.
 */
export async function attemptLogin(db: DB, input: LoginInput): Promise<LoginResult> {
  const now = input.now ?? currentTime();
  const settings = input.settings ?? DEFAULT_THROTTLE;
  const email = normaliseEmail(input.email);
  const since = windowStart(now, settings).toISOString();

  // The check and the count of this attempt are one step: the attempt is written as a failure
  // before the password is checked (which takes a while), and turned into a success after. Parallel
  // attempts therefore see each other, and no more than the limit get to try a password.
  const reserved = await db.transaction().execute(async (trx) => {
    await serializeWithin(trx, `login:account:${email}`);
    if (input.ip) await serializeWithin(trx, `login:ip:${input.ip}`);
    const decision = decideThrottle(await countFailures(trx, email, input.ip, since), now, settings);
    if (decision.locked) return decision;
    const row = await trx
      .insertInto("login_attempts")
      .values({ email, ip: input.ip, succeeded: 0, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { locked: false as const, attemptId: row.id };
  });
  const robot = Boolean(input.honeypot && input.honeypot.length > 0);
  if (reserved.locked && robot) {
    // A robot at a locked address: counted, no hashing, no audit line per request.
    await recordHoneypot(db, "login", input.ip, now);
    return { ok: false, reason: "locked", retryAfterMinutes: reserved.retryAfterMinutes };
  }
  if (reserved.locked) {
    await audit(db, {
      action: "auth.login.locked",
      ...(await accountSubject(db, email)),
      outcome: "denied",
      ip: input.ip,
      at: now,
    });
    return { ok: false, reason: "locked", retryAfterMinutes: reserved.retryAfterMinutes };
  }

  if (robot) {
    // A robot: counted above as a failure of this address and account (so the same lock-out stops
    // it before any hashing), then the same answer as a wrong password after the same work. The
    // audit log gets one line per address and hour, not one per request.
    await recordHoneypot(db, "login", input.ip, now);
    await verifyAgainstDummy(input.password);
    return { ok: false, reason: "invalid" };
  }

  const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const valid =
    user && user.status === "active" && user.password_hash
      ? await verifyPassword(input.password, user.password_hash)
      : await verifyAgainstDummy(input.password);

  if (valid) await db.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", reserved.attemptId).execute();
  await audit(db, {
    actor: valid && user ? { id: user.id, role: user.role } : null,
    action: "auth.login",
    target: user ? { type: "user", id: user.id } : null,
    outcome: valid ? "success" : "failure",
    ip: input.ip,
    typedEmail: user ? null : email,
    at: now,
  });

  if (!valid || !user) return { ok: false, reason: "invalid" };
  if (user.password_hash && needsRehash(user.password_hash)) {
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(input.password), updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
  }
  return { ok: true, user };
}

/**
 * The subject of a sign-in line: the account when it exists. The address typed in is a trace
 * (`audit_traces`), removed after the sign-in trace period, never part of the append-only line.
 */
async function accountSubject(db: DB, email: string): Promise<{ target: { type: string; id: number } | null; typedEmail: string | null }> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return user ? { target: { type: "user", id: user.id }, typedEmail: null } : { target: null, typedEmail: email };
}

/** Old attempts only matter within the window; keep a day for the audit view. */
export async function purgeOldAttempts(db: DB, now = currentTime()): Promise<void> {
  const cutoff = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  await db.deleteFrom("login_attempts").where("created_at", "<", cutoff).execute();
}
