import type { DB } from "../../db/connect";
import { amsterdamDay, amsterdamTime } from "../rules/amsterdam";
import { interviewCandidate } from "../rules/eligibility";
import { currentTime } from "../clock.server";
import { interviewCandidates } from "./interviews.server";
import { cohortsProgress } from "./progress.server";

/**
 * The trainer's "Te doen" (issue 29): what waits for them across their current cohorts, each item a
 * link to the page where they act. A fixed number of queries whatever the number of cohorts or
 * participants (never one per person). Only cohorts the trainer teaches are read: the trainer's id
 * comes from the signed-in session, never from the request.
 *
 * Every group has `count` (and the practice group `overdue`), so other readers (the weekly digest)
 * can count from the same function.
 */
export const TODO_KINDS = ["pop", "gop", "practice", "assignments", "attendance", "atRisk", "interview"] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface TodoItem {
  /** where to act */
  href: string;
  /** null only on the coordinator's list (its candidates come with the cohort's name) */
  cohortId: number | null;
  cohortName: string;
  /** who or what: a participant's or a meeting's name; for the GOP the cohort's */
  name: string;
  /** the day it is about: handed in (POP, GOP), waiting since (practice), the meeting's day */
  date: string | null;
  /** how many things behind this one link (entries, answers); 1 otherwise */
  count: number;
  /** waiting longer than OVERDUE_DAYS (practice entries) */
  overdue: boolean;
}

export interface TodoGroup {
  kind: TodoKind;
  /** the things waiting in this group (entries and answers counted one by one) */
  count: number;
  /** of those, how many wait longer than OVERDUE_DAYS (practice entries; 0 elsewhere) */
  overdue: number;
  items: TodoItem[];
}

export interface TrainerTodo {
  /** every kind, in TODO_KINDS order, empty ones included */
  groups: TodoGroup[];
  /** the sum of the groups' counts: 0 means nothing waits */
  total: number;
}

/** A practice entry that waits longer than this is flagged. */
export const OVERDUE_DAYS = 7;
/** "Newly at risk": at risk now, and not this many days ago. */
export const AT_RISK_WINDOW_DAYS = 7;
/**
 * A cohort stays on the list until this many days after its last day: interviews, late sign-offs
 * and the last attendance sheets follow the course. Older cohorts no longer raise work.
 */
export const AFTER_END_DAYS = 183;

const DAY_MS = 24 * 3600 * 1000;

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function group(kind: TodoKind, all: TodoItem[]): TodoGroup {
  // One line per place to act (someone enrolled twice in the trainer's cohorts is one person).
  const seen = new Set<string>();
  const items = all.filter((i) => !seen.has(i.href) && seen.add(i.href));
  return { kind, count: items.reduce((a, i) => a + i.count, 0), overdue: items.filter((i) => i.overdue).reduce((a, i) => a + i.count, 0), items };
}

/** The trainer's current cohorts: from before they start until AFTER_END_DAYS after their end. */
async function currentCohorts(db: DB, trainerId: number, today: string) {
  return db
    .selectFrom("cohorts as c")
    .innerJoin("cohort_trainers as ct", "ct.cohort_id", "c.id")
    .select(["c.id", "c.name"])
    .where("ct.user_id", "=", trainerId)
    .where("c.kind", "=", "course")
    .where("c.end_date", ">=", shiftDay(today, -AFTER_END_DAYS))
    .orderBy("c.start_date")
    .orderBy("c.id")
    .execute();
}

export async function trainerTodo(db: DB, trainerId: number, now: Date = currentTime()): Promise<TrainerTodo> {
  const today = amsterdamDay(now);
  const time = amsterdamTime(now);
  const cohorts = await currentCohorts(db, trainerId, today);
  if (cohorts.length === 0) return { groups: TODO_KINDS.map((k) => group(k, [])), total: 0 };
  const ids = cohorts.map((c) => c.id);
  const nameOf = new Map(cohorts.map((c) => [c.id, c.name]));
  // The members still in these cohorts (someone who left raises no more work).
  const members = db.selectFrom("enrolments").select("participant_id").where("cohort_id", "in", ids).where("left_on", "is", null);

  const [pops, gops, practice, answers, unrecorded, progressNow] = await Promise.all([
    // POPs handed in, waiting for the trainer (oldest hand-in first).
    db
      .selectFrom("pops as p")
      .innerJoin("enrolments as e", (j) => j.onRef("e.participant_id", "=", "p.participant_id").on("e.cohort_id", "in", ids).on("e.left_on", "is", null))
      .innerJoin("users as u", "u.id", "p.participant_id")
      .select((eb) => [
        "p.participant_id",
        "u.name",
        "e.cohort_id",
        eb
          .selectFrom("pop_events as ev")
          .whereRef("ev.pop_id", "=", "p.id")
          .where("ev.action", "=", "submit")
          .select((s) => s.fn.max("ev.at").as("at"))
          .as("submitted_at"),
      ])
      .where("p.status", "=", "ingediend")
      .execute(),
    db
      .selectFrom("gops as g")
      .select((eb) => [
        "g.cohort_id",
        eb
          .selectFrom("gop_events as ev")
          .whereRef("ev.gop_id", "=", "g.id")
          .where("ev.action", "=", "submit")
          .select((s) => s.fn.max("ev.at").as("at"))
          .as("submitted_at"),
      ])
      .where("g.cohort_id", "in", ids)
      .where("g.status", "=", "ingediend")
      .execute(),
    // Open practice entries wait for a decision (the trainer's or the werkbegeleider's; both may
    // decide, the trainer is the one who can always do it). Waiting since the last save.
    db
      .selectFrom("practice_entries as pe")
      .innerJoin("enrolments as e", (j) => j.onRef("e.participant_id", "=", "pe.participant_id").on("e.cohort_id", "in", ids).on("e.left_on", "is", null))
      .innerJoin("users as u", "u.id", "pe.participant_id")
      .select(["pe.participant_id", "u.name", "e.cohort_id", (eb) => eb.fn.min("pe.updated_at").as("oldest"), (eb) => eb.fn.countAll<number>().as("n")])
      .where("pe.status", "=", "open")
      .groupBy(["pe.participant_id", "u.name", "e.cohort_id"])
      .execute(),
    // Answers no trainer has responded to: not marked done, and no feedback on this version of
    // the answer (a participant who changed it after the feedback waits again).
    db
      .selectFrom("assignment_answers as a")
      .innerJoin("course_sessions as s", "s.id", "a.session_id")
      .select(["s.id", "s.cohort_id", "s.title", "s.date", (eb) => eb.fn.countAll<number>().as("n")])
      .where("s.cohort_id", "in", ids)
      .where("s.status", "=", "planned")
      .where("s.assignment", "is not", null)
      .where("a.done_at", "is", null)
      .where((eb) => eb.or([eb("a.feedback", "is", null), eb("a.feedback_at", "is", null), eb("a.updated_at", ">", eb.ref("a.feedback_at"))]))
      .where("a.participant_id", "in", members)
      .groupBy(["s.id", "s.cohort_id", "s.title", "s.date"])
      .execute(),
    // Meetings that are over (an earlier day, or today after the end time) and have no attendance yet.
    db
      .selectFrom("course_sessions as s")
      .select(["s.id", "s.cohort_id", "s.title", "s.date", "s.start_time"])
      .where("s.cohort_id", "in", ids)
      .where("s.status", "=", "planned")
      .where((eb) => eb.or([eb("s.date", "<", today), eb.and([eb("s.date", "=", today), eb("s.end_time", "<=", time)])]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom("attendance as at").select("at.id").whereRef("at.session_id", "=", "s.id"))))
      .execute(),
    cohortsProgress(db, ids, today),
  ]);

  // The engine's verdict today; for those at risk now, the same engine on the day a week ago (on the
  // records as they are now): "newly" at risk is at risk today and not then.
  const rowsNow = [...progressNow.values()].flatMap((p) => p.rows.map((r) => ({ cohortId: p.cohort.id, row: r })));
  const riskNow = rowsNow.filter((r) => r.row.eligibility.atRisk);
  const weekAgo = shiftDay(today, -AT_RISK_WINDOW_DAYS);
  const riskBefore = new Set<string>();
  if (riskNow.length > 0) {
    const then = await cohortsProgress(db, [...new Set(riskNow.map((r) => r.cohortId))], weekAgo, { participantIds: riskNow.map((r) => r.row.participant.id) });
    for (const p of then.values()) for (const r of p.rows) if (r.eligibility.atRisk) riskBefore.add(`${p.cohort.id}:${r.participant.id}`);
  }
  // Ready for the interview (the one rule of the examiner's list) and none planned.
  const ready = rowsNow.filter((r) => interviewCandidate(r.row.eligibility));
  const planned = ready.length
    ? new Set(
        (
          await db
            .selectFrom("interviews")
            .select("participant_id")
            .where("status", "=", "gepland")
            .where(
              "participant_id",
              "in",
              ready.map((r) => r.row.participant.id),
            )
            .execute()
        ).map((r) => r.participant_id),
      )
    : new Set<number>();

  const cohortName = (id: number) => nameOf.get(id) ?? "";
  const byDate = (a: TodoItem, b: TodoItem) => (a.date ?? "").localeCompare(b.date ?? "") || a.name.localeCompare(b.name, "nl");
  const byName = (a: TodoItem, b: TodoItem) => a.cohortName.localeCompare(b.cohortName, "nl") || a.name.localeCompare(b.name, "nl");
  const overdueSince = new Date(now.getTime() - OVERDUE_DAYS * DAY_MS).toISOString();

  const groups: TodoGroup[] = [
    group(
      "pop",
      pops
        .map((p) => ({
          href: `/pop/${p.participant_id}`,
          cohortId: p.cohort_id,
          cohortName: cohortName(p.cohort_id),
          name: p.name,
          date: (p.submitted_at as string | null) ?? null,
          count: 1,
          overdue: false,
        }))
        .sort(byDate),
    ),
    group(
      "gop",
      gops
        .map((g) => ({
          href: `/groepen/${g.cohort_id}/gop`,
          cohortId: g.cohort_id,
          cohortName: cohortName(g.cohort_id),
          name: cohortName(g.cohort_id),
          date: (g.submitted_at as string | null) ?? null,
          count: 1,
          overdue: false,
        }))
        .sort(byDate),
    ),
    // Oldest first: the participant whose oldest open entry waits longest leads.
    group(
      "practice",
      practice
        .map((p) => ({
          href: `/groepen/${p.cohort_id}/praktijk/${p.participant_id}`,
          cohortId: p.cohort_id,
          cohortName: cohortName(p.cohort_id),
          name: p.name,
          date: String(p.oldest),
          count: Number(p.n),
          overdue: String(p.oldest) < overdueSince,
        }))
        .sort(byDate),
    ),
    group(
      "assignments",
      answers
        .map((a) => ({
          href: `/groepen/${a.cohort_id}/bijeenkomsten/${a.id}/opdracht`,
          cohortId: a.cohort_id,
          cohortName: cohortName(a.cohort_id),
          name: a.title,
          date: a.date,
          count: Number(a.n),
          overdue: false,
        }))
        .sort(byDate),
    ),
    group(
      "attendance",
      unrecorded
        .map((m) => ({
          href: `/groepen/${m.cohort_id}/bijeenkomsten/${m.id}/aanwezigheid`,
          cohortId: m.cohort_id,
          cohortName: cohortName(m.cohort_id),
          name: m.title,
          date: m.date,
          count: 1,
          overdue: false,
        }))
        .sort(byDate),
    ),
    group(
      "atRisk",
      riskNow
        .filter((r) => !riskBefore.has(`${r.cohortId}:${r.row.participant.id}`))
        .map((r) => ({
          href: `/groepen/${r.cohortId}/voortgang/${r.row.participant.id}`,
          cohortId: r.cohortId,
          cohortName: cohortName(r.cohortId),
          name: r.row.participant.name,
          date: null,
          count: 1,
          overdue: false,
        }))
        .sort(byName),
    ),
    group(
      "interview",
      ready
        .filter((r) => !planned.has(r.row.participant.id))
        .map((r) => ({
          href: `/groepen/${r.cohortId}/voortgang/${r.row.participant.id}`,
          cohortId: r.cohortId,
          cohortName: cohortName(r.cohortId),
          name: r.row.participant.name,
          date: null,
          count: 1,
          overdue: false,
        }))
        .sort(byName),
    ),
  ];
  return { groups, total: groups.reduce((a, g) => a + g.count, 0) };
}

/**
 * The coordinator's part of "Te doen": the participants ready for their final interview without a
 * planned one (the list the planning form offers), each a link to plan theirs.
 */
export async function coordinatorTodo(db: DB, now: Date = currentTime()): Promise<TodoGroup> {
  const candidates = await interviewCandidates(db, amsterdamDay(now));
  return group(
    "interview",
    candidates.map((c) => ({
      href: `/eindgesprekken/nieuw?deelnemer=${c.id}`,
      cohortId: null,
      cohortName: c.cohort,
      name: c.name,
      date: null,
      count: 1,
      overdue: false,
    })),
  );
}
