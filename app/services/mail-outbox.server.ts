import { randomUUID } from "node:crypto";
import type { DB } from "../../db/connect";
import type { ExpressionBuilder, Updateable } from "kysely";
import type { Database, MailOutboxTable, MailStatus } from "../../db/schema";
import { currentTime } from "../clock.server";
import { config } from "../config.server";
import type { Lang } from "../i18n/translate";
import { afterFailedAttempt, shortMailError } from "../rules/mail-backoff";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { log } from "./log.server";
import type { Actor } from "./users.server";

/**
 * The mail outbox (issue 28, point 2). A message is queued with `enqueueMail` INSIDE the
 * transaction of the action that causes it, so the two commit together or not at all. A sender
 * (`sendPendingMail`, run by the app process every few seconds and by `npm run mail:send`) claims
 * due messages one at a time and delivers them over SMTP:
 *
 * - A claim is one UPDATE that only succeeds while the row is still free (pending and due, or
 *   claimed by a process whose lease ran out). Of two processes that try, exactly one changes the
 *   row; the other sees 0 rows and moves on. This holds on SQLite (one writer at a time) and on
 *   PostgreSQL (the second UPDATE waits for the first and checks its WHERE again on the new row).
 * - A process that dies after its claim loses nothing: when the lease (claimed_until) has passed,
 *   another claims the row again. A process that dies after the SMTP server accepted the message
 *   but before it wrote "sent" can cause one repeat: mail is delivered at least once.
 * - A failure waits before the next attempt (app/rules/mail-backoff.ts); after the last attempt
 *   the row is marked failed, and a coordinator can send it again from /coordinator/berichten.
 * - Without SMTP_URL new messages are "held": never sent by themselves, shown to coordinators
 *   with their link so the old hand-over by hand still works.
 *
 * Sent and failed are written to the audit trail (type, recipient's user id), never the body; the
 * body is removed as soon as the message is sent (retention removes it from the others).
 */

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The file's text (an .ics is text). */
  content: string;
}

export interface MailInput {
  /** What kind of message; the dictionary has its name under mail.type.<type>. */
  type: string;
  to: { userId?: number | null; email: string };
  lang: Lang;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
  /** The one link the message is about (shown to coordinators while mail is off). */
  actionUrl?: string | null;
  /** The same key never queues twice (e.g. "invitation:42"). */
  dedupeKey?: string | null;
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
}

declare global {
  // The settings for this process (tests and scripts may set them); undefined: from the environment.
  var __leerlijnMailSettings: MailSettings | null | undefined;
  // Wakes the sender of this process after a message was queued (server entry and app bundle share it).
  var __leerlijnMailNudge: (() => void) | undefined;
}

/** SMTP_URL and MAIL_FROM of this process, or null when mail is off. */
export function mailSettings(): MailSettings | null {
  if (globalThis.__leerlijnMailSettings !== undefined) return globalThis.__leerlijnMailSettings;
  return config().mail;
}

/** For tests and scripts: use these settings instead of the environment's (undefined: the environment again). */
export function setMailSettings(settings: MailSettings | null | undefined): void {
  globalThis.__leerlijnMailSettings = settings;
}

export function mailEnabled(): boolean {
  return mailSettings() !== null;
}

/** Tells this process's sender (if it runs) to look for new messages now instead of at its next round. */
export function nudgeMailSender(): void {
  globalThis.__leerlijnMailNudge?.();
}

/**
 * Queues one message, inside the caller's transaction. Pending when mail is on, held when it is
 * off. With a dedupe key that was queued before, nothing is added: `queued` is then false.
 */
export async function enqueueMail(trx: DB, input: MailInput, opts: { now?: Date; held?: boolean } = {}): Promise<{ id: number | null; queued: boolean }> {
  const now = (opts.now ?? currentTime()).toISOString();
  const held = opts.held ?? !mailEnabled();
  const email = input.to.email.trim();
  if (!email) throw new Error("enqueueMail: no recipient address");
  const row = await trx
    .insertInto("mail_outbox")
    .values({
      type: input.type,
      status: held ? "held" : "pending",
      recipient_user_id: input.to.userId ?? null,
      recipient_email: email,
      lang: input.lang,
      subject: input.subject,
      body_text: input.text,
      body_html: input.html ?? null,
      attachments: input.attachments?.length ? JSON.stringify(input.attachments) : null,
      headers: input.headers && Object.keys(input.headers).length > 0 ? JSON.stringify(input.headers) : null,
      action_url: input.actionUrl ?? null,
      dedupe_key: input.dedupeKey ?? null,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
      body_purged_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return { id: row?.id ?? null, queued: row !== undefined };
}

/**
 * Messages of `type` to this person that have not gone out yet (pending, held or failed) are
 * cancelled and lose their body: a newer invitation replaces the older one, whose link no longer works.
 */
export async function cancelUnsentMail(trx: DB, type: string, userId: number, now = currentTime()): Promise<number> {
  const res = await trx
    .updateTable("mail_outbox")
    .set({ status: "cancelled", ...purgedBody(now) })
    .where("type", "=", type)
    .where("recipient_user_id", "=", userId)
    .where("status", "in", ["pending", "held", "failed"])
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

function purgedBody(now: Date) {
  return { body_text: null, body_html: null, attachments: null, headers: null, action_url: null, body_purged_at: now.toISOString() };
}

/** How long a claim holds: longer than one SMTP conversation can take (its time-outs are 30 s). */
export const DEFAULT_LEASE_MS = 2 * 60_000;

export interface Transport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    headers?: Record<string, string>;
    attachments?: { filename: string; contentType: string; content: string }[];
  }): Promise<unknown>;
}

export interface SendOptions {
  transport: Transport;
  from: string;
  /** Who claims (a different one per process); default: a fresh random id. */
  workerId?: string;
  leaseMs?: number;
  /** At most this many messages in one pass. */
  limit?: number;
  /** The clock for this pass (tests); default: the app's clock at each step. */
  now?: () => Date;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
}

/** Claims one due row, or returns null when there is none left that this process could take. */
export async function claimNextMail(db: DB, workerId: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<number | null> {
  const nowIso = now.toISOString();
  // Free: pending and due, or claimed by a process whose lease has run out.
  const free = (eb: ExpressionBuilder<Database, "mail_outbox">) =>
    eb.or([
      eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", nowIso)]),
      eb.and([eb("status", "=", "sending"), eb("claimed_until", "<=", nowIso)]),
    ]);
  for (;;) {
    const candidates = await db.selectFrom("mail_outbox").select("id").where(free).orderBy("next_attempt_at").orderBy("id").limit(16).execute();
    if (candidates.length === 0) return null;
    // Start at a random one of the oldest few: two senders seldom reach for the same row.
    const start = Math.floor(Math.random() * candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const id = candidates[(start + i) % candidates.length]!.id;
      const res = await db
        .updateTable("mail_outbox")
        .set((eb) => ({
          status: "sending" as MailStatus,
          claimed_by: workerId,
          claimed_until: new Date(now.getTime() + leaseMs).toISOString(),
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", id)
        .where(free)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return id;
    }
    // Every candidate was taken by another process meanwhile: look again.
  }
}

/**
 * One pass of the sender: claims and delivers due messages until none is left (or `limit`).
 * Errors of one message never stop the pass.
 */
export async function sendPendingMail(db: DB, opts: SendOptions): Promise<SendReport> {
  const workerId = opts.workerId ?? randomUUID();
  const clock = opts.now ?? currentTime;
  const limit = opts.limit ?? 200;
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  for (let n = 0; n < limit; n++) {
    const id = await claimNextMail(db, workerId, clock(), opts.leaseMs);
    if (id === null) break;
    const outcome = await deliverClaimed(db, id, workerId, opts, clock);
    if (outcome) report[outcome] += 1;
  }
  return report;
}

async function deliverClaimed(db: DB, id: number, workerId: string, opts: SendOptions, clock: () => Date): Promise<keyof SendReport | null> {
  const row = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).where("claimed_by", "=", workerId).executeTakeFirst();
  if (!row) return null;
  // Only while the claim is still this process's own.
  const mine = (trx: DB, values: Updateable<MailOutboxTable>) =>
    trx.updateTable("mail_outbox").set(values).where("id", "=", id).where("claimed_by", "=", workerId).where("status", "=", "sending");
  if (row.body_text === null) {
    // Nothing left to send (the body was removed): failed, not retried.
    await db.transaction().execute(async (trx) => {
      const now = clock();
      await mine(trx, { status: "failed", last_error: "Geen inhoud meer (verwijderd).", claimed_by: null, claimed_until: null }).execute();
      await audit(trx, { actor: null, action: "mail.failed", target: target(row), details: { type: row.type, mailId: row.id }, outcome: "failure", at: now });
    });
    return "failed";
  }
  let error: unknown = null;
  try {
    await opts.transport.sendMail({
      from: opts.from,
      to: row.recipient_email,
      subject: row.subject,
      text: row.body_text,
      html: row.body_html ?? undefined,
      headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : undefined,
      attachments: row.attachments ? (JSON.parse(row.attachments) as MailAttachment[]) : undefined,
    });
  } catch (e) {
    error = e;
  }
  const now = clock();
  if (error === null) {
    const done = await db.transaction().execute(async (trx) => {
      const res = await mine(trx, {
        status: "sent",
        sent_at: now.toISOString(),
        claimed_by: null,
        claimed_until: null,
        last_error: null,
        ...purgedBody(now),
      }).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await audit(trx, { actor: null, action: "mail.sent", target: target(row), details: { type: row.type, mailId: row.id }, at: now });
      return true;
    });
    if (!done) log({ level: "warn", event: "mail.lease-lost", data: { mailId: id } });
    return done ? "sent" : null;
  }
  const decision = afterFailedAttempt(row.attempts, now);
  const lastError = shortMailError(error);
  return db.transaction().execute(async (trx) => {
    if (decision.kind === "retry") {
      await mine(trx, {
        status: "pending",
        next_attempt_at: decision.at.toISOString(),
        last_error: lastError,
        claimed_by: null,
        claimed_until: null,
      }).execute();
      return "retried" as const;
    }
    const res = await mine(trx, { status: "failed", last_error: lastError, claimed_by: null, claimed_until: null }).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) {
      await audit(trx, {
        actor: null,
        action: "mail.failed",
        target: target(row),
        outcome: "failure",
        details: { type: row.type, mailId: row.id, attempts: row.attempts },
        at: now,
      });
    }
    return "failed" as const;
  });
}

function target(row: { recipient_user_id: number | null; id: number }) {
  return row.recipient_user_id !== null ? { type: "user", id: row.recipient_user_id } : { type: "mail", id: row.id };
}

/**
 * A coordinator sends a failed message again (or a held one, now that mail is on): it becomes
 * pending with a fresh count of attempts. Refused when its body is gone or it is not failed/held.
 */
export async function resendMail(db: DB, actor: Actor, mailId: number, ip: string | null, now = currentTime()): Promise<{ recipientEmail: string }> {
  if (!mailEnabled()) throw new UserInputError("mail.resend.mailOff");
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("mail_outbox")
      .select(["id", "status", "type", "recipient_user_id", "recipient_email", "body_text"])
      .where("id", "=", mailId)
      .executeTakeFirst();
    if (!row) throw new UserInputError("mail.resend.notFound");
    if (row.status !== "failed" && row.status !== "held") throw new UserInputError("mail.resend.notFailed");
    if (row.body_text === null) throw new UserInputError("mail.resend.purged");
    await trx
      .updateTable("mail_outbox")
      .set({ status: "pending", attempts: 0, next_attempt_at: now.toISOString(), last_error: null, claimed_by: null, claimed_until: null })
      .where("id", "=", mailId)
      .where("status", "in", ["failed", "held"])
      .execute();
    await audit(trx, { actor, action: "mail.resend", target: target(row), ip, details: { type: row.type, mailId: row.id }, at: now });
    return { recipientEmail: row.recipient_email };
  });
  nudgeMailSender();
  return result;
}

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxRow {
  id: number;
  type: string;
  status: MailStatus;
  recipientName: string | null;
  recipientEmail: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  /** Only for a held invitation (mail is off): the link to hand over by hand. */
  handOverLink: string | null;
  canResend: boolean;
}

/** One page of the outbox for coordinators, newest first. Never a message's body. */
export async function outboxPage(db: DB, page: number): Promise<{ rows: OutboxRow[]; hasMore: boolean; mailOn: boolean }> {
  const mailOn = mailEnabled();
  const p = Math.max(1, Math.floor(page));
  const rows = await db
    .selectFrom("mail_outbox as m")
    .leftJoin("users as u", "u.id", "m.recipient_user_id")
    .select([
      "m.id",
      "m.type",
      "m.status",
      "m.recipient_email",
      "u.name as recipient_name",
      "m.attempts",
      "m.last_error",
      "m.created_at",
      "m.sent_at",
      "m.next_attempt_at",
      "m.action_url",
      "m.body_purged_at",
    ])
    .orderBy("m.id", "desc")
    .limit(OUTBOX_PAGE_SIZE + 1)
    .offset((p - 1) * OUTBOX_PAGE_SIZE)
    .execute();
  return {
    mailOn,
    hasMore: rows.length > OUTBOX_PAGE_SIZE,
    rows: rows.slice(0, OUTBOX_PAGE_SIZE).map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      recipientName: r.recipient_name,
      recipientEmail: r.recipient_email,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      nextAttemptAt: r.next_attempt_at,
      handOverLink: r.status === "held" && r.type === "invitation" ? r.action_url : null,
      canResend: mailOn && (r.status === "failed" || r.status === "held") && r.body_purged_at === null,
    })),
  };
}

/** Days a message that was never sent keeps its body (then retention removes it). */
export const MAIL_BODY_DAYS = 30;

/**
 * Retention: bodies of messages not sent within MAIL_BODY_DAYS go; whole rows (address, kind,
 * times) go after the sign-in trace period, except those still waiting to be sent.
 */
export async function purgeMail(trx: DB, now: Date, rowsBefore: string): Promise<{ bodies: number; rows: number }> {
  const bodyCut = new Date(now.getTime() - MAIL_BODY_DAYS * 86_400_000).toISOString();
  const bodies = await trx
    .updateTable("mail_outbox")
    .set(purgedBody(now))
    .where("created_at", "<", bodyCut)
    .where("body_purged_at", "is", null)
    .where("status", "in", ["held", "failed", "cancelled", "sent"])
    .executeTakeFirst();
  const rows = await trx
    .deleteFrom("mail_outbox")
    .where("created_at", "<", rowsBefore)
    .where("status", "in", ["held", "failed", "cancelled", "sent"])
    .executeTakeFirst();
  return { bodies: Number(bodies.numUpdatedRows), rows: Number(rows.numDeletedRows) };
}

/** A person is anonymised: their messages go (address, subject and body). */
export async function deleteMailOf(trx: DB, userId: number, email: string): Promise<void> {
  await trx
    .deleteFrom("mail_outbox")
    .where((eb) => eb.or([eb("recipient_user_id", "=", userId), eb("recipient_email", "=", email)]))
    .execute();
}

/** Logs a failed pass without stopping the app (the next round tries again). */
export function logSenderError(error: unknown): void {
  log({ level: "error", event: "mail.sender-failed", data: { reason: shortMailError(error) } });
}
