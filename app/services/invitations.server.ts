import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { assertStrongPassword } from "./account.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { hashPassword } from "./password.server";
import { replacePassword } from "./sessions.server";
import { newToken, tokenHash } from "./tokens.server";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { DEFAULT_LANG, type Lang } from "../i18n/translate";
import { invitationMail } from "./mail-messages.server";
import { cancelUnsentMail, enqueueMail, nudgeMailSender } from "./mail-outbox.server";

export const INVITATION_DAYS = 7;

export interface InvitationOptions {
  /**
   * The app's public address (PUBLIC_URL, else the request's origin). With it, the invitation
   * mail is queued in the same transaction (issue 28); without it (scripts, fixtures) no mail.
   */
  baseUrl?: string | null;
  /** The recipient's language, when known; else Dutch. */
  lang?: Lang | null;
}

/** The link in an invitation: the page where the person chooses a password. */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/uitnodiging/${token}`;
}

/**
 * A new one-time link for a person; older open links for that person stop working.
 * Returns the token: it is shown once and never stored (except inside the invitation mail, which
 * loses its body once sent; the outbox keeps it only until then, see mail-outbox.server.ts).
 */
export async function createInvitation(
  db: DB,
  userId: number,
  actor: Actor | null,
  now = currentTime(),
  opts: InvitationOptions = {},
): Promise<{ token: string; expiresAt: string; mailQueued: boolean }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  const mailQueued = await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "status", "name", "email"]).where("id", "=", userId).executeTakeFirst();
    if (!user) throw new UserInputError("people.notFound");
    if (user.status === "disabled") throw new UserInputError("invite.userDisabled");
    await trx
      .updateTable("invitations")
      .set({ revoked_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    const earlier = await trx.selectFrom("invitations").select("id").where("user_id", "=", userId).limit(1).executeTakeFirst();
    const invitation = await trx
      .insertInto("invitations")
      .values({
        user_id: userId,
        token_hash: tokenHash(token),
        created_by: actor?.id ?? null,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        revoked_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: "invitation.create", target: { type: "user", id: userId }, at: now });
    if (!opts.baseUrl) return false;
    // The older invitation's mail (not sent yet) carries a link that no longer works: it goes.
    await cancelUnsentMail(trx, "invitation", userId, now);
    const lang = opts.lang ?? DEFAULT_LANG;
    const link = invitationLink(opts.baseUrl, token);
    const mail = invitationMail({ lang, name: user.name, link, days: INVITATION_DAYS, again: earlier !== undefined });
    const queued = await enqueueMail(
      trx,
      {
        type: "invitation",
        to: { userId, email: user.email },
        lang,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        actionUrl: link,
        dedupeKey: `invitation:${invitation.id}`,
      },
      { now },
    );
    return queued.queued;
  });
  if (mailQueued) nudgeMailSender();
  return { token, expiresAt, mailQueued };
}

export type InvitationState = { state: "valid"; user: Pick<User, "id" | "name" | "email"> } | { state: "used" | "expired" | "revoked" | "unknown" };

export async function inspectInvitation(db: DB, token: string, now = currentTime()): Promise<InvitationState> {
  const row = await db
    .selectFrom("invitations as i")
    .innerJoin("users as u", "u.id", "i.user_id")
    .select(["i.used_at", "i.revoked_at", "i.expires_at", "u.id", "u.name", "u.email", "u.status"])
    .where("i.token_hash", "=", tokenHash(token))
    .executeTakeFirst();
  if (!row) return { state: "unknown" };
  if (row.used_at) return { state: "used" };
  if (row.revoked_at || row.status === "disabled") return { state: "revoked" };
  if (row.expires_at <= now.toISOString()) return { state: "expired" };
  return { state: "valid", user: { id: row.id, name: row.name, email: row.email } };
}

/** Sets the password through a valid link, once; a weak password is refused (UserInputError). Returns the now active user. */
export async function acceptInvitation(
  db: DB,
  token: string,
  password: string,
  ip: string | null,
  now = currentTime(),
): Promise<{ ok: true; userId: number } | { ok: false; state: Exclude<InvitationState["state"], "valid"> }> {
  const state = await inspectInvitation(db, token, now);
  if (state.state !== "valid") return { ok: false, state: state.state };
  assertStrongPassword(password, state.user);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    // Mark as used only if still unused: two tabs cannot both use one link.
    const res = await trx
      .updateTable("invitations")
      .set({ used_at: now.toISOString() })
      .where("token_hash", "=", tokenHash(token))
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return { ok: false as const, state: "used" as const };
    // An invitation mail that has not gone out yet is no longer needed.
    await cancelUnsentMail(trx, "invitation", state.user.id, now);
    // A new invitation is also how a forgotten password is reset: every old session ends.
    const endedSessions = await replacePassword(trx, state.user.id, passwordHash, { now, activate: true });
    await audit(trx, {
      actor: { id: state.user.id, role: "self" },
      action: "invitation.accept",
      target: { type: "user", id: state.user.id },
      ip,
      at: now,
      details: { endedSessions },
    });
    return { ok: true as const, userId: state.user.id };
  });
}
