import type { DB } from "../../db/connect";
import { currentTime } from "../clock.server";
import { config } from "../config.server";
import { amsterdamDay } from "../rules/amsterdam";
import { assignmentDeadline } from "../rules/assignments";
import { addDays, assignmentReminderDue, digestWeekDue, meetingTomorrowDue, remindersOpen } from "../rules/mail-schedule";
import { linkState } from "../rules/practice";
import { formatDate } from "../i18n/translate";
import { expectedParticipantsOf } from "./attendance.server";
import { assignmentMeetings } from "./assignments.server";
import { meetingPageUrl } from "./calendar.server";
import { log } from "./log.server";
import { mailSettings, nudgeMailSender } from "./mail-outbox.server";
import { meetingParams } from "./meeting-mail.server";
import { trainerTodo, type TodoKind } from "./trainer-todo.server";
import { notifyUser, userLang } from "./notify.server";
import { cancelSupervisorReminders } from "./supervisor-mail.server";

/**
 * Scheduled mail (issue 28, point 3): one pass queues everything due at `now`, and nothing twice
 * (every message has a dedupe key; running the pass again queues nothing new).
 *
 * - session-tomorrow: the day before a planned meeting, from 08:00 (Amsterdam), to the
 *   participants expected there (the attendance list's rule). Key: session-tomorrow:<meeting>:<user>.
 * - assignment-due: an oefenopdracht whose deadline is 2 days away (or 1, when the first chance
 *   was missed), from 08:00, to the expected participants who have not handed it in.
 *   Key: assignment-due:<meeting>:<user>.
 * - trainer-digest: Monday from 08:00, to each trainer of a running cohort (and a coordinator who
 *   trains one) with something waiting: submitted POPs and GOP, open practice entries older than
 *   7 days, answers without feedback, past meetings without attendance. Counts and a link only,
 *   no names; nothing waiting, no mail. Key: trainer-digest:<user>:<ISO week>.
 * - The werkbegeleider's reminders are written with the request (supervisor-mail.server.ts); this
 *   pass cancels those whose link no longer works or has nothing open.
 *
 * The app runs a pass every 15 minutes when mail is on (startMailSchedule, from server.ts), with
 * PUBLIC_URL as the start of every link; `npm run mail:schedule` runs one by hand.
 */

export interface ScheduleReport {
  "session-tomorrow": number;
  "assignment-due": number;
  "trainer-digest": number;
  supervisorRemindersCancelled: number;
}

/** A cohort counts for reminders and the digest until this many days after its end date. */
const COHORT_AFTER_END_DAYS = 28;

export async function runScheduledMail(db: DB, opts: { now?: Date; baseUrl: string }): Promise<ScheduleReport> {
  const now = opts.now ?? currentTime();
  const base = opts.baseUrl.replace(/\/$/, "");
  const report: ScheduleReport = { "session-tomorrow": 0, "assignment-due": 0, "trainer-digest": 0, supervisorRemindersCancelled: 0 };
  const today = amsterdamDay(now);
  const cohortIds = (
    await db.selectFrom("cohorts").select("id").where("kind", "=", "course").where("end_date", ">=", addDays(today, -COHORT_AFTER_END_DAYS)).execute()
  ).map((c) => c.id);

  if (remindersOpen(now) && cohortIds.length > 0) {
    report["session-tomorrow"] = await db.transaction().execute((trx) => meetingsTomorrow(trx, cohortIds, now, base));
    report["assignment-due"] = await db.transaction().execute((trx) => assignmentsDue(trx, cohortIds, now, base));
  }
  const week = digestWeekDue(now);
  if (week !== null && cohortIds.length > 0) {
    report["trainer-digest"] = await db.transaction().execute((trx) => trainerDigests(trx, cohortIds, week, now, base));
  }
  report.supervisorRemindersCancelled = await db.transaction().execute((trx) => sweepSupervisorReminders(trx, now));
  if (report["session-tomorrow"] + report["assignment-due"] + report["trainer-digest"] > 0) nudgeMailSender();
  return report;
}

async function meetingsTomorrow(trx: DB, cohortIds: number[], now: Date, base: string): Promise<number> {
  const tomorrow = addDays(amsterdamDay(now), 1);
  const meetings = await trx
    .selectFrom("course_sessions")
    .select(["id", "cohort_id", "type", "title", "date", "start_time", "end_time", "location", "online_url", "training_id", "intervisie_group_id"])
    .where("cohort_id", "in", cohortIds)
    .where("status", "=", "planned")
    .where("date", "=", tomorrow)
    .orderBy("start_time")
    .execute();
  const due = meetings.filter((m) => meetingTomorrowDue(now, m.date));
  const lists = await expectedParticipantsOf(trx, due);
  let queued = 0;
  for (const [i, m] of due.entries()) {
    for (const person of await stillEnrolled(trx, m.cohort_id, lists[i]!)) {
      const lang = await userLang(trx, person);
      const place = m.location ?? m.online_url;
      const ok = await notifyUser(
        trx,
        {
          type: "session-tomorrow",
          userId: person,
          baseUrl: base,
          layout: {
            subject: "mail.schedule.tomorrow.subject",
            before: [{ key: place ? "mail.schedule.tomorrow.whenWhere" : "mail.schedule.tomorrow.when" }],
            action: { label: "mail.schedule.action.rooster", url: meetingPageUrl(base, m, "participant") },
            after: [{ key: "mail.schedule.tomorrow.absent" }],
            params: meetingParams(lang, m),
          },
          dedupeKey: `session-tomorrow:${m.id}:${person}`,
        },
        { now },
      );
      if (ok) queued += 1;
    }
  }
  return queued;
}

/** Of the expected people, those still in the cohort (not left). */
async function stillEnrolled(trx: DB, cohortId: number, people: readonly { id: number }[]): Promise<number[]> {
  if (people.length === 0) return [];
  const rows = await trx
    .selectFrom("enrolments")
    .select("participant_id")
    .where("cohort_id", "=", cohortId)
    .where("left_on", "is", null)
    .where(
      "participant_id",
      "in",
      people.map((p) => p.id),
    )
    .execute();
  const ids = new Set(rows.map((r) => r.participant_id));
  return people.map((p) => p.id).filter((id) => ids.has(id));
}

async function assignmentsDue(trx: DB, cohortIds: number[], now: Date, base: string): Promise<number> {
  const today = amsterdamDay(now);
  const meetings = await assignmentMeetings(trx, cohortIds, today);
  const due = meetings.filter((m) => assignmentReminderDue(now, assignmentDeadline(m.date, m.assignment_due, m.next_date === null ? [] : [m.next_date])));
  if (due.length === 0) return 0;
  const lists = await expectedParticipantsOf(trx, due);
  const answered = await trx
    .selectFrom("assignment_answers")
    .select(["session_id", "participant_id"])
    .where(
      "session_id",
      "in",
      due.map((m) => m.id),
    )
    .execute();
  const has = new Set(answered.map((a) => `${a.session_id}:${a.participant_id}`));
  let queued = 0;
  for (const [i, m] of due.entries()) {
    const deadline = assignmentDeadline(m.date, m.assignment_due, m.next_date === null ? [] : [m.next_date])!;
    for (const person of await stillEnrolled(trx, m.cohort_id, lists[i]!)) {
      if (has.has(`${m.id}:${person}`)) continue;
      const lang = await userLang(trx, person);
      const ok = await notifyUser(
        trx,
        {
          type: "assignment-due",
          userId: person,
          baseUrl: base,
          layout: {
            subject: "mail.schedule.assignment.subject",
            before: [{ key: "mail.schedule.assignment.intro" }],
            action: { label: "mail.schedule.assignment.action", url: `${base}/deelnemer/opdrachten/${m.id}` },
            params: { title: m.title, date: formatDate(lang, deadline) },
          },
          dedupeKey: `assignment-due:${m.id}:${person}`,
        },
        { now },
      );
      if (ok) queued += 1;
    }
  }
  return queued;
}

export interface DigestCounts {
  pops: number;
  gops: number;
  openEntries: number;
  answers: number;
  attendance: number;
}

/**
 * What waits for one trainer, in counts: the same groups as their "Te doen" on the home page
 * (trainer-todo.server.ts), so the mail and the page always agree. Open practice entries count
 * only when they wait longer than OVERDUE_DAYS (the "langer dan 7 dagen" flag there).
 */
export async function digestCounts(db: DB, trainerId: number, now: Date): Promise<DigestCounts> {
  const todo = await trainerTodo(db, trainerId, now);
  const group = (kind: TodoKind) => todo.groups.find((g) => g.kind === kind)!;
  return {
    pops: group("pop").count,
    gops: group("gop").count,
    openEntries: group("practice").overdue,
    answers: group("assignments").count,
    attendance: group("attendance").count,
  };
}

async function trainerDigests(trx: DB, cohortIds: number[], week: string, now: Date, base: string): Promise<number> {
  const trainers = await trx
    .selectFrom("cohort_trainers as ct")
    .innerJoin("users as u", "u.id", "ct.user_id")
    .select("u.id")
    .distinct()
    .where("ct.cohort_id", "in", cohortIds)
    .where("u.role", "in", ["trainer", "coordinator"])
    .where("u.status", "=", "active")
    .orderBy("u.id")
    .execute();
  let queued = 0;
  for (const { id } of trainers) {
    const key = `trainer-digest:${id}:${week}`;
    // Already queued this week: the counts need not be worked out again.
    if (await trx.selectFrom("mail_outbox").select("id").where("dedupe_key", "=", key).executeTakeFirst()) continue;
    const c = await digestCounts(trx, id, now);
    if (c.pops + c.gops + c.openEntries + c.answers + c.attendance === 0) continue;
    const lines = (
      [
        ["mail.schedule.digest.pops", c.pops],
        ["mail.schedule.digest.gops", c.gops],
        ["mail.schedule.digest.entries", c.openEntries],
        ["mail.schedule.digest.answers", c.answers],
        ["mail.schedule.digest.attendance", c.attendance],
      ] as const
    )
      .filter(([, n]) => n > 0)
      .map(([key, n]) => ({ key, params: { count: n } }));
    const ok = await notifyUser(
      trx,
      {
        type: "trainer-digest",
        userId: id,
        baseUrl: base,
        layout: {
          subject: "mail.schedule.digest.subject",
          before: [{ key: "mail.schedule.digest.intro" }, ...lines],
          action: { label: "mail.schedule.digest.action", url: `${base}/` },
        },
        dedupeKey: key,
      },
      { now },
    );
    if (ok) queued += 1;
  }
  return queued;
}

/** Cancels the werkbegeleider's reminders that wait for a link which no longer works or has nothing open. */
async function sweepSupervisorReminders(trx: DB, now: Date): Promise<number> {
  const waiting = await trx
    .selectFrom("mail_outbox")
    .select("dedupe_key")
    .where("type", "=", "supervisor-reminder")
    .where("status", "in", ["pending", "held"])
    .execute();
  const linkIds = waiting.map((w) => Number(/^supervisor-reminder:(\d+)$/.exec(w.dedupe_key ?? "")?.[1])).filter((id) => Number.isInteger(id) && id > 0);
  if (linkIds.length === 0) return 0;
  const links = await trx.selectFrom("supervisor_links").selectAll().where("id", "in", linkIds).execute();
  const open = await trx
    .selectFrom("supervisor_link_entries as le")
    .innerJoin("practice_entries as e", "e.id", "le.entry_id")
    .select("le.link_id")
    .distinct()
    .where("le.link_id", "in", linkIds)
    .where("e.status", "=", "open")
    .execute();
  const withOpen = new Set(open.map((o) => o.link_id));
  const live = new Set(links.filter((l) => linkState(l, now) === "valid" && withOpen.has(l.id)).map((l) => l.id));
  return cancelSupervisorReminders(
    trx,
    linkIds.filter((id) => !live.has(id)),
    now,
  );
}

export interface MailSchedule {
  stop(): Promise<void>;
}

let warnedNoPublicUrl = false;

/**
 * Runs a pass now and then every `intervalMs` (15 minutes) in this process. Null when mail is off
 * (no SMTP_URL) or PUBLIC_URL is not set (a warning, once: the links need it). Its timer never
 * keeps the process alive; a failed pass is logged and the next one tries again.
 */
export function startMailSchedule(db: DB, opts: { intervalMs?: number; baseUrl?: string | null; warn?: boolean } = {}): MailSchedule | null {
  if (!mailSettings()) return null;
  const baseUrl = opts.baseUrl === undefined ? config().publicUrl : opts.baseUrl;
  if (!baseUrl) {
    if (!warnedNoPublicUrl && opts.warn !== false) {
      warnedNoPublicUrl = true;
      log({ level: "warn", event: "mail.schedule-off", data: { reason: "PUBLIC_URL is not set: no reminders or digests" } });
    }
    return null;
  }
  const intervalMs = opts.intervalMs ?? 15 * 60_000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    timer = null;
    if (stopped || running) return;
    running = runScheduledMail(db, { baseUrl })
      .then(
        () => undefined,
        (error: unknown) => log({ level: "error", event: "mail.schedule-failed", data: { reason: error instanceof Error ? error.message : String(error) } }),
      )
      .finally(() => {
        running = null;
        if (!stopped) {
          timer = setTimeout(run, intervalMs);
          timer.unref();
        }
      });
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
