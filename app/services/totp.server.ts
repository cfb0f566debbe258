import type { DB } from "../../db/connect";
import { serializeWithin } from "../../db/dialect";
import type { Role, User } from "../../db/schema";
import { newTotpSecret, verifyTotp } from "../rules/totp";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { newToken, tokenHash } from "./tokens.server";

/** Who may (and, when the coordinator says so, must) use a second factor. */
export const TOTP_ROLES: readonly Role[] = ["coordinator", "examiner"];
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;
const REQUIRED_KEY = "totp_required";

export function canUseTotp(role: Role): boolean {
  return TOTP_ROLES.includes(role);
}

export async function totpRequired(db: DB): Promise<boolean> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", REQUIRED_KEY).executeTakeFirst();
  return row?.value === "1";
}

/** Coordinator setting: a second factor is required for coordinators and examiners. */
export async function setTotpRequired(db: DB, actor: Pick<User, "id" | "role">, on: boolean, now = new Date()): Promise<void> {
  if (actor.role !== "coordinator") throw new Response("Forbidden", { status: 403 });
  const value = on ? "1" : "0";
  await db
    .insertInto("settings")
    .values({ key: REQUIRED_KEY, value, updated_at: now.toISOString(), updated_by: actor.id })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString(), updated_by: actor.id }))
    .execute();
  await audit(db, { actor, action: "settings.totp_required", target: { type: "setting", id: REQUIRED_KEY }, details: { on }, at: now });
}

/** Must this person set up a second factor before doing anything else? */
export async function mustEnrolTotp(db: DB, user: Pick<User, "role" | "totp_enabled_at">): Promise<boolean> {
  return canUseTotp(user.role) && !user.totp_enabled_at && (await totpRequired(db));
}

/** Starts (or restarts) enrolment: a new secret, not in use until confirmed with a code. */
export async function startTotpEnrolment(db: DB, user: User, now = new Date()): Promise<string> {
  if (!canUseTotp(user.role)) throw new Response("Forbidden", { status: 403 });
  if (user.totp_enabled_at) throw new UserInputError("totp.alreadyOn");
  const secret = newTotpSecret();
  await db.updateTable("users").set({ totp_secret: secret, totp_last_step: null, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
  return secret;
}

/** Turns the second factor on once the person proves their app shows the right code. */
export async function confirmTotpEnrolment(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<void> {
  const row = await db.selectFrom("users").select(["totp_secret", "totp_enabled_at"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  if (row.totp_enabled_at) throw new UserInputError("totp.alreadyOn");
  if (!row.totp_secret) throw new UserInputError("totp.notStarted");
  const step = verifyTotp(row.totp_secret, code, now);
  if (step === null) throw new UserInputError("totp.codeWrong", "code");
  await db
    .updateTable("users")
    .set({ totp_enabled_at: now.toISOString(), totp_last_step: step, updated_at: now.toISOString() })
    .where("id", "=", user.id)
    .execute();
  await audit(db, { actor: { id: user.id, role: user.role }, action: "totp.enable", target: { type: "user", id: user.id }, ip, at: now });
}

/** Turns the second factor off with a current code; not while it is required for the person's role. */
export async function disableTotp(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<void> {
  if (await totpRequired(db)) throw new UserInputError("totp.requiredCannotDisable");
  const row = await db.selectFrom("users").select(["totp_secret", "totp_enabled_at", "totp_last_step"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  if (!row.totp_enabled_at || !row.totp_secret) throw new UserInputError("totp.notOn");
  if (verifyTotp(row.totp_secret, code, now, { afterStep: row.totp_last_step }) === null) throw new UserInputError("totp.codeWrong", "code");
  await db
    .updateTable("users")
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now.toISOString() })
    .where("id", "=", user.id)
    .execute();
  await audit(db, { actor: { id: user.id, role: user.role }, action: "totp.disable", target: { type: "user", id: user.id }, ip, at: now });
}

/** After a right password for someone with a second factor: a short-lived challenge token for the cookie. */
export async function createLoginChallenge(db: DB, userId: number, now = new Date()): Promise<string> {
  await db.deleteFrom("login_challenges").where((eb) => eb.or([eb("user_id", "=", userId), eb("expires_at", "<=", now.toISOString())])).execute();
  const token = newToken();
  await db
    .insertInto("login_challenges")
    .values({ id: tokenHash(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString() })
    .execute();
  return token;
}

export async function challengeIsOpen(db: DB, token: string, now = new Date()): Promise<boolean> {
  const row = await db.selectFrom("login_challenges").select(["expires_at", "attempts"]).where("id", "=", tokenHash(token)).executeTakeFirst();
  return !!row && row.expires_at > now.toISOString() && row.attempts < CHALLENGE_MAX_ATTEMPTS;
}

export type ChallengeAnswer = { ok: true; user: User } | { ok: false; reason: "wrong" | "closed" };

/**
 * The second step of signing in. A code works once (the step must be newer than the last used one);
 * after five wrong codes or five minutes the challenge closes and the person starts again with the password.
 */
export async function answerLoginChallenge(db: DB, token: string, code: string, ip: string | null, now = new Date()): Promise<ChallengeAnswer> {
  const id = tokenHash(token);
  const owner = await db.selectFrom("login_challenges").select("user_id").where("id", "=", id).executeTakeFirst();
  if (!owner) return { ok: false, reason: "closed" };
  // One answer per person at a time, also across app processes: read, check and count in one
  // transaction, so parallel answers cannot each see "no wrong codes yet" or use one code twice.
  return db.transaction().execute(async (trx): Promise<ChallengeAnswer> => {
    await serializeWithin(trx, `totp:user:${owner.user_id}`);
    const row = await trx
      .selectFrom("login_challenges as c")
      .innerJoin("users as u", "u.id", "c.user_id")
      .select(["c.expires_at", "c.attempts"])
      .selectAll("u")
      .where("c.id", "=", id)
      .executeTakeFirst();
    if (!row || row.expires_at <= now.toISOString() || row.attempts >= CHALLENGE_MAX_ATTEMPTS || row.status !== "active" || !row.totp_secret || !row.totp_enabled_at) {
      if (row) await trx.deleteFrom("login_challenges").where("id", "=", id).execute();
      return { ok: false, reason: "closed" };
    }
    const { expires_at: _e, attempts, ...user } = row;
    const step = verifyTotp(user.totp_secret!, code, now, { afterStep: user.totp_last_step });
    if (step === null) {
      await trx.updateTable("login_challenges").set({ attempts: attempts + 1 }).where("id", "=", id).execute();
      // A wrong code counts as a failed sign-in: after five, the password step locks the account for a while.
      await trx.insertInto("login_attempts").values({ email: user.email, ip, succeeded: 0, created_at: now.toISOString() }).execute();
      await audit(trx, { actor: { id: user.id, role: user.role }, action: "auth.totp", target: { type: "user", id: user.id }, outcome: "failure", ip, at: now });
      return attempts + 1 >= CHALLENGE_MAX_ATTEMPTS ? { ok: false, reason: "closed" } : { ok: false, reason: "wrong" };
    }
    await trx.deleteFrom("login_challenges").where("id", "=", id).execute();
    await trx.updateTable("users").set({ totp_last_step: step }).where("id", "=", user.id).execute();
    await audit(trx, { actor: { id: user.id, role: user.role }, action: "auth.totp", target: { type: "user", id: user.id }, ip, at: now });
    return { ok: true, user: { ...user, totp_last_step: step } };
  });
}
