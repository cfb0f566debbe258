import type { DB } from "../../db/connect";
import type { Meeting } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { MessageKey } from "../i18n/nl";
import { formatDate, type Lang, type Params } from "../i18n/translate";
import { amsterdamDay } from "../rules/amsterdam";
import { changeIsUpcoming, meetingChange, type MeetingState } from "../rules/mail-schedule";
import { expectedParticipantsOf } from "./attendance.server";
import { meetingCalendarFile, meetingPageUrl } from "./calendar.server";
import { notifyUser, userLang } from "./notify.server";

/**
 * Issue 28, point 3: a meeting moved (day, times, place or online link) or cancelled. Everyone
 * expected there hears it, in the transaction of the change, with the meeting as a calendar file
 * (the same event as in their calendar feed: same UID, the raised SEQUENCE, STATUS:CANCELLED when
 * it no longer goes on), so their calendar app follows the change.
 *
 * Who is expected: the participants the attendance list expects (a lesson: the cohort; a training:
 * those with a place; intervisie: the group's members; only from the day they joined and up to the
 * day they left), at the old or the new date, and the trainers of the meeting. The person who made
 * the change gets no mail about it. Nothing about other people is in the mail or the file: the
 * meeting's title, time, place and a link. A cancellation's reason is never in it.
 *
 * A change of a meeting that lies wholly in the past sends nothing (a correction of the records).
 */

type MeetingFacts = Pick<Meeting, "id" | "cohort_id" | "type" | "title" | "training_id" | "intervisie_group_id" | "calendar_sequence"> & MeetingState;

const COLUMNS = [
  "id",
  "cohort_id",
  "type",
  "title",
  "date",
  "start_time",
  "end_time",
  "location",
  "online_url",
  "status",
  "training_id",
  "intervisie_group_id",
  "calendar_sequence",
] as const;

/** The meeting as it is now, for the comparison before and after a change. */
export async function meetingFacts(trx: DB, meetingId: number): Promise<MeetingFacts | undefined> {
  return trx.selectFrom("course_sessions").select(COLUMNS).where("id", "=", meetingId).executeTakeFirst();
}

/** The words of a meeting's time and place, in the recipient's language. */
export function meetingParams(lang: Lang, m: Pick<MeetingFacts, "title" | "date" | "start_time" | "end_time" | "location" | "online_url">): Params {
  return { title: m.title, date: formatDate(lang, m.date), start: m.start_time, end: m.end_time, place: m.location ?? m.online_url ?? "" };
}

/**
 * Queues the mails about a change of one meeting, inside the change's transaction. `before` is the
 * meeting as it was (read in the same transaction, before the update). Returns how many were queued.
 */
export async function notifyMeetingChange(
  trx: DB,
  before: MeetingFacts,
  opts: { baseUrl?: string | null; actorId?: number | null; now?: Date },
): Promise<number> {
  if (!opts.baseUrl) return 0;
  const base = opts.baseUrl.replace(/\/$/, "");
  const now = opts.now ?? currentTime();
  const after = await meetingFacts(trx, before.id);
  if (!after) return 0;
  const kind = meetingChange(before, after);
  if (kind === null || !changeIsUpcoming(amsterdamDay(now), before.date, after.date)) return 0;

  const lists = await expectedParticipantsOf(trx, [before, after]);
  const participantIds = [...new Set(lists.flat().map((p) => p.id))];
  const trainers = await trx.selectFrom("session_trainers").select("user_id").where("session_id", "=", after.id).execute();
  const trainerIds = [...new Set(trainers.map((t) => t.user_id))].filter((id) => !participantIds.includes(id));

  const type = kind === "cancelled" ? "session-cancelled" : "session-changed";
  const files = {
    participant: await meetingCalendarFile(trx, after.id, base, "participant"),
    staff: await meetingCalendarFile(trx, after.id, base, "staff"),
  };
  let queued = 0;
  const recipients = [
    ...participantIds.map((id) => ({ id, audience: "participant" as const })),
    ...trainerIds.map((id) => ({ id, audience: "staff" as const })),
  ];
  for (const r of recipients) {
    if (r.id === opts.actorId) continue;
    const lang = await userLang(trx, r.id);
    const params = meetingParams(lang, after);
    const before_: { key: MessageKey; params?: Params }[] =
      kind === "cancelled"
        ? [{ key: "mail.schedule.cancelled.intro" }, { key: "mail.schedule.cancelled.calendar" }]
        : [
            { key: before.status === "cancelled" ? "mail.schedule.reinstated.intro" : "mail.schedule.changed.intro" },
            { key: after.location || after.online_url ? "mail.schedule.changed.whenWhere" : "mail.schedule.changed.when" },
            { key: "mail.schedule.changed.calendar" },
          ];
    const file = files[r.audience];
    const sent = await notifyUser(
      trx,
      {
        type,
        userId: r.id,
        baseUrl: base,
        layout: {
          subject:
            kind === "cancelled"
              ? "mail.schedule.cancelled.subject"
              : before.status === "cancelled"
                ? "mail.schedule.reinstated.subject"
                : "mail.schedule.changed.subject",
          before: before_,
          action: {
            label: r.audience === "participant" ? "mail.schedule.action.rooster" : "mail.schedule.action.meeting",
            url: meetingPageUrl(base, after, r.audience),
          },
          params,
        },
        dedupeKey: `${type}:${after.id}:${after.calendar_sequence}:${r.id}`,
        attachments: file ? [{ filename: "bijeenkomst.ics", contentType: "text/calendar; charset=utf-8", content: file }] : [],
      },
      { now },
    );
    if (sent) queued += 1;
  }
  return queued;
}
