import type { DB } from "../../db/connect";
import type { AttendanceModeCode, AttendanceRow, AttendanceStatusCode, MeetingModeCode, User } from "../../db/schema";
import {
  checkMinutesMissed,
  expectedOf,
  isPastForParticipant,
  summarizeAttendance,
  type AttendanceFacts,
  type AttendanceSummary,
  type ScheduleNow,
  type MeetingFacts,
} from "../rules/attendance";
import { groupBy } from "../rules/group-by";
import { csvDate, dutchNumber, toDutchCsv } from "../rules/csv";
import { translate } from "../i18n/translate";
import { hasStarted } from "../rules/absence";
import { PLACE_STATUSES } from "../rules/trainings";
import { audit } from "./audit.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";
import type { MeetingRow } from "./schedule.server";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { amsterdamTime } from "../rules/amsterdam";
import { makeupAllowedOf } from "../rules/leerlijn-template";
import { parseProgrammeJson, type ProgrammeBlock } from "../rules/programme";
import { lessonPlanMaterial, type LessonPlanMaterial } from "../rules/lesson-plans";
import { currentEnrolment } from "./enrolment.server";

export interface AttendanceInputRow {
  participantId: number;
  status: AttendanceStatusCode;
  minutesMissed: number;
  active: boolean;
  note: string | null;
  /** for a hybrid meeting: in person or online (absent: in person); ignored for other meetings */
  mode?: AttendanceModeCode | null;
}

export interface SheetRow {
  participant: { id: number; name: string };
  record: AttendanceRow | null;
  /** reported absent ahead by the participant (afmelden); the reason only for the cohort's trainers */
  absence: { reason: string | null; reportedAt: string } | null;
  /** checked in with a code on the trainer's screen (issue 29 point 4): pending the trainer's save; `time` is hh:mm in Amsterdam */
  checkIn: { at: string; time: string } | null;
  /** what the list opens with for this row: the stored status, else "aanwezig" after a check-in, else "afgemeld" after a report ahead, else "aanwezig" */
  suggested: AttendanceStatusCode;
}

export interface AttendanceSheet {
  revision: number;
  rows: SheetRow[];
  lastSaved: { by: string; at: string } | null;
}

/** The date part of an enrolment timestamp: meetings before it are not expected of that person. */
export function joinedOn(enrolledAt: string): string {
  return enrolledAt.slice(0, 10);
}

type ExpectedMeeting = Pick<MeetingRow, "cohort_id" | "type" | "date" | "intervisie_group_id" | "training_id">;

/**
 * Who is expected at a meeting: for a lesson, every participant of the cohort; for a training,
 * those who hold a place in it (chosen or confirmed; the waiting list does not); for intervisie,
 * the members of its group. In every case only from the day they joined the cohort, and someone
 * who left (uitstroom) up to and including the day they left. The rule is the progress engine's
 * (`expectedOf` and the joining date in rules/attendance.ts), so the attendance list, the
 * assignments and the progress always agree. Ordered by name.
 */
export async function expectedParticipants(db: DB, meeting: ExpectedMeeting): Promise<{ id: number; name: string }[]> {
  return (await expectedParticipantsOf(db, [meeting]))[0];
}

/**
 * `expectedParticipants` for many meetings at once, in at most three queries whatever their
 * number; `onlyParticipant` narrows it to one person (their own assignments). One list per
 * meeting, in the same order.
 */
export async function expectedParticipantsOf(
  db: DB,
  meetings: readonly ExpectedMeeting[],
  onlyParticipant?: number,
): Promise<{ id: number; name: string }[][]> {
  if (meetings.length === 0) return [];
  const cohortIds = [...new Set(meetings.map((s) => s.cohort_id))];
  const groupIds = [...new Set(meetings.flatMap((s) => (s.type === "intervisie" && s.intervisie_group_id !== null ? [s.intervisie_group_id] : [])))];
  const [members, places, groupMembers] = await Promise.all([
    db
      .selectFrom("enrolments as e")
      .innerJoin("users as u", "u.id", "e.participant_id")
      .select(["u.id", "u.name", "e.cohort_id", "e.enrolled_at", "e.left_on"])
      .where("e.cohort_id", "in", cohortIds)
      .$if(onlyParticipant !== undefined, (q) => q.where("e.participant_id", "=", onlyParticipant!))
      .orderBy("u.name")
      .orderBy("u.id")
      .execute(),
    meetings.some((s) => s.type === "training")
      ? db
          .selectFrom("training_choices")
          .select(["participant_id", "cohort_id", "training_id"])
          .where("cohort_id", "in", cohortIds)
          .where("status", "in", PLACE_STATUSES)
          .$if(onlyParticipant !== undefined, (q) => q.where("participant_id", "=", onlyParticipant!))
          .execute()
      : [],
    groupIds.length > 0
      ? db
          .selectFrom("intervisie_group_members as m")
          .innerJoin("users as u", "u.id", "m.participant_id")
          // a city-wide group for alumni (decision 025): its members are expected without an enrolment
          .leftJoin("alumni_intervisie_groups as ag", "ag.group_id", "m.group_id")
          .leftJoin("alumni_intervisie_requests as r", (j) =>
            j.onRef("r.group_id", "=", "m.group_id").onRef("r.participant_id", "=", "m.participant_id").on("r.status", "=", "accepted"),
          )
          .select(["m.group_id", "m.participant_id", "u.name", "ag.cohort_id as alumni_cohort_id", "r.decided_at as accepted_at"])
          .where("m.group_id", "in", groupIds)
          .$if(onlyParticipant !== undefined, (q) => q.where("m.participant_id", "=", onlyParticipant!))
          .orderBy("u.name")
          .orderBy("u.id")
          .execute()
      : [],
  ]);
  const placesOf = groupBy(places, (p) => `${p.cohort_id}:${p.participant_id}`);
  const groupsOf = groupBy(groupMembers, (g) => g.participant_id);
  const people = members.map((m) => ({
    person: { id: m.id, name: m.name },
    cohortId: m.cohort_id,
    from: joinedOn(m.enrolled_at),
    member: {
      trainingIds: new Set((placesOf.get(`${m.cohort_id}:${m.id}`) ?? []).map((p) => p.training_id)),
      groupIds: new Set((groupsOf.get(m.id) ?? []).map((g) => g.group_id)),
      leftOn: m.left_on,
    },
  }));
  return meetings.map((s) => {
    const alumni =
      s.type === "intervisie" && s.intervisie_group_id !== null
        ? groupMembers.filter((g) => g.group_id === s.intervisie_group_id && g.alumni_cohort_id === s.cohort_id)
        : [];
    if (alumni.length > 0) {
      return alumni.filter((g) => !g.accepted_at || joinedOn(g.accepted_at) <= s.date).map((g) => ({ id: g.participant_id, name: g.name }));
    }
    return people.filter((p) => p.cohortId === s.cohort_id && p.from <= s.date && expectedOf(s, p.member)).map((p) => p.person);
  });
}

/**
 * The attendance list of a meeting. Someone who reported absence ahead and has no record yet
 * opens as "afgemeld" (`suggested`); only the trainer's save records it. `withReasons`: the
 * reasons of those reports, for the cohort's trainers only (`seesAbsenceReasons`).
 */
export async function attendanceSheet(db: DB, meeting: MeetingRow, opts: { withReasons?: boolean } = {}): Promise<AttendanceSheet> {
  const people = await expectedParticipants(db, meeting);
  const records = await db.selectFrom("attendance").selectAll().where("session_id", "=", meeting.id).execute();
  const reports = new Map(
    (await db.selectFrom("absence_reports").select(["participant_id", "reason", "reported_at"]).where("session_id", "=", meeting.id).execute()).map((r) => [
      r.participant_id,
      { reason: opts.withReasons ? r.reason : null, reportedAt: r.reported_at },
    ]),
  );
  // Checked in with a code: shown with its time, and "aanwezig" until the trainer saves (also over a report ahead: they came).
  const checkIns = new Map(
    (await db.selectFrom("check_ins").select(["participant_id", "checked_in_at"]).where("session_id", "=", meeting.id).execute()).map((c) => [
      c.participant_id,
      { at: c.checked_in_at, time: amsterdamTime(new Date(c.checked_in_at)) },
    ]),
  );
  const byPerson = new Map(records.map((r) => [r.participant_id, r]));
  // People with a record but no longer expected (e.g. moved group) still show, so nothing is hidden.
  const extra = records.filter((r) => !people.some((p) => p.id === r.participant_id));
  const extraPeople = extra.length
    ? await db
        .selectFrom("users")
        .select(["id", "name"])
        .where(
          "id",
          "in",
          extra.map((r) => r.participant_id),
        )
        .execute()
    : [];
  const latest = records.reduce<AttendanceRow | null>((a, r) => (!a || r.recorded_at > a.recorded_at ? r : a), null);
  const by = latest?.recorded_by ? await db.selectFrom("users").select("name").where("id", "=", latest.recorded_by).executeTakeFirst() : undefined;
  return {
    revision: meeting.attendance_revision,
    rows: [...people, ...extraPeople].map((p) => {
      const record = byPerson.get(p.id) ?? null;
      const absence = reports.get(p.id) ?? null;
      const checkIn = checkIns.get(p.id) ?? null;
      return { participant: p, record, absence, checkIn, suggested: record?.status ?? (checkIn ? "aanwezig" : absence ? "afgemeld" : "aanwezig") };
    }),
    lastSaved: latest ? { by: by?.name ?? "", at: latest.recorded_at } : null,
  };
}

/**
 * What a row is stored as: minutes only when late, the active mark only when present, and for a
 * hybrid meeting how someone present took part (in person unless online is chosen).
 */
function storedValues(r: AttendanceInputRow, meetingMode: MeetingModeCode) {
  const present = r.status === "aanwezig" || r.status === "te_laat";
  return {
    status: r.status,
    minutes_missed: r.status === "te_laat" ? r.minutesMissed : 0,
    active: present && r.active ? 1 : 0,
    note: r.note?.trim() || null,
    mode: meetingMode === "hybrid" && present ? (r.mode ?? "in_person") : null,
  };
}

function sameAsStored(input: AttendanceInputRow, stored: AttendanceRow | undefined, meetingMode: MeetingModeCode): boolean {
  if (!stored) return false;
  const v = storedValues(input, meetingMode);
  return (
    stored.status === v.status &&
    stored.minutes_missed === v.minutes_missed &&
    stored.active === v.active &&
    (stored.note ?? null) === v.note &&
    (stored.mode ?? null) === v.mode
  );
}

/** How a person present took part: the meeting's own way, or for a hybrid meeting their record's (null when not present). */
export function participationOf(meetingMode: MeetingModeCode, record: Pick<AttendanceRow, "status" | "mode"> | null | undefined): AttendanceModeCode | null {
  if (!record || (record.status !== "aanwezig" && record.status !== "te_laat")) return null;
  if (meetingMode === "hybrid") return record.mode ?? "in_person";
  return meetingMode;
}

export type SaveResult =
  { status: "saved"; revision: number } | { status: "unchanged"; revision: number } | { status: "conflict"; revision: number; sheet: AttendanceSheet };

/**
 * Saves the whole list at once, in one transaction. The form carries the revision it was
 * loaded with: if someone saved in between and this save would change their values, nothing
 * is written and the caller gets their values to show (a conflict, never a silent overwrite).
 * Sending the same values twice is harmless.
 */
export async function saveAttendance(
  db: DB,
  meeting: MeetingRow,
  input: { revision: number; rows: AttendanceInputRow[] },
  actor: Actor,
  now = currentTime(),
): Promise<SaveResult> {
  if (meeting.status === "cancelled") throw new UserInputError("attendance.cancelled");
  for (const row of input.rows) {
    if (row.status === "te_laat" && checkMinutesMissed({ startTime: meeting.start_time, endTime: meeting.end_time }, row.minutesMissed)) {
      throw new UserInputError("attendance.minutesTooMany");
    }
  }
  const expected = new Set((await expectedParticipants(db, meeting)).map((p) => p.id));
  const result = await db.transaction().execute(async (trx): Promise<SaveResult | null> => {
    const current = await trx.selectFrom("course_sessions").select("attendance_revision").where("id", "=", meeting.id).executeTakeFirstOrThrow();
    const stored = new Map((await trx.selectFrom("attendance").selectAll().where("session_id", "=", meeting.id).execute()).map((r) => [r.participant_id, r]));
    // Someone with a record stays on the list (e.g. moved group); anyone else must be expected.
    if (input.rows.some((r) => !expected.has(r.participantId) && !stored.has(r.participantId))) {
      throw new UserInputError("attendance.notExpected");
    }
    const changed = input.rows.filter((r) => !sameAsStored(r, stored.get(r.participantId), meeting.mode));
    if (changed.length === 0) return { status: "unchanged", revision: current.attendance_revision };
    if (current.attendance_revision !== input.revision) return null;
    for (const r of changed) {
      const values = { ...storedValues(r, meeting.mode), recorded_by: actor.id, recorded_at: now.toISOString() };
      const prior = stored.get(r.participantId);
      const present = r.status === "aanwezig" || r.status === "te_laat";
      await trx
        .insertInto("attendance")
        .values({ ...values, session_id: meeting.id, participant_id: r.participantId })
        .onConflict((oc) =>
          oc.columns(["session_id", "participant_id"]).doUpdateSet({
            ...values,
            // A make-up assignment only belongs to a missed meeting.
            ...(present && prior?.makeup_status ? { makeup_status: null, makeup_description: null } : {}),
          }),
        )
        .execute();
    }
    const revision = current.attendance_revision + 1;
    await trx.updateTable("course_sessions").set({ attendance_revision: revision }).where("id", "=", meeting.id).execute();
    await audit(trx, {
      actor,
      action: "attendance.save",
      target: { type: "session", id: meeting.id },
      details: { changed: changed.length },
      at: now,
    });
    return { status: "saved", revision };
  });
  if (result) return result;
  const fresh = await db.selectFrom("course_sessions").select("attendance_revision").where("id", "=", meeting.id).executeTakeFirstOrThrow();
  return {
    status: "conflict",
    revision: fresh.attendance_revision,
    sheet: await attendanceSheet(db, { ...meeting, attendance_revision: fresh.attendance_revision }),
  };
}

/** A trainer grants a vervangende opdracht for a missed meeting. */
export async function grantMakeup(db: DB, meetingId: number, participantId: number, description: string, actor: Actor, now = currentTime()): Promise<void> {
  // Only where the leerlijn template lets a make-up replace attendance (not for intervisie by default).
  const meeting = await db.selectFrom("course_sessions").select(["cohort_id", "type"]).where("id", "=", meetingId).executeTakeFirst();
  const template = meeting ? await cohortTemplate(db, meeting.cohort_id) : undefined;
  if (!meeting || !template) throw new UserInputError("makeup.onlyMissed");
  if (!makeupAllowedOf(template)[meeting.type]) throw new UserInputError("makeup.notForType");
  const res = await db
    .updateTable("attendance")
    .set({
      makeup_status: "granted",
      makeup_description: description.trim(),
      makeup_granted_by: actor.id,
      makeup_granted_at: now.toISOString(),
      makeup_done_by: null,
      makeup_done_at: null,
    })
    .where("session_id", "=", meetingId)
    .where("participant_id", "=", participantId)
    .where("status", "in", ["afgemeld", "afwezig"])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new UserInputError("makeup.onlyMissed");
  await audit(db, { actor, action: "makeup.grant", target: { type: "session", id: meetingId }, details: { participantId }, at: now });
}

/** Marks a granted make-up assignment as done: from then on it counts as attended. */
export async function completeMakeup(db: DB, meetingId: number, participantId: number, actor: Actor, now = currentTime()): Promise<void> {
  const res = await db
    .updateTable("attendance")
    .set({ makeup_status: "done", makeup_done_by: actor.id, makeup_done_at: now.toISOString() })
    .where("session_id", "=", meetingId)
    .where("participant_id", "=", participantId)
    .where("makeup_status", "=", "granted")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new UserInputError("makeup.notGranted");
  await audit(db, { actor, action: "makeup.done", target: { type: "session", id: meetingId }, details: { participantId }, at: now });
}

export function toFacts(meeting: Pick<MeetingRow, "id" | "type" | "date" | "start_time" | "end_time" | "status">): MeetingFacts {
  return {
    id: meeting.id,
    type: meeting.type,
    date: meeting.date,
    startTime: meeting.start_time,
    endTime: meeting.end_time,
    cancelled: meeting.status === "cancelled",
  };
}

export function recordFacts(r: AttendanceRow): AttendanceFacts {
  return {
    meetingId: r.session_id,
    status: r.status,
    minutesMissed: r.minutes_missed,
    active: Boolean(r.active),
    makeupDone: r.makeup_status === "done",
  };
}

export interface ParticipantAttendance {
  summary: AttendanceSummary;
  meetings: (Pick<MeetingRow, "id" | "type" | "title" | "date" | "start_time" | "end_time" | "status" | "location" | "online_url" | "assignment" | "mode"> & {
    group_name: string | null;
    /** the participant's own report of absence ahead (afmelden), with their own reason */
    absence: { reason: string | null; reportedAt: string } | null;
    /** not started, not cancelled, no attendance recorded: they can still report or withdraw absence */
    absenceOpen: boolean;
    /** in person or online, when they were there (for a hybrid meeting from their record) */
    participation: AttendanceModeCode | null;
    /** the meeting's timed blocks, for the participant to see what a meeting holds */
    programme: ProgrammeBlock[];
    /** the lesson plan it was planned from: its exercises and reading (issue 29 point 7) */
    lessonPlan: LessonPlanMaterial | null;
    record: Pick<AttendanceRow, "status" | "minutes_missed" | "active" | "makeup_status" | "makeup_description"> | null;
    /** Behind the participant (`isPastForParticipant`): the rooster lists it with the past meetings. */
    past: boolean;
  })[];
  rules: { minAttendanceRate: number; learningHoursTarget: number; minIntervisieMeetings: number; absenceWithNoticeExcused: boolean };
}

/**
 * A participant's own schedule and attendance: the meetings expected of them (their cohort's
 * lessons and trainings, their own intervisie group's meetings) and only their own records.
 * `now` is a day, or a day and time (then a meeting of today is past once its end time has
 * passed; with a day alone, once its attendance is recorded).
 */
export async function participantAttendance(db: DB, participant: Pick<User, "id">, now: string | ScheduleNow): Promise<ParticipantAttendance | null> {
  const moment: ScheduleNow = typeof now === "string" ? { today: now, time: "00:00" } : now;
  const today = moment.today;
  const enrolment = await currentEnrolment(db, participant.id);
  const template = enrolment ? await cohortTemplate(db, enrolment.cohort_id) : undefined;
  if (!enrolment || !template) return null;
  const groupIds = (
    await db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
      .select("g.id")
      .where("m.participant_id", "=", participant.id)
      .where("g.cohort_id", "=", enrolment.cohort_id)
      .execute()
  ).map((g) => g.id);
  const trainingIds = (
    await db
      .selectFrom("training_choices")
      .select("training_id")
      .where("participant_id", "=", participant.id)
      .where("cohort_id", "=", enrolment.cohort_id)
      .where("status", "in", PLACE_STATUSES)
      .execute()
  ).map((c) => c.training_id);
  const meetings = await db
    .selectFrom("course_sessions as s")
    .leftJoin("intervisie_groups as g", "g.id", "s.intervisie_group_id")
    .leftJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", participant.id))
    .select([
      "s.id",
      "s.type",
      "s.title",
      "s.date",
      "s.start_time",
      "s.end_time",
      "s.status",
      "s.location",
      "s.online_url",
      "s.assignment",
      "s.programme",
      "s.mode",
      "s.lesson_plan_code",
      "s.lesson_plan_dagdeel",
      "g.name as group_name",
      "a.mode as a_mode",
      "a.session_id as a_session_id",
      "a.status as a_status",
      "a.minutes_missed",
      "a.active",
      "a.makeup_status",
      "a.makeup_description",
    ])
    .where("s.cohort_id", "=", enrolment.cohort_id)
    .where((eb) =>
      eb.or([
        eb("s.type", "=", "les"),
        ...(trainingIds.length ? [eb.and([eb("s.type", "=", "training"), eb("s.training_id", "in", trainingIds)])] : []),
        ...(groupIds.length ? [eb("s.intervisie_group_id", "in", groupIds)] : []),
        eb("a.session_id", "is not", null),
      ]),
    )
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
  const reports = new Map(
    (await db.selectFrom("absence_reports").select(["session_id", "reason", "reported_at"]).where("participant_id", "=", participant.id).execute()).map((r) => [
      r.session_id,
      { reason: r.reason, reportedAt: r.reported_at },
    ]),
  );
  const facts = meetings.map((s) => toFacts(s));
  const records: AttendanceFacts[] = meetings
    .filter((s) => s.a_status !== null)
    .map((s) => ({
      meetingId: s.id,
      status: s.a_status!,
      minutesMissed: s.minutes_missed ?? 0,
      active: Boolean(s.active),
      makeupDone: s.makeup_status === "done",
    }));
  const summary = summarizeAttendance(facts, records, {
    joinedOn: joinedOn(enrolment.enrolled_at),
    today,
    rules: {
      countOnlyActive: template.rules.countOnlyActiveAttendance,
      makeupAllowed: makeupAllowedOf(template),
      noticeExcuses: template.rules.absenceWithNoticeExcused,
    },
  });
  return {
    summary,
    meetings: meetings.map((s) => ({
      id: s.id,
      type: s.type,
      title: s.title,
      date: s.date,
      start_time: s.start_time,
      end_time: s.end_time,
      status: s.status,
      location: s.location,
      online_url: s.online_url,
      assignment: s.assignment,
      programme: parseProgrammeJson(s.programme),
      mode: s.mode,
      /** the material of the lesson plan it was planned from (issue 29 point 7), or null */
      lessonPlan: lessonPlanMaterial(template.lessonPlans, s.lesson_plan_code, s.lesson_plan_dagdeel),
      group_name: s.group_name,
      absence: reports.get(s.id) ?? null,
      absenceOpen: s.status !== "cancelled" && s.a_status === null && !hasStarted({ date: s.date, startTime: s.start_time }, moment),
      participation: s.a_status !== null ? participationOf(s.mode, { status: s.a_status, mode: s.a_mode }) : null,
      past: isPastForParticipant({ date: s.date, endTime: s.end_time }, s.a_status !== null, moment),
      record:
        s.a_status !== null
          ? {
              status: s.a_status!,
              minutes_missed: s.minutes_missed ?? 0,
              active: s.active ?? 0,
              makeup_status: s.makeup_status ?? null,
              makeup_description: s.makeup_description ?? null,
            }
          : null,
    })),
    rules: {
      minAttendanceRate: template.rules.minAttendanceRate,
      learningHoursTarget: template.rules.learningHoursTarget,
      minIntervisieMeetings: template.rules.minIntervisieMeetings,
      absenceWithNoticeExcused: template.rules.absenceWithNoticeExcused,
    },
  };
}

/**
 * The participant's next meeting for the home page: the first planned one expected of them (a
 * lesson, a training they hold a place in, a meeting of their own intervisie group) that is not
 * behind them by the rooster's rule (`isPastForParticipant`): today's lesson stops being "next"
 * once their attendance is recorded or it has ended.
 */
export async function nextMeetingOf(db: DB, participantId: number, cohortId: number, now: ScheduleNow) {
  const rows = await db
    .selectFrom("course_sessions as s")
    .leftJoin("training_choices as tc", (j) =>
      j.onRef("tc.training_id", "=", "s.training_id").on("tc.participant_id", "=", participantId).on("tc.status", "in", ["gekozen", "bevestigd"]),
    )
    .leftJoin("intervisie_group_members as m", (j) => j.onRef("m.group_id", "=", "s.intervisie_group_id").on("m.participant_id", "=", participantId))
    .leftJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", participantId))
    .select(["s.id", "s.title", "s.type", "s.date", "s.start_time", "s.end_time", "s.location", "s.online_url", "a.session_id as recorded"])
    .where("s.cohort_id", "=", cohortId)
    .where("s.status", "=", "planned")
    .where("s.date", ">=", now.today)
    .where((eb) => eb.or([eb("s.type", "=", "les"), eb("tc.id", "is not", null), eb("m.participant_id", "is not", null)]))
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
  const next = rows.find((r) => !isPastForParticipant({ date: r.date, endTime: r.end_time }, r.recorded !== null, now));
  if (!next) return undefined;
  const { recorded: _recorded, ...meeting } = next;
  return meeting;
}

export interface ExportRow {
  participant: string;
  email: string;
  date: string;
  start: string;
  end: string;
  type: string;
  title: string;
  cancelled: boolean;
  status: AttendanceStatusCode | null;
  minutesMissed: number;
  hours: number;
  active: boolean | null;
  madeUp: boolean;
  note: string | null;
  /** how the meeting was held: in person, online or both */
  meetingMode: MeetingModeCode;
  /** how this person took part when present: in person or online */
  participation: AttendanceModeCode | null;
}

/** One row per participant per expected meeting of the cohort, for the CSV export. */
export async function cohortAttendanceExport(db: DB, cohortId: number, today: string): Promise<ExportRow[]> {
  const template = await cohortTemplate(db, cohortId);
  if (!template) return [];
  const rules = {
    countOnlyActive: template.rules.countOnlyActiveAttendance,
    makeupAllowed: makeupAllowedOf(template),
    noticeExcuses: template.rules.absenceWithNoticeExcused,
  };
  const meetings = await db.selectFrom("course_sessions").selectAll().where("cohort_id", "=", cohortId).orderBy("date").orderBy("start_time").execute();
  const members = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name", "u.email", "e.enrolled_at", "e.left_on"])
    .where("e.cohort_id", "=", cohortId)
    .orderBy("u.name")
    .execute();
  const groupMembers = await db
    .selectFrom("intervisie_group_members as m")
    .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
    .select(["m.group_id", "m.participant_id"])
    .where("g.cohort_id", "=", cohortId)
    .execute();
  const places = await db
    .selectFrom("training_choices")
    .select(["participant_id", "training_id"])
    .where("cohort_id", "=", cohortId)
    .where("status", "in", PLACE_STATUSES)
    .execute();
  const records = meetings.length
    ? await db
        .selectFrom("attendance")
        .selectAll()
        .where(
          "session_id",
          "in",
          meetings.map((s) => s.id),
        )
        .execute()
    : [];
  const key = (s: number, p: number) => `${s}:${p}`;
  const byKey = new Map(records.map((r) => [key(r.session_id, r.participant_id), r]));
  const rows: ExportRow[] = [];
  for (const m of members) {
    const member = {
      trainingIds: new Set(places.filter((c) => c.participant_id === m.id).map((c) => c.training_id)),
      groupIds: new Set(groupMembers.filter((g) => g.participant_id === m.id).map((g) => g.group_id)),
      leftOn: m.left_on,
    };
    const mine = meetings.filter((s) => byKey.has(key(s.id, m.id)) || expectedOf(s, member));
    const summary = summarizeAttendance(
      mine.map(toFacts),
      mine.flatMap((s) => {
        const r = byKey.get(key(s.id, m.id));
        return r ? [recordFacts(r)] : [];
      }),
      { joinedOn: joinedOn(m.enrolled_at), today, rules },
    );
    for (const line of summary.lines) {
      if (!line.expected && !byKey.has(key(line.meetingId, m.id))) continue;
      const s = mine.find((x) => x.id === line.meetingId)!;
      const r = byKey.get(key(s.id, m.id));
      rows.push({
        participant: m.name,
        email: m.email,
        date: s.date,
        start: s.start_time,
        end: s.end_time,
        type: s.type,
        title: s.title,
        cancelled: s.status === "cancelled",
        status: r?.status ?? null,
        minutesMissed: r?.minutes_missed ?? 0,
        hours: line.hours,
        active: r ? Boolean(r.active) : null,
        madeUp: line.madeUp,
        note: r?.note ?? null,
        meetingMode: s.mode,
        participation: participationOf(s.mode, r),
      });
    }
  }
  return rows;
}

/**
 * The cohort's attendance as CSV for Excel with Dutch settings: one row per participant per
 * expected meeting, with how the meeting was held and how each person present took part. It never
 * holds a reason someone gave when reporting absence ahead.
 */
export async function cohortAttendanceCsv(db: DB, cohortId: number, today: string): Promise<string> {
  const rows = await cohortAttendanceExport(db, cohortId, today);
  const nl = (k: Parameters<typeof translate>[1]) => translate("nl", k);
  return toDutchCsv(
    [
      "Deelnemer",
      "E-mailadres",
      "Datum",
      "Begin",
      "Einde",
      "Soort",
      "Titel",
      "Geannuleerd",
      "Status",
      "Minuten gemist",
      "Uren",
      "Actieve deelname",
      "Ingehaald",
      "Notitie",
      "Vorm",
      "Meegedaan",
    ],
    rows.map((r) => [
      r.participant,
      r.email,
      csvDate(r.date),
      r.start,
      r.end,
      nl(`sessionType.${r.type as "les"}`),
      r.title,
      r.cancelled,
      r.status ? nl(`attendanceStatus.${r.status}`) : "",
      r.status === "te_laat" ? r.minutesMissed : "",
      dutchNumber(r.hours),
      r.active,
      r.madeUp,
      r.note,
      nl(`meetingMode.${r.meetingMode}`),
      r.participation ? nl(`participation.${r.participation}`) : "",
    ]),
  );
}
