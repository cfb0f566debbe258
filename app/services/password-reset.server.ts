import { setTimeout as sleep } from "node:timers/promises";
import type { DB } from "../../db/connect";
import { serializeWithin } from "../../db/dialect";
import { currentTime } from "../clock.server";
import { DEFAULT_LANG } from "../i18n/translate";
import { normaliseEmail } from "../rules/login-throttle";
import { assertStrongPassword } from "./account.server";
import { audit } from "./audit.server";
import { renderMail, type MailLayout } from "./mail-messages.server";
import { cancelUnsentMail, nudgeMailSender } from "./mail-outbox.server";
import { notifyUser } from "./notify.server";
import { hashPassword } from "./password.server";
import { minutesUntilFree, recordHit, recordHoneypot, overLimit } from "./rate-limit.server";
import { replacePassword } from "./sessions.server";
import { newToken, tokenHash } from "./tokens.server";

/**
 * "Wachtwoord vergeten?" (issue 28, point 3). Someone types an e-mail address; a known, active
 * account gets a one-time link by e-mail (queued in the outbox in the same transaction that stores
 * the link's hash). The link works for RESET_MINUTES and once; a newer request makes the older
 * links stop. Using it sets a new password (the same rules as an invitation) and ends every
 * session of the person; the person then signs in as usual (with the second step, if they have one).
 *
 * An unknown, blocked, not yet activated or anonymised address gets exactly the same answer, after
 * the same work (a secret is made and hashed, a message rendered, one audit line written) and
 * never before RESET_MIN_RESPONSE_MS: the answer's content and time say nothing about whether an
 * account exists. Requests are limited per typed address (counted by its hash, known or not) and
 * per IP address (rate_limit_hits, shared by every app process).
 */

export const RESET_MINUTES = 60;

/**
 * No answer to a request comes sooner than this after it arrived. The work for a known address
 * (a few extra row writes in the same transaction) is far below it, so both answers take the same time.
 */
export const RESET_MIN_RESPONSE_MS = 400;

/** The link in a reset mail: the page where the person chooses a new password. */
export function resetLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/nieuw-wachtwoord/${token}`;
}

/** The words of the reset mail (no name of anyone else, nothing about the account but the link). */
function resetMailLayout(link: string): Omit<MailLayout, "lang" | "name"> {
  return {
    subject: "mail.reset.subject",
    before: [{ key: "mail.reset.intro" }],
    action: { label: "mail.reset.action", url: link },
    after: [{ key: "mail.reset.validity", params: { minutes: RESET_MINUTES } }, { key: "mail.reset.notExpected" }],
  };
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: "limited"; retryAfterMinutes: number };

export interface ResetRequestInput {
  email: string;
  ip: string | null;
  /** Where the link in the mail starts (publicBaseUrl(request)). */
  baseUrl: string;
  /** The form's hidden robot trap: filled in, nothing is sent (the same answer all the same). */
  honeypot?: string;
  now?: Date;
  /** For tests: the floor under the answer time (RESET_MIN_RESPONSE_MS). */
  minResponseMs?: number;
}

/**
 * Handles one "Wachtwoord vergeten?" request. The answer is the same for every address (ok), or
 * "limited" when this address or IP asked too often; it never says whether a mail went out.
 */
export async function requestPasswordReset(db: DB, input: ResetRequestInput): Promise<ResetRequestResult> {
  const started = performance.now();
  try {
    return await handleRequest(db, input);
  } finally {
    const left = (input.minResponseMs ?? RESET_MIN_RESPONSE_MS) - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}

async function handleRequest(db: DB, input: ResetRequestInput): Promise<ResetRequestResult> {
  const now = input.now ?? currentTime();
  const email = normaliseEmail(input.email);
  // The typed address is counted by its hash: rate_limit_hits never holds an address.
  const addressKey = tokenHash(email);
  const ip = input.ip;

  const wait = await db.transaction().execute(async (trx) => {
    await serializeWithin(trx, `reset:address:${addressKey}`);
    if (ip) await serializeWithin(trx, `reset:ip:${ip}`);
    const minutes = Math.max(await minutesUntilFree(trx, "resetAddress", addressKey, now), ip ? await minutesUntilFree(trx, "resetIp", ip, now) : 0);
    if (minutes > 0) return minutes;
    await recordHit(trx, "resetAddress", addressKey, now);
    if (ip) await recordHit(trx, "resetIp", ip, now);
    return 0;
  });
  if (wait > 0) {
    await auditRefusal(db, email, addressKey, ip, now);
    return { ok: false, reason: "limited", retryAfterMinutes: wait };
  }

  const robot = Boolean(input.honeypot && input.honeypot.length > 0);
  if (robot) await recordHoneypot(db, "reset", ip, now);

  // Made and hashed for every request, known address or not.
  const token = newToken();
  const hash = tokenHash(token);
  const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString();
  const layout = resetMailLayout(resetLink(input.baseUrl, token));

  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "status", "anonymised_at"]).where("email", "=", email).executeTakeFirst();
    const eligible = !robot && user !== undefined && user.status === "active" && user.anonymised_at === null;
    if (!eligible) {
      // The same work as below, without a trace of it: the message is written and dropped.
      renderMail({ ...layout, lang: DEFAULT_LANG, name: email });
      await audit(trx, {
        action: "password.reset.request",
        target: user ? { type: "user", id: user.id } : null,
        outcome: "failure",
        ip,
        typedEmail: user ? null : email,
        at: now,
        details: { mailed: false, reason: robot ? "robot" : user ? user.status : "unknown" },
      });
      return;
    }
    // Older open links of this person stop working, and their unsent mails go.
    await trx
      .updateTable("password_resets")
      .set({ revoked_at: now.toISOString() })
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    await cancelUnsentMail(trx, "password-reset", user.id, now);
    const reset = await trx
      .insertInto("password_resets")
      .values({ user_id: user.id, token_hash: hash, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, revoked_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const mailed = await notifyUser(
      trx,
      { type: "password-reset", userId: user.id, baseUrl: input.baseUrl, layout, dedupeKey: `password-reset:${reset.id}` },
      { now },
    );
    await audit(trx, {
      actor: { id: user.id, role: "self" },
      action: "password.reset.request",
      target: { type: "user", id: user.id },
      ip,
      at: now,
      details: { mailed },
    });
  });
  // Woken for every request: a quiet sender costs one look at the outbox.
  nudgeMailSender();
  return { ok: true };
}

/**
 * A refused request goes to the audit trail once a window per address and IP, not once per
 * request: the append-only log does not grow with a flood.
 */
async function auditRefusal(db: DB, email: string, addressKey: string, ip: string | null, now: Date): Promise<void> {
  const subject = `${addressKey}:${ip ?? "onbekend"}`;
  if (await overLimit(db, "resetRefused", subject, now)) return;
  await recordHit(db, "resetRefused", subject, now);
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  await audit(db, {
    action: "password.reset.request",
    target: user ? { type: "user", id: user.id } : null,
    outcome: "denied",
    ip,
    typedEmail: user ? null : email,
    at: now,
    details: { limited: true },
  });
}

export type ResetState = { state: "valid"; user: { id: number; name: string; email: string } } | { state: "used" | "expired" | "revoked" | "unknown" };

/** What a reset link stands for right now. */
export async function inspectPasswordReset(db: DB, token: string, now = currentTime()): Promise<ResetState> {
  const row = await db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["r.used_at", "r.revoked_at", "r.expires_at", "u.id", "u.name", "u.email", "u.status", "u.anonymised_at"])
    .where("r.token_hash", "=", tokenHash(token))
    .executeTakeFirst();
  if (!row) return { state: "unknown" };
  if (row.used_at) return { state: "used" };
  if (row.revoked_at || row.status !== "active" || row.anonymised_at !== null) return { state: "revoked" };
  if (row.expires_at <= now.toISOString()) return { state: "expired" };
  return { state: "valid", user: { id: row.id, name: row.name, email: row.email } };
}

/**
 * Sets a new password through a valid link, once; a weak password is refused (UserInputError) and
 * leaves the link usable. Every session of the person ends, and an open second sign-in step too.
 */
export async function completePasswordReset(
  db: DB,
  token: string,
  password: string,
  ip: string | null,
  now = currentTime(),
): Promise<{ ok: true; userId: number; endedSessions: number } | { ok: false; state: Exclude<ResetState["state"], "valid"> }> {
  const state = await inspectPasswordReset(db, token, now);
  if (state.state !== "valid") return { ok: false, state: state.state };
  assertStrongPassword(password, state.user);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    // Used only if still open and in time: two tabs cannot both use one link, nor a link that
    // expired or was replaced while the password was being hashed.
    const res = await trx
      .updateTable("password_resets")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", tokenHash(token))
      .where("user_id", "=", state.user.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return { ok: false as const, state: "used" as const };
    const endedSessions = await replacePassword(trx, state.user.id, passwordHash, { now });
    await trx.deleteFrom("login_challenges").where("user_id", "=", state.user.id).execute();
    await cancelUnsentMail(trx, "password-reset", state.user.id, now);
    await audit(trx, {
      actor: { id: state.user.id, role: "self" },
      action: "password.reset.use",
      target: { type: "user", id: state.user.id },
      ip,
      at: now,
      details: { endedSessions },
    });
    return { ok: true as const, userId: state.user.id, endedSessions };
  });
}
