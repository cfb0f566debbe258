import type { DB } from "../../db/connect";
import type { LeftReason } from "../../db/schema";
import { expectedOf, summarizeAttendance, type AttendanceFacts, type SessionFacts } from "../rules/attendance";
import { evaluateEligibility, type Eligibility } from "../rules/eligibility";
import type { PracticeStatus } from "../rules/practice";
import { PLACE_STATUSES } from "../rules/trainings";
import { joinedOn } from "./attendance.server";
import { audit } from "./audit.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";

/**
 * Progress toward the certificate for a cohort, from its records, through the one engine.
 * A fixed number of queries whatever the size of the cohort: never one per participant.
 */
export interface ParticipantProgress {
  participant: { id: number; name: string; email: string };
  enrolledOn: string;
  left: { on: string; reason: LeftReason; note: string | null } | null;
  eligibility: Eligibility;
  /** figures the pages show beside the engine's verdict */
  facts: {
    practiceConfirmedMinutes: number;
    practiceOpenMinutes: number;
    attendanceRate: number | null;
    learningHours: number;
    intervisieAttended: number;
    lessonsAttended: number;
    lessonsHeld: number;
    popStatus: string | null;
  };
}

export interface CohortProgress {
  cohort: { id: number; name: string; start_date: string; end_date: string; leerlijn_version_id: number };
  rules: { practiceHoursTarget: number; learningHoursTarget: number; minAttendanceRate: number; minIntervisieMeetings: number };
  rows: ParticipantProgress[];
}

const WEEK = 7 * 24 * 3600 * 1000;
const weeksBetween = (a: string, b: string) => Math.max(0, (new Date(`${b}T12:00:00Z`).getTime() - new Date(`${a}T12:00:00Z`).getTime()) / WEEK);

export async function cohortProgress(db: DB, cohortId: number, today: string, opts: { participantIds?: number[] } = {}): Promise<CohortProgress | undefined> {
  const cohort = await db.selectFrom("cohorts").select(["id", "name", "start_date", "end_date", "leerlijn_version_id"]).where("id", "=", cohortId).executeTakeFirst();
  const template = cohort ? await cohortTemplate(db, cohortId) : undefined;
  if (!cohort || !template) return undefined;
  const only = opts.participantIds;
  if (only && only.length === 0) return { cohort, rules: template.rules, rows: [] };

  let membersQ = db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name", "u.email", "e.enrolled_at", "e.left_on", "e.left_reason", "e.left_note"])
    .where("e.cohort_id", "=", cohortId)
    .orderBy("u.name");
  if (only) membersQ = membersQ.where("u.id", "in", only);
  const members = await membersQ.execute();
  const ids = members.map((m) => m.id);
  if (ids.length === 0) return { cohort, rules: template.rules, rows: [] };

  const [sessions, records, groups, places, practice, pops, gop, interviews] = await Promise.all([
    db.selectFrom("course_sessions").select(["id", "type", "date", "start_time", "end_time", "status", "training_id", "intervisie_group_id"]).where("cohort_id", "=", cohortId).execute(),
    db
      .selectFrom("attendance as a")
      .innerJoin("course_sessions as s", "s.id", "a.session_id")
      .select(["a.session_id", "a.participant_id", "a.status", "a.minutes_missed", "a.active", "a.makeup_status"])
      .where("s.cohort_id", "=", cohortId)
      .where("a.participant_id", "in", ids)
      .execute(),
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
      .select(["m.group_id", "m.participant_id"])
      .where("g.cohort_id", "=", cohortId)
      .where("m.participant_id", "in", ids)
      .execute(),
    db
      .selectFrom("training_choices")
      .select(["participant_id", "training_id"])
      .where("cohort_id", "=", cohortId)
      .where("status", "in", PLACE_STATUSES)
      .where("participant_id", "in", ids)
      .execute(),
    db
      .selectFrom("practice_entries")
      .select(["participant_id", "status", (eb) => eb.fn.sum<number>("minutes").as("minutes")])
      .where("participant_id", "in", ids)
      .groupBy(["participant_id", "status"])
      .execute(),
    db
      .selectFrom("pops as p")
      .select((eb) => [
        "p.participant_id",
        "p.status",
        "p.current_version",
        eb.exists(eb.selectFrom("pop_events as ev").select("ev.id").whereRef("ev.pop_id", "=", "p.id").where("ev.action", "=", "approve")).as("approved"),
      ])
      .where("p.participant_id", "in", ids)
      .execute(),
    db
      .selectFrom("gops as g")
      .select((eb) => [
        "g.status",
        "g.current_version",
        eb.exists(eb.selectFrom("gop_events as ev").select("ev.id").whereRef("ev.gop_id", "=", "g.id").where("ev.action", "=", "approve")).as("approved"),
      ])
      .where("g.cohort_id", "=", cohortId)
      .executeTakeFirst(),
    // The interview that counts: finalised and not superseded by a correction.
    db
      .selectFrom("interviews")
      .select(["participant_id", "outcome", "finalised_at"])
      .where("participant_id", "in", ids)
      .where("status", "=", "afgerond")
      .where("superseded_at", "is", null)
      .orderBy("finalised_at", "desc")
      .execute(),
  ]);

  const facts: (SessionFacts & { training_id: number | null; intervisie_group_id: number | null })[] = sessions.map((s) => ({
    id: s.id,
    type: s.type,
    date: s.date,
    startTime: s.start_time,
    endTime: s.end_time,
    cancelled: s.status === "cancelled",
    training_id: s.training_id,
    intervisie_group_id: s.intervisie_group_id,
  }));
  const weeksTotal = weeksBetween(cohort.start_date, cohort.end_date);
  const weeksElapsed = Math.min(weeksTotal, weeksBetween(cohort.start_date, today));
  const gopState = gop && gop.current_version > 0 ? { status: gop.status, approved: Boolean(gop.approved) } : { status: null, approved: Boolean(gop?.approved) };

  const rows = members.map((m): ParticipantProgress => {
    const myRecords: AttendanceFacts[] = records
      .filter((r) => r.participant_id === m.id)
      .map((r) => ({ sessionId: r.session_id, status: r.status, minutesMissed: r.minutes_missed, active: Boolean(r.active), makeupDone: r.makeup_status === "done" }));
    const recorded = new Set(myRecords.map((r) => r.sessionId));
    const myGroups = new Set(groups.filter((g) => g.participant_id === m.id).map((g) => g.group_id));
    const myTrainings = new Set(places.filter((p) => p.participant_id === m.id).map((p) => p.training_id));
    // Expected of this participant: every lesson, the trainings they hold a place in, their own
    // intervisie group's meetings, and anything they already have a record for.
    const mine = facts.filter((s) => recorded.has(s.id) || expectedOf(s, { trainingIds: myTrainings, groupIds: myGroups }));
    const from = joinedOn(m.enrolled_at);
    const until = m.left_on ?? today;
    const summary = summarizeAttendance(mine, myRecords, { joinedOn: from, today: until < today ? until : today, rules: { countOnlyActive: template.rules.countOnlyActiveAttendance } });
    const upcoming = m.left_on ? [] : mine.filter((s) => !s.cancelled && s.date > today && s.date >= from);
    const entries = practice.filter((p) => p.participant_id === m.id).map((p) => ({ status: p.status as PracticeStatus, minutes: Number(p.minutes ?? 0) }));
    const pop = pops.find((p) => p.participant_id === m.id);
    const eligibility = evaluateEligibility({
      rules: template.rules,
      attendance: summary,
      upcomingLessonsAndTrainings: upcoming.filter((s) => s.type !== "intervisie").length,
      upcomingIntervisie: upcoming.filter((s) => s.type === "intervisie").length,
      practice: entries,
      pop: pop && pop.current_version > 0 ? { status: pop.status, approved: Boolean(pop.approved) } : { status: null, approved: Boolean(pop?.approved) },
      gop: gopState,
      interview: (() => {
        const done = interviews.find((i) => i.participant_id === m.id);
        return done?.outcome ? { outcome: done.outcome } : null;
      })(),
      course: { weeksElapsed, weeksTotal },
    });
    const sumOf = (s: PracticeStatus) => entries.filter((e) => e.status === s).reduce((a, e) => a + e.minutes, 0);
    return {
      participant: { id: m.id, name: m.name, email: m.email },
      enrolledOn: from,
      left: m.left_on && m.left_reason ? { on: m.left_on, reason: m.left_reason, note: m.left_note } : null,
      // Someone who left stops counting in the at-risk lists, but keeps their history.
      eligibility: m.left_on ? { ...eligibility, atRisk: false, requirements: eligibility.requirements.map((r) => ({ ...r, atRisk: false })) } : eligibility,
      facts: {
        practiceConfirmedMinutes: sumOf("bevestigd"),
        practiceOpenMinutes: sumOf("open"),
        attendanceRate: summary.lessonsAndTrainings.rate,
        learningHours: summary.learningHours,
        intervisieAttended: summary.intervisieAttended,
        lessonsAttended: summary.lessonsAndTrainings.attended,
        lessonsHeld: summary.lessonsAndTrainings.held,
        popStatus: pop && pop.current_version > 0 ? pop.status : null,
      },
    };
  });
  return { cohort, rules: template.rules, rows };
}

/** One participant's progress, through the same engine and queries as their cohort's overview. */
export async function participantProgress(db: DB, participantId: number, today: string): Promise<ParticipantProgress | undefined> {
  const enrolment = await db.selectFrom("enrolments").select("cohort_id").where("participant_id", "=", participantId).executeTakeFirst();
  if (!enrolment) return undefined;
  const progress = await cohortProgress(db, enrolment.cohort_id, today, { participantIds: [participantId] });
  return progress?.rows[0];
}

/** Records that a participant left the cohort (uitstroom); their history stays. */
export async function recordOutflow(
  db: DB,
  actor: { id: number; role: string },
  cohortId: number,
  participantId: number,
  input: { leftOn: string; reason: LeftReason; note: string | null },
  now = new Date(),
): Promise<void> {
  const enrolment = await db.selectFrom("enrolments").select(["id", "enrolled_at"]).where("cohort_id", "=", cohortId).where("participant_id", "=", participantId).executeTakeFirst();
  if (!enrolment) throw new UserInputError("outflow.notMember");
  if (input.leftOn < joinedOn(enrolment.enrolled_at)) throw new UserInputError("outflow.beforeStart", "leftOn");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("enrolments").set({ left_on: input.leftOn, left_reason: input.reason, left_note: input.note }).where("id", "=", enrolment.id).execute();
    await audit(trx as unknown as DB, { actor, action: "enrolment.outflow", target: { type: "participant", id: participantId }, details: { cohortId, leftOn: input.leftOn, reason: input.reason }, at: now });
  });
}

/** Undoes an uitstroom recorded by mistake. */
export async function undoOutflow(db: DB, actor: { id: number; role: string }, cohortId: number, participantId: number, now = new Date()): Promise<void> {
  const result = await db
    .updateTable("enrolments")
    .set({ left_on: null, left_reason: null, left_note: null })
    .where("cohort_id", "=", cohortId)
    .where("participant_id", "=", participantId)
    .where("left_on", "is not", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserInputError("outflow.notMember");
  await audit(db, { actor, action: "enrolment.outflow.undo", target: { type: "participant", id: participantId }, details: { cohortId }, at: now });
}
