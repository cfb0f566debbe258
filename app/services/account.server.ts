import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import type { MessageKey } from "../i18n/nl";
import { DEFAULT_THROTTLE, decideThrottle, windowStart } from "../rules/login-throttle";
import { checkPasswordStrength, type PasswordStrength } from "../rules/password-strength";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { countFailures } from "./login.server";
import { hashPassword, verifyPassword } from "./password.server";
import { endOtherSessions, endOwnSession, replacePassword } from "./sessions.server";
import { currentTime } from "../clock.server";

const WEAKNESS_TEXT: Record<Exclude<PasswordStrength, { ok: true }>["reason"], MessageKey> = {
  personal: "password.weak.personal",
  common: "password.weak.common",
  guessable: "password.weak.guessable",
};

/** Refuses a weak new password with a Dutch message on the given field. */
export function assertStrongPassword(password: string, person: { name: string; email: string }, field = "password"): void {
  const strength = checkPasswordStrength(password, person);
  if (!strength.ok) throw new UserInputError(WEAKNESS_TEXT[strength.reason], field);
}

interface SessionContext {
  /** Public id of the session that makes the request; it stays signed in. */
  currentSessionId: string | null;
  ip: string | null;
  now?: Date;
}

/**
 * Changes the person's own password after checking the current one. Wrong current passwords count
 * as failed sign-ins (the same lock-out applies). On success every OTHER session of the person ends.
 */
export async function changePassword(
  db: DB,
  user: User,
  input: { current: string; password: string },
  ctx: SessionContext,
): Promise<{ endedSessions: number }> {
  const now = ctx.now ?? currentTime();
  const actor = { id: user.id, role: user.role };
  const since = windowStart(now, DEFAULT_THROTTLE).toISOString();
  const decision = decideThrottle(await countFailures(db, user.email, ctx.ip, since), now, DEFAULT_THROTTLE);
  if (decision.locked) {
    await audit(db, {
      actor,
      action: "password.change",
      target: { type: "user", id: user.id },
      outcome: "denied",
      ip: ctx.ip,
      at: now,
      details: { reason: "locked" },
    });
    throw new UserInputError("account.password.locked");
  }
  const fresh = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirst();
  const valid = fresh?.password_hash ? await verifyPassword(input.current, fresh.password_hash) : false;
  if (!valid) {
    await db.insertInto("login_attempts").values({ email: user.email, ip: ctx.ip, succeeded: 0, created_at: now.toISOString() }).execute();
    await audit(db, {
      actor,
      action: "password.change",
      target: { type: "user", id: user.id },
      outcome: "failure",
      ip: ctx.ip,
      at: now,
      details: { reason: "current" },
    });
    throw new UserInputError("account.password.currentWrong", "current");
  }
  if (input.password === input.current) throw new UserInputError("account.password.same", "password");
  assertStrongPassword(input.password, user);
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const endedSessions = await replacePassword(trx, user.id, hash, { now, keepPublicId: ctx.currentSessionId });
    await audit(trx, { actor, action: "password.change", target: { type: "user", id: user.id }, ip: ctx.ip, at: now, details: { endedSessions } });
    return { endedSessions };
  });
}

/** Ends one other session of the person (by public id, checked against the person). */
export async function signOutDevice(db: DB, user: User, publicId: string, ctx: SessionContext): Promise<void> {
  const ended = await endOwnSession(db, user.id, publicId, ctx.currentSessionId);
  if (!ended) throw new UserInputError("account.sessions.notFound");
  await audit(db, { actor: { id: user.id, role: user.role }, action: "session.end", target: { type: "user", id: user.id }, ip: ctx.ip, at: ctx.now });
}

/** Ends every other session of the person. Returns how many ended. */
export async function signOutEverywhereElse(db: DB, user: User, ctx: SessionContext): Promise<number> {
  const ended = await endOtherSessions(db, user.id, ctx.currentSessionId);
  await audit(db, {
    actor: { id: user.id, role: user.role },
    action: "session.end_others",
    target: { type: "user", id: user.id },
    ip: ctx.ip,
    at: ctx.now,
    details: { ended },
  });
  return ended;
}
