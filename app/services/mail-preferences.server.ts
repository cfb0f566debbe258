import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { currentTime } from "../clock.server";
import { CATEGORIES_FOR_ROLE, PREFERENCE_CATEGORIES, type PreferenceCategory } from "../forms/mail-preferences";
import { DEFAULT_LANG, isLang, type Lang } from "../i18n/translate";
import { audit } from "./audit.server";
import type { OptionalCategory } from "./notify.server";
import { newToken } from "./tokens.server";

/**
 * A person's e-mail choices (issue 28, point 3): the language of their mail, and which optional
 * categories they want. A category without a row is on. The one-click unsubscribe link of a
 * category holds a random key of its own (RFC 8058): it turns only that category off, for only
 * that person, without signing in. Each change is in the audit trail.
 */

// The browser's list (app/forms) and the server's list (notify.server) are the same categories.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCategories: Same<PreferenceCategory, OptionalCategory> = true;
void sameCategories;

/** The key in an unsubscribe link: 43 URL-safe characters (256 bits). Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The language a person's e-mail is written in: the one they chose last in the app, else Dutch. */
export async function storedLang(db: DB, userId: number): Promise<Lang> {
  const row = await db.selectFrom("users").select("lang").where("id", "=", userId).executeTakeFirst();
  return isLang(row?.lang) ? row.lang : DEFAULT_LANG;
}

/** Keeps the interface language a signed-in person chose, for their e-mail. Audited when it changes. */
export async function rememberLang(db: DB, user: Pick<User, "id" | "role">, lang: Lang, ip: string | null, now = currentTime()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("users").select("lang").where("id", "=", user.id).executeTakeFirst();
    if (!row || row.lang === lang) return false;
    await trx.updateTable("users").set({ lang }).where("id", "=", user.id).execute();
    await audit(trx, { actor: user, action: "account.lang", target: { type: "user", id: user.id }, ip, details: { from: row.lang, to: lang }, at: now });
    return true;
  });
}

/**
 * At sign-in: a language chosen on this device before signing in (the language cookie) becomes the
 * person's language for e-mail, but only while they have none stored; a stored choice stays.
 */
export async function adoptLangAtSignIn(db: DB, userId: number, lang: Lang | null, ip: string | null, now = currentTime()): Promise<boolean> {
  if (!lang) return false;
  return db.transaction().execute(async (trx) => {
    const res = await trx.updateTable("users").set({ lang }).where("id", "=", userId).where("lang", "is", null).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    const user = await trx.selectFrom("users").select(["id", "role"]).where("id", "=", userId).executeTakeFirstOrThrow();
    await audit(trx, {
      actor: user,
      action: "account.lang",
      target: { type: "user", id: userId },
      ip,
      details: { from: null, to: lang, at: "sign-in" },
      at: now,
    });
    return true;
  });
}

/** Whether the person wants e-mail of this optional category (no choice made: yes). */
export async function categoryEnabled(db: DB, userId: number, category: PreferenceCategory): Promise<boolean> {
  const row = await db.selectFrom("mail_preferences").select("enabled").where("user_id", "=", userId).where("category", "=", category).executeTakeFirst();
  return row === undefined || Number(row.enabled) === 1;
}

/** Every optional category, on or off, for one person. */
export async function mailPreferences(db: DB, userId: number): Promise<Record<PreferenceCategory, boolean>> {
  const rows = await db.selectFrom("mail_preferences").select(["category", "enabled"]).where("user_id", "=", userId).execute();
  const off = new Set(rows.filter((r) => Number(r.enabled) !== 1).map((r) => r.category));
  return Object.fromEntries(PREFERENCE_CATEGORIES.map((c) => [c, !off.has(c)])) as Record<PreferenceCategory, boolean>;
}

/** Makes the person's row for a category if there is none yet (on, with a fresh unsubscribe key). */
async function ensureRow(trx: DB, userId: number, category: PreferenceCategory, now: Date): Promise<void> {
  await trx
    .insertInto("mail_preferences")
    .values({ user_id: userId, category, enabled: 1, unsubscribe_token: newToken(), updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "category"]).doNothing())
    .execute();
}

/** The key for the unsubscribe link of this person's mails of this category (made the first time). */
export async function unsubscribeToken(trx: DB, userId: number, category: PreferenceCategory, now = currentTime()): Promise<string> {
  await ensureRow(trx, userId, category, now);
  const row = await trx
    .selectFrom("mail_preferences")
    .select("unsubscribe_token")
    .where("user_id", "=", userId)
    .where("category", "=", category)
    .executeTakeFirstOrThrow();
  return row.unsubscribe_token;
}

/**
 * The person's choice on /account: the ticked categories on, the other categories of their role
 * off. Categories outside their role are left alone (a box that was not on the page). Returns
 * what changed; a change is audited.
 */
export async function saveMailPreferences(
  db: DB,
  user: Pick<User, "id" | "role">,
  ticked: readonly PreferenceCategory[],
  ip: string | null,
  now = currentTime(),
): Promise<{ on: PreferenceCategory[]; off: PreferenceCategory[] }> {
  const shown = CATEGORIES_FOR_ROLE[user.role];
  return db.transaction().execute(async (trx) => {
    const before = await mailPreferences(trx, user.id);
    const on: PreferenceCategory[] = [];
    const off: PreferenceCategory[] = [];
    for (const category of shown) {
      const want = ticked.includes(category);
      if (want === before[category]) continue;
      (want ? on : off).push(category);
      await ensureRow(trx, user.id, category, now);
      await trx
        .updateTable("mail_preferences")
        .set({ enabled: want ? 1 : 0, updated_at: now.toISOString() })
        .where("user_id", "=", user.id)
        .where("category", "=", category)
        .execute();
    }
    if (on.length + off.length > 0) {
      await audit(trx, { actor: user, action: "mail.preferences", target: { type: "user", id: user.id }, ip, details: { on, off, via: "account" }, at: now });
    }
    return { on, off };
  });
}

export interface UnsubscribeView {
  category: PreferenceCategory;
  enabled: boolean;
}

async function rowForToken(db: DB, token: string) {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  return db
    .selectFrom("mail_preferences as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select(["p.user_id", "p.category", "p.enabled", "u.anonymised_at"])
    .where("p.unsubscribe_token", "=", token)
    .executeTakeFirst();
}

/** What an unsubscribe link is about, or null for a key that is not (or no longer) one: the page answers 404. */
export async function unsubscribeView(db: DB, token: string): Promise<UnsubscribeView | null> {
  const row = await rowForToken(db, token);
  if (!row || row.anonymised_at !== null) return null;
  return { category: row.category, enabled: Number(row.enabled) === 1 };
}

/**
 * The one-click unsubscribe (a mail client's POST, or the button on the page): turns the link's
 * category off for its person. Null for an unknown key (nothing changes). Audited, without an
 * actor (nobody signed in), when it changed something.
 */
export async function unsubscribeByToken(db: DB, token: string, ip: string | null, now = currentTime()): Promise<UnsubscribeView | null> {
  return db.transaction().execute(async (trx) => {
    const row = await rowForToken(trx, token);
    if (!row || row.anonymised_at !== null) return null;
    if (Number(row.enabled) === 1) {
      await trx
        .updateTable("mail_preferences")
        .set({ enabled: 0, updated_at: now.toISOString() })
        .where("user_id", "=", row.user_id)
        .where("category", "=", row.category)
        .execute();
      await audit(trx, {
        actor: null,
        action: "mail.preferences",
        target: { type: "user", id: row.user_id },
        ip,
        details: { on: [], off: [row.category], via: "unsubscribe-link" },
        at: now,
      });
    }
    return { category: row.category, enabled: false };
  });
}
