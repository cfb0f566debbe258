import type { DB } from "../../db/connect";
import { currentTime } from "../clock.server";
import { DEFAULT_LANG, type Lang } from "../i18n/translate";
import { renderMail, type MailLayout } from "./mail-messages.server";
import { categoryEnabled, storedLang, unsubscribeToken } from "./mail-preferences.server";
import { enqueueMail, type MailAttachment } from "./mail-outbox.server";

/**
 * One way for the app's actions to tell a person something by e-mail (issue 28, point 3). Every
 * message type has a category; whether the person wants optional categories, and the
 * unsubscribe headers an optional message carries, are decided here, so the actions that cause a
 * message only say what happened and to whom. The message is queued in the caller's transaction
 * (the outbox), and never holds sensitive content: the pattern is "there is something for you,
 * log in to see it".
 *
 * - security: invitation, password reset. Cannot be turned off.
 * - request: a message to someone without an account (the werkbegeleider). Not optional.
 * - updates: a decision or feedback on the person's own work (POP, GOP, practice, assignment,
 *   certificate).
 * - schedule: a session moved or cancelled, an interview planned.
 * - reminders: an assignment due soon, a session tomorrow.
 * - digest: the trainers' weekly summary of what waits for them.
 *
 * Callers call nudgeMailSender() after their transaction commits.
 */
export const MAIL_CATEGORIES = ["security", "request", "updates", "schedule", "reminders", "digest"] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

/** Categories a person can turn off (on /account and by the unsubscribe link). */
export const OPTIONAL_CATEGORIES = ["updates", "schedule", "reminders", "digest"] as const satisfies readonly MailCategory[];
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** Every message type and its category. A type's name for coordinators is in the dictionary under mail.type.<type>. */
export const MAIL_TYPES = {
  invitation: "security",
  "password-reset": "security",
  "supervisor-request": "request",
  "supervisor-reminder": "request",
  "pop-returned": "updates",
  "pop-approved": "updates",
  "gop-returned": "updates",
  "gop-approved": "updates",
  "practice-signed": "updates",
  "practice-rejected": "updates",
  "assignment-feedback": "updates",
  "certificate-issued": "updates",
  "session-changed": "schedule",
  "session-cancelled": "schedule",
  "interview-planned": "schedule",
  "interview-cancelled": "schedule",
  "assignment-due": "reminders",
  "session-tomorrow": "reminders",
  "trainer-digest": "digest",
  // Issue 31: a pool member invited for a buurtteam's request (their own choice to hear it), and the
  // buurtteam-coördinator told that a member answered (not optional: it is their work's request).
  "pool-invitation": "updates",
  "pool-invitation-answered": "request",
} as const satisfies Record<string, MailCategory>;
export type MailType = keyof typeof MAIL_TYPES;

export function categoryOf(type: MailType): MailCategory {
  return MAIL_TYPES[type];
}

export function isOptional(category: MailCategory): category is OptionalCategory {
  return (OPTIONAL_CATEGORIES as readonly string[]).includes(category);
}

export interface Notice {
  type: MailType;
  userId: number;
  /** Where the app's links start (publicBaseUrl(request), or PUBLIC_URL for scheduled messages). */
  baseUrl: string;
  /** The words of the message: everything of MailLayout but the language, the greeting's name and the unsubscribe link. */
  layout: Omit<MailLayout, "lang" | "name" | "unsubscribeUrl">;
  /** The same key never queues twice (e.g. "pop-returned:<pop version id>"). */
  dedupeKey?: string | null;
  attachments?: MailAttachment[];
}

/** The language a person's messages are written in: the one they chose last in the app (null: Dutch). */
export async function userLang(trx: DB, userId: number): Promise<Lang> {
  return storedLang(trx, userId);
}

/** Whether the person wants messages of this category (security and request: always; optional ones: unless turned off). */
export async function wantsMail(trx: DB, userId: number, category: MailCategory): Promise<boolean> {
  if (!isOptional(category)) return true;
  return categoryEnabled(trx, userId, category);
}

/** The one-click unsubscribe link of this person's messages of an optional category (RFC 8058), or null. */
async function unsubscribeUrl(trx: DB, userId: number, category: MailCategory, baseUrl: string): Promise<string | null> {
  if (!isOptional(category)) return null;
  return `${baseUrl.replace(/\/$/, "")}/afmelden/${await unsubscribeToken(trx, userId, category)}`;
}

function unsubscribeHeaders(url: string | null): Record<string, string> {
  return url ? { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
}

/** Extra headers for a message of this category to this person (List-Unsubscribe for optional ones). */
export async function categoryHeaders(trx: DB, userId: number, category: MailCategory, baseUrl: string): Promise<Record<string, string>> {
  return unsubscribeHeaders(await unsubscribeUrl(trx, userId, category, baseUrl));
}

/**
 * Queues a message to a person with an account, in the caller's transaction. Nothing is queued
 * (false) for a disabled or anonymised account, or when the person turned the category off.
 */
export async function notifyUser(trx: DB, notice: Notice, opts: { now?: Date } = {}): Promise<boolean> {
  const now = opts.now ?? currentTime();
  const user = await trx.selectFrom("users").select(["id", "email", "name", "status", "anonymised_at"]).where("id", "=", notice.userId).executeTakeFirst();
  if (!user || user.status === "disabled" || user.anonymised_at !== null) return false;
  const category = categoryOf(notice.type);
  if (!(await wantsMail(trx, user.id, category))) return false;
  const lang = await userLang(trx, user.id);
  // Optional messages end with the unsubscribe link and carry it in their headers.
  const unsubscribe = await unsubscribeUrl(trx, user.id, category, notice.baseUrl);
  const content = renderMail({ ...notice.layout, lang, name: user.name, unsubscribeUrl: unsubscribe });
  const headers = unsubscribeHeaders(unsubscribe);
  const queued = await enqueueMail(
    trx,
    {
      type: notice.type,
      to: { userId: user.id, email: user.email },
      lang,
      subject: content.subject,
      text: content.text,
      html: content.html,
      attachments: notice.attachments,
      headers,
      actionUrl: notice.layout.action.url,
      dedupeKey: notice.dedupeKey ?? null,
    },
    { now },
  );
  return queued.queued;
}

/** Queues a message to an address without an account (the werkbegeleider), in the caller's transaction. */
export async function notifyAddress(
  trx: DB,
  input: { type: MailType; email: string; name?: string | null; lang?: Lang; layout: Omit<MailLayout, "lang" | "name">; dedupeKey?: string | null },
  opts: { now?: Date } = {},
): Promise<boolean> {
  const lang = input.lang ?? DEFAULT_LANG;
  const content = renderMail({ ...input.layout, lang, name: input.name ?? null });
  const queued = await enqueueMail(
    trx,
    {
      type: input.type,
      to: { userId: null, email: input.email },
      lang,
      subject: content.subject,
      text: content.text,
      html: content.html,
      actionUrl: input.layout.action.url,
      dedupeKey: input.dedupeKey ?? null,
    },
    { now: opts.now ?? currentTime() },
  );
  return queued.queued;
}
