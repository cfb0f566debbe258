import type { DB } from "../../db/connect";
import { formatDate } from "../i18n/translate";
import { supervisorReminderAt } from "../rules/mail-schedule";
import { notifyAddress } from "./notify.server";

/**
 * Issue 28, point 3: the werkbegeleider's sign-off request by e-mail. When the participant makes a
 * link, the werkbegeleider (the address of the leerplek) gets the personal link, queued in the same
 * transaction. The page still shows the link, so handing it over by hand keeps working.
 *
 * The one friendly reminder: only the SHA-256 of the link's token is kept, so a mail written later
 * could not hold the link. The reminder is therefore written together with the request, and held
 * back until day 7 (its next_attempt_at). It is cancelled in the transaction that ends the need
 * for it: every entry of the link decided (the link is spent), the link revoked, or replaced by a
 * new one; the scheduled pass (mail-schedule.server.ts) also cancels any whose link no longer
 * works or has nothing open. No reminder is written for a link that runs out before day 7.
 * Dedupe keys per link: each is queued once.
 *
 * The mail names the participant (the werkbegeleider needs to know who asks) and the number of
 * entries, never what the entries say.
 */

export function supervisorLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/bevestigen/${token}`;
}

export const requestKey = (linkId: number) => `supervisor-request:${linkId}`;
export const reminderKey = (linkId: number) => `supervisor-reminder:${linkId}`;

export interface SupervisorRequest {
  linkId: number;
  token: string;
  participantName: string;
  supervisorName: string;
  supervisorEmail: string;
  entryCount: number;
  createdAt: string;
  expiresAt: string;
  baseUrl: string;
}

/** Queues the request and its held-back reminder, in the caller's transaction. */
export async function queueSupervisorMail(trx: DB, r: SupervisorRequest, now: Date): Promise<boolean> {
  const url = supervisorLinkUrl(r.baseUrl, r.token);
  const params = { participant: r.participantName, count: r.entryCount, date: formatDate("nl", r.expiresAt) };
  const queued = await notifyAddress(
    trx,
    {
      type: "supervisor-request",
      email: r.supervisorEmail,
      name: r.supervisorName,
      layout: {
        subject: "mail.schedule.supervisor.subject",
        before: [{ key: "mail.schedule.supervisor.intro" }, { key: "mail.schedule.supervisor.how" }],
        action: { label: "mail.schedule.supervisor.action", url },
        after: [{ key: "mail.schedule.supervisor.notExpected" }],
        params,
      },
      dedupeKey: requestKey(r.linkId),
    },
    { now },
  );
  const at = supervisorReminderAt(r.createdAt, r.expiresAt);
  if (at) {
    const reminder = await notifyAddress(
      trx,
      {
        type: "supervisor-reminder",
        email: r.supervisorEmail,
        name: r.supervisorName,
        layout: {
          subject: "mail.schedule.supervisorReminder.subject",
          before: [{ key: "mail.schedule.supervisorReminder.intro" }, { key: "mail.schedule.supervisor.how" }],
          action: { label: "mail.schedule.supervisor.action", url },
          after: [{ key: "mail.schedule.supervisorReminder.done" }],
          params,
        },
        dedupeKey: reminderKey(r.linkId),
      },
      { now },
    );
    // Held back: the sender takes it on day 7 (unless it was cancelled by then).
    if (reminder) {
      await trx
        .updateTable("mail_outbox")
        .set({ next_attempt_at: at.toISOString() })
        .where("dedupe_key", "=", reminderKey(r.linkId))
        .where("status", "in", ["pending", "held"])
        .execute();
    }
  }
  return queued;
}

/** The reminders of these links that have not gone out are cancelled (and lose their body and link). */
export async function cancelSupervisorReminders(trx: DB, linkIds: readonly number[], now: Date): Promise<number> {
  if (linkIds.length === 0) return 0;
  const res = await trx
    .updateTable("mail_outbox")
    .set({
      status: "cancelled",
      body_text: null,
      body_html: null,
      attachments: null,
      headers: null,
      action_url: null,
      body_purged_at: now.toISOString(),
    })
    .where("type", "=", "supervisor-reminder")
    .where("dedupe_key", "in", linkIds.map(reminderKey))
    .where("status", "in", ["pending", "held", "failed"])
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * A participant is anonymised: the messages to their werkbegeleider (which name them and hold the
 * werkbegeleider's address) go, sent or not, like the person's own messages (deleteMailOf).
 */
export async function deleteSupervisorMailOf(trx: DB, participantId: number): Promise<void> {
  const links = await trx.selectFrom("supervisor_links").select("id").where("participant_id", "=", participantId).execute();
  if (links.length === 0) return;
  const keys = links.flatMap((l) => [requestKey(l.id), reminderKey(l.id)]);
  await trx.deleteFrom("mail_outbox").where("dedupe_key", "in", keys).execute();
}
