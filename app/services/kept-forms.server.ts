import type { DB } from "../../db/connect";
import { HONEYPOT_FIELD } from "../components/honeypot";
import { currentTime } from "../clock.server";

/** How long typed text from a form sent after a time-out is kept for its owner. */
export const KEEP_HOURS = 24;

/** A kept form larger than this (as JSON) is not kept: no page sends that much text. */
const MAX_KEPT_CHARS = 200_000;

/**
 * Fields never kept: secrets (passwords, codes, tokens), the robot trap, and what is no typing of
 * the person (the button's intent, the page to return to). Files are never kept either.
 */
const NEVER_KEPT = /password|wachtwoord|confirm|secret|token|csrf|code|^intent$|^redirectTo$/i;

export type KeptFields = Record<string, string | string[]>;

/** A kept form: the typed fields and the button's intent it was sent with (which of the page's forms). */
export interface KeptForm {
  fields: KeptFields;
  intent: string | null;
}

/** The intent a form was sent with (the pressed button or a hidden field), or null. Never typed, so never filled in. */
export function keptIntent(formData: FormData): string | null {
  const v = formData.get("intent");
  return typeof v === "string" && v.length <= 100 ? v : null;
}

/** The text fields of a form worth keeping, or null when nobody typed anything in it. */
export function keepableFields(formData: FormData): KeptFields | null {
  const fields = new Map<string, string[]>();
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name === HONEYPOT_FIELD || NEVER_KEPT.test(name)) continue;
    const all = fields.get(name) ?? [];
    all.push(value);
    fields.set(name, all);
  }
  if (![...fields.values()].some((all) => all.some((v) => v.trim() !== ""))) return null;
  return Object.fromEntries([...fields].map(([name, all]) => [name, all.length > 1 ? all : (all[0] ?? "")]));
}

/**
 * Keeps what a person typed into a form on `path` (one per person and page: a newer one replaces
 * the older). Forms that expired are removed on the way. Returns whether it was kept.
 */
export async function keepForm(db: DB, userId: number, path: string, fields: KeptFields, now = currentTime(), intent: string | null = null): Promise<boolean> {
  const json = JSON.stringify(fields);
  if (json.length > MAX_KEPT_CHARS) return false;
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("kept_forms")
      .where((eb) => eb.or([eb("expires_at", "<=", now.toISOString()), eb.and([eb("user_id", "=", userId), eb("path", "=", path)])]))
      .execute();
    await trx
      .insertInto("kept_forms")
      .values({
        user_id: userId,
        path,
        fields: json,
        intent,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + KEEP_HOURS * 3_600_000).toISOString(),
      })
      .execute();
  });
  return true;
}

/**
 * The form this person typed on `path` before a time-out, offered once: it is deleted as it is
 * read. Only the person who typed it gets it; an expired one is never offered.
 */
export async function takeKeptForm(db: DB, userId: number, path: string, now = currentTime()): Promise<KeptForm | null> {
  const row = await db
    .selectFrom("kept_forms")
    .select(["id", "fields", "intent", "expires_at"])
    .where("user_id", "=", userId)
    .where("path", "=", path)
    .executeTakeFirst();
  if (!row) return null;
  const res = await db.deleteFrom("kept_forms").where("id", "=", row.id).executeTakeFirst();
  // Two requests at once: only the one that deleted the row offers it.
  if (Number(res.numDeletedRows) !== 1 || row.expires_at <= now.toISOString()) return null;
  const parsed: unknown = JSON.parse(row.fields);
  return parsed && typeof parsed === "object" ? { fields: parsed as KeptFields, intent: row.intent } : null;
}

/** Removes kept forms past their time. Returns how many. */
export async function purgeKeptForms(db: DB, now = currentTime()): Promise<number> {
  const res = await db.deleteFrom("kept_forms").where("expires_at", "<=", now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
