import type { DB } from "../../db/connect";
import { serializeWithin } from "../../db/dialect";
import { ROLES, type Role, type User } from "../../db/schema";
import { DEFAULT_THROTTLE, decideThrottle, windowStart } from "../rules/login-throttle";
import { looksLikeRecoveryCode, newRecoveryCode, newTotpSecret, RECOVERY_CODE_COUNT, recoveryCodeHash, verifyTotp } from "../rules/totp";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { countFailures } from "./login.server";
import { newToken, tokenHash } from "./tokens.server";

/**
 * Who may use a second factor: everyone. Trainers read POPs and intervisie records, so they can
 * turn it on like coordinators and examiners; participants may turn it on for themselves.
 */
export const TOTP_ROLES: readonly Role[] = ROLES;
/** Whom the coordinator's "required" setting covers: everyone who reads other people's plans. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ["coordinator", "examiner", "trainer"];
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

/** Is a second factor required for this role right now? */
async function requiredFor(db: DB, role: Role): Promise<boolean> {
  return TOTP_REQUIRED_ROLES.includes(role) && (await totpRequired(db));
}

/** Coordinator setting: a second factor is required for coordinators, examiners and trainers. */
export async function setTotpRequired(db: DB, actor: Pick<User, "id" | "role">, on: boolean, now = new Date()): Promise<void> {
  if (actor.role !== "coordinator") throw new Response("Forbidden", { status: 403 });
  const value = on ? "1" : "0";
  await db
    .insertInto("settings")
    .values({ key: REQUIRED_KEY, value, updated_at: now.toISOString(), updated_by: actor.id })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString(), updated_by: actor.id }))
    .execute();
  await audit(db, {
    actor,
    action: "settings.totp_required",
    target: { type: "setting", id: REQUIRED_KEY },
    details: { on, roles: [...TOTP_REQUIRED_ROLES] },
    at: now,
  });
}

/** Must this person set up a second factor before doing anything else? */
export async function mustEnrolTotp(db: DB, user: Pick<User, "role" | "totp_enabled_at">): Promise<boolean> {
  return !user.totp_enabled_at && (await requiredFor(db, user.role));
}

/** How many unused recovery codes the person has. */
export async function recoveryCodesLeft(db: DB, userId: number): Promise<number> {
  const row = await db
    .selectFrom("totp_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ten new codes (crypto randomness) replace all earlier ones; only their hashes are stored. Returns the codes to show once. */
async function replaceRecoveryCodes(db: DB, userId: number, now: Date): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  await db.deleteFrom("totp_recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("totp_recovery_codes")
    .values([...codes].map((code) => ({ user_id: userId, code_hash: recoveryCodeHash(code), created_at: now.toISOString(), used_at: null })))
    .execute();
  return [...codes];
}

/** Spends one unused recovery code of the person; false when it is unknown or already used. */
async function spendRecoveryCode(db: DB, userId: number, code: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("totp_recovery_codes")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", recoveryCodeHash(code))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type SecondFactor = { kind: "totp"; step: number } | { kind: "recovery" };

/**
 * Checks a code from the app or a recovery code of a person whose second factor is on, and uses it
 * up: the app code's step is remembered, the recovery code is spent. Null when it is wrong.
 */
async function useSecondFactor(db: DB, user: Pick<User, "id" | "totp_secret" | "totp_last_step">, code: string, now: Date): Promise<SecondFactor | null> {
  if (looksLikeRecoveryCode(code)) return (await spendRecoveryCode(db, user.id, code, now)) ? { kind: "recovery" } : null;
  if (!user.totp_secret) return null;
  const step = verifyTotp(user.totp_secret, code, now, { afterStep: user.totp_last_step });
  if (step === null) return null;
  await db.updateTable("users").set({ totp_last_step: step }).where("id", "=", user.id).execute();
  return { kind: "totp", step };
}

/**
 * For changes to the second factor itself on the account page: the person proves it with a code
 * from the app or a recovery code, under the same rules as the sign-in step (a wrong code counts as
 * a failed sign-in; while the account is locked nothing is checked). `then` runs in the same
 * transaction as the check.
 */
async function withSecondFactor<T>(
  db: DB,
  user: User,
  code: string,
  ip: string | null,
  now: Date,
  action: string,
  then: (trx: DB, factor: SecondFactor) => Promise<T>,
): Promise<T> {
  const actor = { id: user.id, role: user.role };
  const outcome = await db.transaction().execute(async (trx) => {
    await serializeWithin(trx, `totp:user:${user.id}`);
    const since = windowStart(now, DEFAULT_THROTTLE).toISOString();
    if (decideThrottle(await countFailures(trx, user.email, ip, since), now, DEFAULT_THROTTLE).locked) return { ok: false as const, reason: "locked" as const };
    const row = await trx
      .selectFrom("users")
      .select(["id", "totp_secret", "totp_enabled_at", "totp_last_step"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    if (!row.totp_enabled_at) return { ok: false as const, reason: "off" as const };
    const factor = await useSecondFactor(trx, row, code, now);
    if (!factor) {
      await trx.insertInto("login_attempts").values({ email: user.email, ip, succeeded: 0, created_at: now.toISOString() }).execute();
      await audit(trx, { actor, action, target: { type: "user", id: user.id }, outcome: "failure", ip, at: now });
      return { ok: false as const, reason: "wrong" as const };
    }
    return { ok: true as const, value: await then(trx, factor) };
  });
  if (outcome.ok) return outcome.value;
  if (outcome.reason === "locked") throw new UserInputError("totp.locked", "code");
  if (outcome.reason === "off") throw new UserInputError("totp.notOn");
  throw new UserInputError("totp.codeOrRecoveryWrong", "code");
}

/** Starts (or restarts) enrolment: a new secret, not in use until confirmed with a code. */
export async function startTotpEnrolment(db: DB, user: User, now = new Date()): Promise<string> {
  if (!canUseTotp(user.role)) throw new Response("Forbidden", { status: 403 });
  if (user.totp_enabled_at) throw new UserInputError("totp.alreadyOn");
  const secret = newTotpSecret();
  await db.updateTable("users").set({ totp_secret: secret, totp_last_step: null, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
  return secret;
}

/**
 * Turns the second factor on once the person proves their app shows the right code. Returns ten
 * recovery codes, to show once (only their hashes are kept).
 */
export async function confirmTotpEnrolment(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<string[]> {
  const row = await db.selectFrom("users").select(["totp_secret", "totp_enabled_at"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  if (row.totp_enabled_at) throw new UserInputError("totp.alreadyOn");
  if (!row.totp_secret) throw new UserInputError("totp.notStarted");
  const step = verifyTotp(row.totp_secret, code, now);
  if (step === null) throw new UserInputError("totp.codeWrong", "code");
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_enabled_at: now.toISOString(), totp_last_step: step, updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    const codes = await replaceRecoveryCodes(trx, user.id, now);
    await audit(trx, {
      actor: { id: user.id, role: user.role },
      action: "totp.enable",
      target: { type: "user", id: user.id },
      ip,
      at: now,
      details: { recoveryCodes: codes.length },
    });
    return codes;
  });
}

/**
 * Ten new recovery codes after a code from the app (or a recovery code); every earlier code stops
 * working. Returns the new codes, to show once.
 */
export async function regenerateRecoveryCodes(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<string[]> {
  return withSecondFactor(db, user, code, ip, now, "totp.recovery_codes", async (trx, factor) => {
    const codes = await replaceRecoveryCodes(trx, user.id, now);
    await audit(trx, {
      actor: { id: user.id, role: user.role },
      action: "totp.recovery_codes",
      target: { type: "user", id: user.id },
      ip,
      at: now,
      details: { provedWith: factor.kind },
    });
    return codes;
  });
}

/**
 * A new phone: after a code from the app or a recovery code (the old phone may be gone), the old
 * secret and the recovery codes end and enrolment starts again with a new secret. Also while the
 * second factor is required: the person then stays on the account page until the new app works.
 */
export async function restartTotp(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<string> {
  return withSecondFactor(db, user, code, ip, now, "totp.restart", async (trx, factor) => {
    const secret = newTotpSecret();
    await trx
      .updateTable("users")
      .set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null, updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("totp_recovery_codes").where("user_id", "=", user.id).execute();
    await audit(trx, {
      actor: { id: user.id, role: user.role },
      action: "totp.restart",
      target: { type: "user", id: user.id },
      ip,
      at: now,
      details: { provedWith: factor.kind },
    });
    return secret;
  });
}

/** Turns the second factor off with a current code (or a recovery code); not while it is required for the person's role. */
export async function disableTotp(db: DB, user: User, code: string, ip: string | null, now = new Date()): Promise<void> {
  if (await requiredFor(db, user.role)) throw new UserInputError("totp.requiredCannotDisable");
  await withSecondFactor(db, user, code, ip, now, "totp.disable", async (trx, factor) => {
    await trx
      .updateTable("users")
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now.toISOString() })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("totp_recovery_codes").where("user_id", "=", user.id).execute();
    await audit(trx, {
      actor: { id: user.id, role: user.role },
      action: "totp.disable",
      target: { type: "user", id: user.id },
      ip,
      at: now,
      details: { provedWith: factor.kind },
    });
  });
}

/** After a right password for someone with a second factor: a short-lived challenge token for the cookie. */
export async function createLoginChallenge(db: DB, userId: number, now = new Date()): Promise<string> {
  await db
    .deleteFrom("login_challenges")
    .where((eb) => eb.or([eb("user_id", "=", userId), eb("expires_at", "<=", now.toISOString())]))
    .execute();
  const token = newToken();
  await db
    .insertInto("login_challenges")
    .values({
      id: tokenHash(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
    })
    .execute();
  return token;
}

export async function challengeIsOpen(db: DB, token: string, now = new Date()): Promise<boolean> {
  const row = await db.selectFrom("login_challenges").select(["expires_at", "attempts"]).where("id", "=", tokenHash(token)).executeTakeFirst();
  return !!row && row.expires_at > now.toISOString() && row.attempts < CHALLENGE_MAX_ATTEMPTS;
}

export type ChallengeAnswer = { ok: true; user: User; method: "totp" | "recovery" } | { ok: false; reason: "wrong" | "closed" };

/**
 * The second step of signing in, with a code from the app or a one-time recovery code. A code
 * works once (an app code's step must be newer than the last used one; a recovery code is spent);
 * after five wrong codes or five minutes the challenge closes and the person starts again with the
 * password. Recovery codes count against the same five attempts and the same lock-out.
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
    if (
      !row ||
      row.expires_at <= now.toISOString() ||
      row.attempts >= CHALLENGE_MAX_ATTEMPTS ||
      row.status !== "active" ||
      !row.totp_secret ||
      !row.totp_enabled_at
    ) {
      if (row) await trx.deleteFrom("login_challenges").where("id", "=", id).execute();
      return { ok: false, reason: "closed" };
    }
    const { expires_at: _e, attempts, ...user } = row;
    const recovery = looksLikeRecoveryCode(code);
    const action = recovery ? "auth.recovery_code" : "auth.totp";
    const factor = await useSecondFactor(trx, user, code, now);
    if (!factor) {
      await trx
        .updateTable("login_challenges")
        .set({ attempts: attempts + 1 })
        .where("id", "=", id)
        .execute();
      // A wrong code counts as a failed sign-in: after five, the password step locks the account for a while.
      await trx.insertInto("login_attempts").values({ email: user.email, ip, succeeded: 0, created_at: now.toISOString() }).execute();
      await audit(trx, { actor: { id: user.id, role: user.role }, action, target: { type: "user", id: user.id }, outcome: "failure", ip, at: now });
      return attempts + 1 >= CHALLENGE_MAX_ATTEMPTS ? { ok: false, reason: "closed" } : { ok: false, reason: "wrong" };
    }
    await trx.deleteFrom("login_challenges").where("id", "=", id).execute();
    const details = factor.kind === "recovery" ? { left: await recoveryCodesLeft(trx, user.id) } : undefined;
    await audit(trx, { actor: { id: user.id, role: user.role }, action, target: { type: "user", id: user.id }, ip, at: now, details });
    return { ok: true, user: factor.kind === "totp" ? { ...user, totp_last_step: factor.step } : user, method: factor.kind };
  });
}
