import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/connect";
import type { Database, LeftReason } from "../../db/schema";
import {
  expectedOf,
  hoursDelivered,
  summarizeAttendance,
  type AttendanceFacts,
  type HoursDelivered,
  type MeetingFacts,
  type ScheduleNow,
} from "../rules/attendance";
import { carriedOver, carryOverFrom, ownPracticeDay, popCarriedFrom, type CarriedOver, type EarlierEnrolment } from "../rules/carry-over";
import { evaluateEligibility, type Eligibility } from "../rules/eligibility";
import { groupBy } from "../rules/group-by";
import type { PracticeStatus } from "../rules/practice";
import { PLACE_STATUSES } from "../rules/trainings";
import { makeupAllowedOf, parseLeerlijnTemplate, type LeerlijnTemplate } from "../rules/leerlijn-template";
import { joinedOn, participantAttendance } from "./attendance.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { currentTime } from "../clock.server";
import { currentEnrolment } from "./enrolment.server";

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
  /**
   * Coming back after a break: the hours from earlier cohorts that count here (the template's
   * carryOver rule), per cohort, to show where they came from. Included in the eligibility, not in
   * `facts` (those are this enrolment's own, so a report summing cohorts counts each hour once).
   */
  carriedOver: CarriedOver[];
  /**
   * The days (yyyy-mm-dd, both ends included; null: open) whose confirmed practice counts here:
   * this enrolment's own days and, coming back after a break, the carried window of each earlier
   * cohort that brought practice. The examiner's practice per kind of work adds up only these.
   */
  practiceDays: { from: string | null; until: string | null }[];
}

export interface CohortProgress {
  cohort: { id: number; name: string; start_date: string; end_date: string; leerlijn_version_id: number };
  rules: { practiceHoursTarget: number; learningHoursTarget: number; minAttendanceRate: number; minIntervisieMeetings: number };
  rows: ParticipantProgress[];
  /** Hours the cohort's meetings delivered so far (the reports). */
  delivered: HoursDelivered;
}

const WEEK = 7 * 24 * 3600 * 1000;
const weeksBetween = (a: string, b: string) => Math.max(0, (new Date(`${b}T12:00:00Z`).getTime() - new Date(`${a}T12:00:00Z`).getTime()) / WEEK);

export async function cohortProgress(db: DB, cohortId: number, today: string, opts: { participantIds?: number[] } = {}): Promise<CohortProgress | undefined> {
  return (await cohortsProgress(db, [cohortId], today, opts)).get(cohortId);
}

/**
 * Progress for several cohorts at once (the reports, the interview candidates): the same fixed
 * number of queries for one cohort or for all of them, whatever their size.
 */
export async function cohortsProgress(
  db: DB,
  cohortIds: number[],
  today: string,
  opts: { participantIds?: number[] } = {},
): Promise<Map<number, CohortProgress>> {
  if (opts.participantIds || cohortIds.length === 0) return computeProgress(db, cohortIds, today, opts);
  // Whole cohorts come from the cache while their version (moved on by database triggers on
  // every table read below, migration 0011) and the day are unchanged.
  const cache = cacheFor(db);
  const versions = new Map(
    (await db.selectFrom("progress_versions").select(["cohort_id", "version"]).where("cohort_id", "in", cohortIds).execute()).map((v) => [
      v.cohort_id,
      v.version,
    ]),
  );
  const out = new Map<number, CohortProgress>();
  const missing: number[] = [];
  for (const id of cohortIds) {
    const hit = cache.get(id);
    if (hit && hit.today === today && hit.version === versions.get(id)) out.set(id, hit.value);
    else missing.push(id);
  }
  // Computed PROGRESS_BATCH cohorts at a time: the rows of every cohort at once (200 cohorts: ±290k
  // attendance rows) raised a process's peak memory on the first request of a day (all 200 in one
  // process: peak RSS 266 → 229 MB in batches; tests/integration/progress-batches.test.ts).
  for (let from = 0; from < missing.length; from += PROGRESS_BATCH) {
    const fresh = await computeProgress(db, missing.slice(from, from + PROGRESS_BATCH), today, {});
    for (const [id, value] of fresh) {
      deepFreeze(value);
      out.set(id, value);
      const version = versions.get(id);
      if (version === undefined) continue;
      cache.delete(id);
      cache.set(id, { today, version, value });
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    }
  }
  return out;
}

/** Cached progress per database handle (a test may open several databases in one process). */
const CACHE_LIMIT = 5000;
/**
 * Cohorts computed together when they are not cached (the query count stays fixed up to this many
 * cohorts; beyond it, one more set of queries per batch, and only when the cache is cold).
 */
const PROGRESS_BATCH = 40;
const caches = new WeakMap<DB, Map<number, { today: string; version: number; value: CohortProgress }>>();
function cacheFor(db: DB) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** Cached values are shared between requests: nobody may change them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

type ProgressRules = LeerlijnTemplate["rules"];
type ProgressCohort = CohortProgress["cohort"];

/** The cohorts asked for, with their leerlijn's rules and make-up rule (each version parsed once). */
interface CohortsWithRules {
  cohorts: ProgressCohort[];
  rulesOf: Map<number, ProgressRules>;
  makeupOf: Map<number, ReturnType<typeof makeupAllowedOf>>;
}

/**
 * Progress of the cohorts (whole, or only `participantIds`), in steps: the cohorts and their rules,
 * the members, every record in a fixed number of queries, then each cohort's rows through the engine.
 */
async function computeProgress(db: DB, cohortIds: number[], today: string, opts: { participantIds?: number[] }): Promise<Map<number, CohortProgress>> {
  if (cohortIds.length === 0) return new Map();
  const found = await loadCohortsWithRules(db, cohortIds);
  if (found.cohorts.length === 0) return new Map();
  const ids = found.cohorts.map((c) => c.id);
  const only = opts.participantIds;
  // Nobody to follow: only the hours the meetings delivered.
  if (only && only.length === 0) return deliveredOnly(db, found, today);
  const { members, history } = await loadMembers(db, ids, only);
  if (members.length === 0) return deliveredOnly(db, found, today);
  const records = indexRecords(members, history, await loadRecords(db, ids, only));
  const out = new Map<number, CohortProgress>();
  for (const cohort of found.cohorts) {
    out.set(cohort.id, cohortRows(cohort, found.rulesOf.get(cohort.leerlijn_version_id)!, found.makeupOf.get(cohort.leerlijn_version_id), records, today));
  }
  return out;
}

async function loadCohortsWithRules(db: DB, cohortIds: number[]): Promise<CohortsWithRules> {
  const rows = await db
    .selectFrom("cohorts as c")
    .innerJoin("leerlijn_versions as v", "v.id", "c.leerlijn_version_id")
    .select(["c.id", "c.name", "c.start_date", "c.end_date", "c.leerlijn_version_id", "v.definition"])
    .where("c.id", "in", cohortIds)
    .execute();
  const rulesOf = new Map<number, ProgressRules>();
  const makeupOf = new Map<number, ReturnType<typeof makeupAllowedOf>>();
  for (const c of rows) {
    if (rulesOf.has(c.leerlijn_version_id)) continue;
    const template = parseLeerlijnTemplate(JSON.parse(c.definition));
    rulesOf.set(c.leerlijn_version_id, template.rules);
    makeupOf.set(c.leerlijn_version_id, makeupAllowedOf(template));
  }
  return { cohorts: rows.map(({ definition: _d, ...cohort }) => cohort), rulesOf, makeupOf };
}

/** Cohorts without anyone to follow: no rows, only the hours their meetings delivered. */
async function deliveredOnly(db: DB, { cohorts, rulesOf }: CohortsWithRules, today: string): Promise<Map<number, CohortProgress>> {
  const ids = cohorts.map((c) => c.id);
  const meetings = await db
    .selectFrom("course_sessions")
    .select(["id", "cohort_id", "type", "date", "start_time", "end_time", "status"])
    .where("cohort_id", "in", ids)
    .execute();
  const meetingsOf = groupBy(meetings, (s) => s.cohort_id);
  const out = new Map<number, CohortProgress>();
  for (const cohort of cohorts) {
    const facts = (meetingsOf.get(cohort.id) ?? []).map(meetingFacts);
    out.set(cohort.id, { cohort, rules: rulesOf.get(cohort.leerlijn_version_id)!, rows: [], delivered: hoursDelivered(facts, today) });
  }
  return out;
}

/** The participants of the cohorts (or only those asked for), by name. */
async function loadMembers(db: DB, ids: number[], only: number[] | undefined) {
  // Every enrolment of these people, in one query: the ones in these cohorts are the members; the
  // others (earlier or later cohorts) tell whether someone came back after a break (issue 29).
  let people = db.selectFrom("enrolments").select("participant_id").where("cohort_id", "in", ids);
  if (only) people = people.where("participant_id", "in", only);
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["e.cohort_id", "c.name as cohort_name", "u.id", "u.name", "u.email", "e.enrolled_at", "e.left_on", "e.left_reason", "e.left_note"])
    .where("e.participant_id", "in", people)
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  const inCohorts = new Set(ids);
  return { members: rows.filter((r) => inCohorts.has(r.cohort_id)), history: rows };
}
type Member = Awaited<ReturnType<typeof loadMembers>>["members"][number];
type History = Awaited<ReturnType<typeof loadMembers>>["history"];

/** Whether the attendance row `a` (meeting `s`) is in a cohort its participant left. */
function leftCohortOf(eb: ExpressionBuilder<Database & { a: Database["attendance"]; s: Database["course_sessions"] }, "a" | "s">) {
  return eb.exists(
    eb
      .selectFrom("enrolments as le")
      .select("le.id")
      .whereRef("le.cohort_id", "=", "s.cohort_id")
      .whereRef("le.participant_id", "=", "a.participant_id")
      .where("le.left_on", "is not", null),
  );
}

/** Every record the engine needs, for all the cohorts at once: a fixed number of queries. */
async function loadRecords(db: DB, ids: number[], only: number[] | undefined) {
  // The people asked for, as a list when it is short (one person's page) and as a subquery otherwise
  // (all cohorts: no parameter list that grows with the installation).
  const enrolled = db.selectFrom("enrolments").select("participant_id").where("cohort_id", "in", ids);
  const people = only ?? enrolled;

  const [meetings, records, groups, places, practice, pops, gops, interviews] = await Promise.all([
    db
      .selectFrom("course_sessions")
      .select(["id", "cohort_id", "type", "date", "start_time", "end_time", "status", "training_id", "intervisie_group_id"])
      .where("cohort_id", "in", ids)
      .execute(),
    // Attendance in these cohorts, and (coming back after a break) in cohorts these people left:
    // one query, told apart by `in_left_cohort`.
    db
      .selectFrom("attendance as a")
      .innerJoin("course_sessions as s", "s.id", "a.session_id")
      .select(["s.cohort_id", "a.session_id", "a.participant_id", "a.status", "a.minutes_missed", "a.active", "a.makeup_status"])
      .select(["s.type", "s.date", "s.start_time", "s.end_time", "s.status as meeting_status"])
      .select((eb) => leftCohortOf(eb).as("in_left_cohort"))
      .where((eb) => eb.or([eb("s.cohort_id", "in", ids), eb.and([eb("a.participant_id", "in", people), leftCohortOf(eb)])]))
      .$if(Boolean(only), (q) => q.where("a.participant_id", "in", only!))
      .execute(),
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
      .select(["g.cohort_id", "m.group_id", "m.participant_id"])
      .where("g.cohort_id", "in", ids)
      .$if(Boolean(only), (q) => q.where("m.participant_id", "in", only!))
      .execute(),
    db
      .selectFrom("training_choices")
      .select(["cohort_id", "participant_id", "training_id"])
      .where("cohort_id", "in", ids)
      .where("status", "in", PLACE_STATUSES)
      .$if(Boolean(only), (q) => q.where("participant_id", "in", only!))
      .execute(),
    db
      .selectFrom("practice_entries")
      .select(["participant_id", "status", "date", (eb) => eb.fn.sum<number>("minutes").as("minutes")])
      .where("participant_id", "in", people)
      .groupBy(["participant_id", "status", "date"])
      .execute(),
    db
      .selectFrom("pops as p")
      .select((eb) => [
        "p.participant_id",
        "p.status",
        "p.current_version",
        eb.exists(eb.selectFrom("pop_events as ev").select("ev.id").whereRef("ev.pop_id", "=", "p.id").where("ev.action", "=", "approve")).as("approved"),
        // the last approval's moment: for someone who came back, an approval from before the break
        // counts only as the template's carryOver rule says
        eb
          .selectFrom("pop_events as ev")
          .select((s) => s.fn.max("ev.at").as("last"))
          .whereRef("ev.pop_id", "=", "p.id")
          .where("ev.action", "=", "approve")
          .as("approved_at"),
      ])
      .where("p.participant_id", "in", people)
      .execute(),
    db
      .selectFrom("gops as g")
      .select((eb) => [
        "g.cohort_id",
        "g.status",
        "g.current_version",
        eb.exists(eb.selectFrom("gop_events as ev").select("ev.id").whereRef("ev.gop_id", "=", "g.id").where("ev.action", "=", "approve")).as("approved"),
      ])
      .where("g.cohort_id", "in", ids)
      .execute(),
    // The interview that counts: finalised and not superseded by a correction.
    db
      .selectFrom("interviews")
      .select(["participant_id", "outcome", "finalised_at"])
      .where("participant_id", "in", people)
      .where("status", "=", "afgerond")
      .where("superseded_at", "is", null)
      .orderBy("finalised_at", "desc")
      .execute(),
  ]);
  return {
    meetings,
    records: records.filter((r) => ids.includes(r.cohort_id)),
    pastRecords: records.filter((r) => Boolean(r.in_left_cohort)),
    groups,
    places,
    practice,
    pops,
    gops,
    interviews,
  };
}
type LoadedRecords = Awaited<ReturnType<typeof loadRecords>>;

/** The loaded records looked up per cohort, per participant, or per cohort and participant (`key`). */
function indexRecords(
  members: Member[],
  history: History,
  { meetings, records, groups, places, practice, pops, gops, interviews, pastRecords }: LoadedRecords,
) {
  const interviewOf = new Map<number, LoadedRecords["interviews"][number]>();
  for (const i of interviews) if (!interviewOf.has(i.participant_id)) interviewOf.set(i.participant_id, i);
  return {
    recordsOf: groupBy(records, (r) => key(r.cohort_id, r.participant_id)),
    groupsOf: groupBy(groups, (g) => key(g.cohort_id, g.participant_id)),
    placesOf: groupBy(places, (p) => key(p.cohort_id, p.participant_id)),
    practiceOf: groupBy(practice, (p) => p.participant_id),
    meetingsOf: groupBy(meetings, (s) => s.cohort_id),
    membersOf: groupBy(members, (m) => m.cohort_id),
    popOf: new Map(pops.map((p) => [p.participant_id, p])),
    gopOf: new Map(gops.map((g) => [g.cohort_id, g])),
    // The newest finalised interview (they come newest first).
    interviewOf,
    historyOf: groupBy(history, (h) => h.id),
    pastRecordsOf: groupBy(pastRecords, (r) => key(r.cohort_id, r.participant_id)),
  };
}
type RecordIndex = ReturnType<typeof indexRecords>;

const key = (cohortId: number, participantId: number) => `${cohortId}:${participantId}`;

type EligibilityInput = Parameters<typeof evaluateEligibility>[0];
type CohortMeetingFacts = MeetingFacts & { training_id: number | null; intervisie_group_id: number | null };

/** One cohort's progress: its meetings as the rules see them, each member's row, the hours delivered. */
function cohortRows(
  cohort: ProgressCohort,
  rules: ProgressRules,
  makeupAllowed: ReturnType<typeof makeupAllowedOf> | undefined,
  index: RecordIndex,
  today: string,
): CohortProgress {
  const facts: CohortMeetingFacts[] = (index.meetingsOf.get(cohort.id) ?? []).map((s) => ({
    ...meetingFacts(s),
    training_id: s.training_id,
    intervisie_group_id: s.intervisie_group_id,
  }));
  const weeksTotal = weeksBetween(cohort.start_date, cohort.end_date);
  const weeksElapsed = Math.min(weeksTotal, weeksBetween(cohort.start_date, today));
  const gop = index.gopOf.get(cohort.id);
  const gopState: EligibilityInput["gop"] =
    gop && gop.current_version > 0 ? { status: gop.status, approved: Boolean(gop.approved) } : { status: null, approved: Boolean(gop?.approved) };
  const context = { cohort, rules, makeupAllowed, facts, course: { weeksElapsed, weeksTotal }, gopState, index, today };
  const rows = (index.membersOf.get(cohort.id) ?? []).map((m) => participantRow(m, context));
  return { cohort, rules, rows, delivered: hoursDelivered(facts, today) };
}

/** One member's row: their attendance summarised, their practice, POP and interview, judged by the engine. */
function participantRow(
  m: Member,
  ctx: {
    cohort: ProgressCohort;
    rules: ProgressRules;
    makeupAllowed: ReturnType<typeof makeupAllowedOf> | undefined;
    facts: CohortMeetingFacts[];
    course: EligibilityInput["course"];
    gopState: EligibilityInput["gop"];
    index: RecordIndex;
    today: string;
  },
): ParticipantProgress {
  const { cohort, rules, facts, index, today } = ctx;
  const k = key(cohort.id, m.id);
  const myRecords: AttendanceFacts[] = (index.recordsOf.get(k) ?? []).map((r) => ({
    meetingId: r.session_id,
    status: r.status,
    minutesMissed: r.minutes_missed,
    active: Boolean(r.active),
    makeupDone: r.makeup_status === "done",
  }));
  const recorded = new Set(myRecords.map((r) => r.meetingId));
  const myGroups = new Set((index.groupsOf.get(k) ?? []).map((g) => g.group_id));
  const myTrainings = new Set((index.placesOf.get(k) ?? []).map((p) => p.training_id));
  // Expected of this participant: every lesson, the trainings they hold a place in, their own
  // intervisie group's meetings, and anything they already have a record for.
  const mine = facts.filter((s) => recorded.has(s.id) || expectedOf(s, { trainingIds: myTrainings, groupIds: myGroups, leftOn: m.left_on }));
  const from = joinedOn(m.enrolled_at);
  const until = m.left_on ?? today;
  const summary = summarizeAttendance(mine, myRecords, {
    joinedOn: from,
    today: until < today ? until : today,
    rules: { countOnlyActive: rules.countOnlyActiveAttendance, makeupAllowed: ctx.makeupAllowed, noticeExcuses: rules.absenceWithNoticeExcused },
  });
  const upcoming = m.left_on ? [] : mine.filter((s) => !s.cancelled && s.date > today && s.date >= from);
  // Coming back after a break: the person's other enrolments, before and after this one.
  const others = (index.historyOf.get(m.id) ?? []).filter((h) => h.cohort_id !== cohort.id);
  const earlier: EarlierEnrolment[] = others
    .filter((h) => h.left_on !== null && h.enrolled_at < m.enrolled_at)
    .map((h) => ({ cohortId: h.cohort_id, cohortName: h.cohort_name, joined: joinedOn(h.enrolled_at), leftOn: h.left_on! }));
  const span = { joined: from, leftOn: m.left_on, hasEarlier: earlier.length > 0, hasLater: others.some((h) => h.enrolled_at > m.enrolled_at) };
  const allPractice = (index.practiceOf.get(m.id) ?? []).map((p) => ({ status: p.status as PracticeStatus, minutes: Number(p.minutes ?? 0), day: p.date }));
  // Each practice day belongs to one enrolment (someone with one enrolment keeps every entry).
  const entries = allPractice.filter((p) => ownPracticeDay(p.day, span)).map(({ status, minutes }) => ({ status, minutes }));
  const pop = index.popOf.get(m.id);
  const approvedOn = pop?.approved && pop.approved_at != null ? joinedOn(String(pop.approved_at)) : null;
  // Coming back after a break: a POP approved before this enrolment began counts only if the rule
  // carries an approved POP over and the approval is within the months; the cohort it came from is named.
  const popFrom = popCarriedFrom(rules.carryOver, from, earlier, approvedOn);
  const attendanceRules = { countOnlyActive: rules.countOnlyActiveAttendance, makeupAllowed: ctx.makeupAllowed, noticeExcuses: rules.absenceWithNoticeExcused };
  const carried = m.left_on
    ? []
    : carriedOver(
        rules.carryOver,
        from,
        earlier,
        (e) =>
          allPractice
            .filter(
              (p) =>
                p.status === "bevestigd" &&
                p.day <= e.leftOn &&
                ownPracticeDay(p.day, { joined: e.joined, leftOn: e.leftOn, hasEarlier: false, hasLater: true }),
            )
            .map((p) => ({ day: p.day, minutes: p.minutes })),
        (e, since) => {
          const past = (index.pastRecordsOf.get(key(e.cohortId, m.id)) ?? []).filter((r) => r.date >= since && r.date <= e.leftOn);
          if (past.length === 0) return 0;
          const meetings = past.map((r) => meetingFacts({ ...r, id: r.session_id, status: r.meeting_status }));
          const recs: AttendanceFacts[] = past.map((r) => ({
            meetingId: r.session_id,
            status: r.status,
            minutesMissed: r.minutes_missed,
            active: Boolean(r.active),
            makeupDone: r.makeup_status === "done",
          }));
          return summarizeAttendance(meetings, recs, { joinedOn: e.joined, today: e.leftOn, rules: attendanceRules }).learningHours;
        },
        popFrom,
      );
  const carriedHours = carried.reduce((a, c) => a + c.learningHours, 0);
  const carriedPractice = carried
    .filter((c) => c.practiceConfirmedMinutes > 0)
    .map((c) => ({ status: "bevestigd" as PracticeStatus, minutes: c.practiceConfirmedMinutes }));
  const popApproved = approvedOn !== null && (!span.hasEarlier || approvedOn >= from || popFrom !== null);
  const eligibility = evaluateEligibility({
    rules,
    attendance: carriedHours > 0 ? { ...summary, learningHours: Math.round((summary.learningHours + carriedHours) * 100) / 100 } : summary,
    upcomingLessonsAndTrainings: upcoming.filter((s) => s.type !== "intervisie").length,
    upcomingIntervisie: upcoming.filter((s) => s.type === "intervisie").length,
    practice: [...entries, ...carriedPractice],
    pop: pop && pop.current_version > 0 ? { status: pop.status, approved: popApproved } : { status: null, approved: popApproved },
    gop: ctx.gopState,
    interview: (() => {
      const done = index.interviewOf.get(m.id);
      return done?.outcome ? { outcome: done.outcome } : null;
    })(),
    course: ctx.course,
    left: m.left_on ? { on: m.left_on } : null,
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
    carriedOver: carried,
    practiceDays: [
      { from: span.hasEarlier ? from : null, until: span.hasLater && m.left_on ? m.left_on : null },
      ...carried
        .filter((c) => c.practiceConfirmedMinutes > 0)
        .map((c) => ({ from: carryOverFrom(from, rules.carryOver.months), until: earlier.find((e) => e.cohortId === c.cohortId)!.leftOn })),
    ],
  };
}

/** A meeting row as the attendance rules see it. */
function meetingFacts(s: { id: number; type: MeetingFacts["type"]; date: string; start_time: string; end_time: string; status: string }): MeetingFacts {
  return { id: s.id, type: s.type, date: s.date, startTime: s.start_time, endTime: s.end_time, cancelled: s.status === "cancelled" };
}

/** One participant's progress, through the same engine and queries as their cohort's overview. */
export async function participantProgress(db: DB, participantId: number, today: string): Promise<ParticipantProgress | undefined> {
  return (await participantProgressWithRules(db, participantId, today))?.row;
}

/**
 * A participant's progress with the rules it was judged by: what the home page and the rooster
 * show, so both give the same attendance figures from the one engine (issue 27).
 */
export async function participantProgressWithRules(
  db: DB,
  participantId: number,
  today: string,
): Promise<{ row: ParticipantProgress; rules: CohortProgress["rules"] } | undefined> {
  // The current enrolment decides: someone who left a cohort and re-entered a later one is judged
  // in the later one.
  const enrolment = await currentEnrolment(db, participantId);
  if (!enrolment) return undefined;
  // The row from the cohort's cached progress: a participant's home page is opened far more often
  // than anything in the cohort changes.
  const progress = await cohortProgress(db, enrolment.cohort_id, today);
  const row = progress?.rows.find((r) => r.participant.id === participantId);
  return progress && row ? { row, rules: progress.rules } : undefined;
}

/**
 * The participant's rooster: their meetings and attendance lines, and the attendance figures of
 * the one engine (the "aanwezigheid" requirement), the same the home page shows. Counting the
 * rooster's own way (attended of held so far) said "10 van 11" where the home page said "10 van
 * 17" (attended of needed, planned meetings included) for the same person.
 */
export async function participantSchedulePage(db: DB, participant: { id: number }, now: ScheduleNow) {
  const [schedule, progress] = await Promise.all([participantAttendance(db, participant, now), participantProgress(db, participant.id, now.today)]);
  return { schedule, attendance: progress?.eligibility.requirements.find((r) => r.code === "aanwezigheid") ?? null };
}

/** Records that a participant left the cohort (uitstroom); their history stays. */
export async function recordOutflow(
  db: DB,
  actor: { id: number; role: string },
  cohortId: number,
  participantId: number,
  input: { leftOn: string; reason: LeftReason; note: string | null },
  now = currentTime(),
): Promise<void> {
  const enrolment = await db
    .selectFrom("enrolments")
    .select(["id", "enrolled_at"])
    .where("cohort_id", "=", cohortId)
    .where("participant_id", "=", participantId)
    .executeTakeFirst();
  if (!enrolment) throw new UserInputError("outflow.notMember");
  if (input.leftOn < joinedOn(enrolment.enrolled_at)) throw new UserInputError("outflow.beforeStart", "leftOn");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("enrolments")
      .set({ left_on: input.leftOn, left_reason: input.reason, left_note: input.note })
      .where("id", "=", enrolment.id)
      .execute();
    await audit(trx, {
      actor,
      action: "enrolment.outflow",
      target: { type: "participant", id: participantId },
      details: { cohortId, leftOn: input.leftOn, reason: input.reason },
      at: now,
    });
  });
}

/** Undoes an uitstroom recorded by mistake. */
export async function undoOutflow(db: DB, actor: { id: number; role: string }, cohortId: number, participantId: number, now = currentTime()): Promise<void> {
  const result = await db
    .updateTable("enrolments")
    .set({ left_on: null, left_reason: null, left_note: null })
    .where("cohort_id", "=", cohortId)
    .where("participant_id", "=", participantId)
    .where("left_on", "is not", null)
    // not while the person is in another cohort now (they came back elsewhere): never two open enrolments
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("enrolments as o").select("o.id").where("o.participant_id", "=", participantId).where("o.left_on", "is", null))),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserInputError("outflow.notMember");
  await audit(db, { actor, action: "enrolment.outflow.undo", target: { type: "participant", id: participantId }, details: { cohortId }, at: now });
}
