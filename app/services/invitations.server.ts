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

export const INVITATION_DAYS = 7;

/**
 * A new one-time link for a person; older open links for that person stop working.
 * Returns the token: it is shown once and never stored.
 */
export async function createInvitation(db: DB, userId: number, actor: Actor | null, now = currentTime()): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "status"]).where("id", "=", userId).executeTakeFirst();
    if (!user) throw new UserInputError("people.notFound");
    if (user.status === "disabled") throw new UserInputError("invite.userDisabled");
    await trx
      .updateTable("invitations")
      .set({ revoked_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    await trx
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
      .execute();
    await audit(trx, { actor, action: "invitation.create", target: { type: "user", id: userId }, at: now });
  });
  return { token, expiresAt };
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
