import type { DB } from "../../db/connect";
import { currentTime } from "../clock.server";
import { seriesDates, type SeriesInterval } from "../rules/series";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { nudgeMailSender } from "./mail-outbox.server";
import { meetingFacts, notifyMeetingChange } from "./meeting-mail.server";
import {
  checkMeetingInput,
  getMeeting,
  lessonPlanValues,
  meetingValues,
  writeMeetingUpdate,
  type MeetingInput,
  type MeetingMailOptions,
} from "./schedule.server";
import { cohortForStaff } from "./staff.server";
import type { Actor } from "./users.server";

/*
 * Series (reeks) of meetings (issue 29 point 6). A trainer of the cohort, or a coordinator, plans
 * the same meeting every week or every two weeks in one go; the days come from the pure rule
 * `seriesDates` (app/rules/series.ts). Each meeting of a series is an ordinary meeting: it is
 * changed, cancelled or reinstated on its own as before. On top of that, title, times and place can
 * be changed for "this one and all later ones" of its series.
 *
 * Every function checks the cohort against the actor itself (a trainer only of a cohort they
 * teach), on top of the route's guard.
 */

export interface SeriesInput extends Omit<MeetingInput, "date" | "assignmentDue"> {
  firstDate: string;
  everyWeeks: SeriesInterval;
  count: number;
  /** days without a meeting, yyyy-mm-dd */
  skip: readonly string[];
}

export interface SeriesPreview {
  dates: string[];
  skipped: string[];
}

async function staffCohort(db: DB, actor: Actor, cohortId: number) {
  const cohort = await cohortForStaff(db, actor, cohortId);
  if (!cohort) throw new UserInputError("cohort.notFound");
  return cohort;
}

/** The days the series would have: what the form shows before it is confirmed. */
export function previewSeries(input: Pick<SeriesInput, "firstDate" | "everyWeeks" | "count" | "skip">): SeriesPreview {
  return seriesDates({ firstDate: input.firstDate, everyWeeks: input.everyWeeks, count: input.count, skip: input.skip });
}

/**
 * Plans the series: one row in meeting_series and `count` meetings, all in one transaction, each
 * with the same type, title, times, place, trainers, programme and oefenopdracht (its deadline:
 * before the next meeting). Audited once for the series and once per meeting.
 */
export async function createSeries(
  db: DB,
  actor: Actor,
  cohortId: number,
  input: SeriesInput,
  now = currentTime(),
): Promise<{ seriesId: number; meetingIds: number[]; dates: string[]; skipped: string[] }> {
  const cohort = await staffCohort(db, actor, cohortId);
  const { dates, skipped } = previewSeries(input);
  await checkMeetingInput(db, cohort.id, { ...input, date: input.firstDate, assignmentDue: null });
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const series = await trx
      .insertInto("meeting_series")
      .values({
        cohort_id: cohort.id,
        first_date: input.firstDate,
        every_weeks: input.everyWeeks,
        count: input.count,
        skip_dates: JSON.stringify([...input.skip]),
        created_by: actor.id,
        created_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const trainerIds = [...new Set(input.trainerIds)];
    const meetingIds: number[] = [];
    for (const date of dates) {
      const row = await trx
        .insertInto("course_sessions")
        .values({
          ...meetingValues({ ...input, date, assignmentDue: null }),
          ...lessonPlanValues(input),
          cohort_id: cohort.id,
          series_id: series.id,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      meetingIds.push(row.id);
      if (trainerIds.length) {
        await trx
          .insertInto("session_trainers")
          .values(trainerIds.map((user_id) => ({ session_id: row.id, user_id })))
          .execute();
      }
      await audit(trx, {
        actor,
        action: "session.create",
        target: { type: "session", id: row.id },
        details: { cohortId: cohort.id, seriesId: series.id },
        at: now,
      });
    }
    await audit(trx, {
      actor,
      action: "series.create",
      target: { type: "series", id: series.id },
      details: {
        cohortId: cohort.id,
        everyWeeks: input.everyWeeks,
        count: dates.length,
        first: dates[0],
        last: dates.at(-1),
        skipped,
        ...(input.lessonPlan ? { lessonPlan: `${input.lessonPlan.code}:${input.lessonPlan.dagdeel}` } : {}),
      },
      at: now,
    });
    return { seriesId: series.id, meetingIds, dates, skipped };
  });
}

/** The meetings of a series after the given one (a later day), in date order. */
export async function laterInSeries(db: DB, cohortId: number, meetingId: number): Promise<{ id: number; date: string }[]> {
  const meeting = await getMeeting(db, cohortId, meetingId);
  if (!meeting?.series_id) return [];
  return db
    .selectFrom("course_sessions")
    .select(["id", "date"])
    .where("cohort_id", "=", cohortId)
    .where("series_id", "=", meeting.series_id)
    .where("date", ">", meeting.date)
    .orderBy("date")
    .execute();
}

/**
 * Changes this meeting as usual (every field), and title, start and end time, place, form (in
 * person, online, both) and online link of the later meetings of its series (cancelled ones too, so a reinstated one has them). The
 * later meetings keep their own day, trainers, programme and oefenopdracht. One transaction;
 * audited per meeting and once for the series. Returns how many later meetings changed. With
 * `opts.baseUrl` the people expected at each meeting that moved get its mail (meeting-mail.server.ts).
 */
export async function updateFromHereOn(
  db: DB,
  actor: Actor,
  cohortId: number,
  meetingId: number,
  input: MeetingInput,
  now = currentTime(),
  opts: MeetingMailOptions = {},
): Promise<{ later: number }> {
  const cohort = await staffCohort(db, actor, cohortId);
  const existing = await getMeeting(db, cohort.id, meetingId);
  if (!existing) throw new UserInputError("session.notFound");
  if (!existing.series_id) throw new UserInputError("series.notInSeries", "scope");
  if (existing.type !== input.type) {
    const recorded = await db.selectFrom("attendance").select("id").where("session_id", "=", meetingId).executeTakeFirst();
    if (recorded) throw new UserInputError("session.typeLocked", "type");
  }
  await checkMeetingInput(db, cohort.id, input);
  const seriesId = existing.series_id;
  const shared = meetingValues(input);
  const result = await db.transaction().execute(async (trx) => {
    let queued = await writeMeetingUpdate(trx, cohort.id, existing, input, actor, now, opts);
    const later = await trx
      .selectFrom("course_sessions")
      .select(["id", "date", "start_time", "end_time", "title", "location", "online_url", "mode"])
      .where("cohort_id", "=", cohort.id)
      .where("series_id", "=", seriesId)
      .where("date", ">", existing.date)
      .orderBy("date")
      .execute();
    for (const m of later) {
      const moved = m.start_time !== shared.start_time || m.end_time !== shared.end_time;
      const modeChanged = shared.mode !== undefined && m.mode !== shared.mode;
      const changed = moved || modeChanged || m.title !== shared.title || m.location !== shared.location || m.online_url !== shared.online_url;
      if (!changed) continue;
      const before = await meetingFacts(trx, m.id);
      await trx
        .updateTable("course_sessions")
        .set({
          title: shared.title,
          start_time: shared.start_time,
          end_time: shared.end_time,
          location: shared.location,
          online_url: shared.online_url,
          ...(shared.mode ? { mode: shared.mode } : {}),
          updated_at: now.toISOString(),
        })
        .where("id", "=", m.id)
        .execute();
      await audit(trx, {
        actor,
        action: moved ? "session.move" : "session.update",
        target: { type: "session", id: m.id },
        details: moved ? { from: `${m.date} ${m.start_time}-${m.end_time}`, to: `${m.date} ${shared.start_time}-${shared.end_time}`, seriesId } : { seriesId },
        at: now,
      });
      if (before) queued += await notifyMeetingChange(trx, before, { baseUrl: opts.baseUrl, actorId: actor.id, now });
    }
    await audit(trx, {
      actor,
      action: "series.update_later",
      target: { type: "series", id: seriesId },
      details: { from: meetingId, later: later.map((m) => m.id) },
      at: now,
    });
    return { later: later.length, queued };
  });
  if (result.queued > 0) nudgeMailSender();
  return { later: result.later };
}

/** What the rooster says after planning: the days the series skipped, or undefined for another cohort's series. */
export async function seriesSummary(db: DB, cohortId: number, seriesId: number): Promise<{ skipped: string[] } | undefined> {
  const row = await db
    .selectFrom("meeting_series")
    .select(["first_date", "every_weeks", "count", "skip_dates"])
    .where("id", "=", seriesId)
    .where("cohort_id", "=", cohortId)
    .executeTakeFirst();
  if (!row) return undefined;
  const skip = JSON.parse(row.skip_dates) as string[];
  return { skipped: seriesDates({ firstDate: row.first_date, everyWeeks: row.every_weeks as SeriesInterval, count: row.count, skip }).skipped };
}

/**
 * The meetings "cancel this one and all later ones" would cancel: this one and the later meetings
 * of its series that are still planned, in date order (what the confirmation step lists).
 */
export async function toCancelFromHereOn(db: DB, actor: Actor, cohortId: number, meetingId: number): Promise<{ id: number; date: string }[]> {
  const cohort = await staffCohort(db, actor, cohortId);
  const meeting = await getMeeting(db, cohort.id, meetingId);
  if (!meeting) throw new UserInputError("session.notFound");
  if (!meeting.series_id) throw new UserInputError("series.notInSeries");
  return db
    .selectFrom("course_sessions")
    .select(["id", "date"])
    .where("cohort_id", "=", cohort.id)
    .where("series_id", "=", meeting.series_id)
    .where("date", ">=", meeting.date)
    .where("status", "=", "planned")
    .where((eb) => eb.or([eb("id", "=", meeting.id), eb("date", ">", meeting.date)]))
    .orderBy("date")
    .orderBy("start_time")
    .execute();
}

/**
 * Cancels this meeting and the later planned meetings of its series, exactly the ones the person
 * confirmed (`expected`, the ids the confirmation step listed; anything else changed in between:
 * refused, so they look again). Each one as a single cancel does: status, reason, audited, the
 * meeting-change mail to the people expected there (queued in the same transaction). Each gets
 * `cancelled_from` = this meeting, so `reinstateFromHereOn` puts back exactly these.
 */
export async function cancelFromHereOn(
  db: DB,
  actor: Actor,
  cohortId: number,
  meetingId: number,
  input: { reason: string | null; expected: readonly number[] },
  now = currentTime(),
  opts: MeetingMailOptions = {},
): Promise<{ cancelled: number[] }> {
  const cohort = await staffCohort(db, actor, cohortId);
  const meeting = await getMeeting(db, cohort.id, meetingId);
  if (!meeting) throw new UserInputError("session.notFound");
  if (!meeting.series_id) throw new UserInputError("series.notInSeries");
  const seriesId = meeting.series_id;
  const reason = input.reason?.trim() || null;
  const result = await db.transaction().execute(async (trx) => {
    const ids = (await toCancelFromHereOn(trx, actor, cohort.id, meeting.id)).map((m) => m.id);
    if (ids.length === 0 || ids.join(",") !== input.expected.join(",")) throw new UserInputError("series.cancelLater.changed");
    let queued = 0;
    for (const id of ids) {
      const before = await meetingFacts(trx, id);
      await trx
        .updateTable("course_sessions")
        .set({ status: "cancelled", cancel_reason: reason, cancelled_from: meeting.id, updated_at: now.toISOString() })
        .where("id", "=", id)
        .where("cohort_id", "=", cohort.id)
        .execute();
      await audit(trx, { actor, action: "session.cancel", target: { type: "session", id }, details: { seriesId, from: meeting.id }, at: now });
      if (before) queued += await notifyMeetingChange(trx, before, { baseUrl: opts.baseUrl, actorId: actor.id, now });
    }
    await audit(trx, {
      actor,
      action: "series.cancel_later",
      target: { type: "series", id: seriesId },
      details: { from: meeting.id, cancelled: ids },
      at: now,
    });
    return { cancelled: ids, queued };
  });
  if (result.queued > 0) nudgeMailSender();
  return { cancelled: result.cancelled };
}

/** The meetings "put back" would restore for a meeting cancelled with "this and all later ones": it and the later ones of that cancel still cancelled. */
export async function toReinstateFromHereOn(db: DB, cohortId: number, meeting: { id: number; date: string; cancelled_from: number | null }) {
  if (!meeting.cancelled_from) return [];
  return db
    .selectFrom("course_sessions")
    .select(["id", "date"])
    .where("cohort_id", "=", cohortId)
    .where("cancelled_from", "=", meeting.cancelled_from)
    .where("status", "=", "cancelled")
    .where("date", ">=", meeting.date)
    .orderBy("date")
    .orderBy("start_time")
    .execute();
}

/**
 * The undo of `cancelFromHereOn`: puts this meeting and the later meetings cancelled together with
 * it back on, as a single reinstate does (audited, the mail). Meetings of the series cancelled on
 * their own stay cancelled. Returns the ids put back.
 */
export async function reinstateFromHereOn(
  db: DB,
  actor: Actor,
  cohortId: number,
  meetingId: number,
  now = currentTime(),
  opts: MeetingMailOptions = {},
): Promise<{ reinstated: number[] }> {
  const cohort = await staffCohort(db, actor, cohortId);
  const result = await db.transaction().execute(async (trx) => {
    const meeting = await getMeeting(trx, cohort.id, meetingId);
    if (!meeting) throw new UserInputError("session.notFound");
    if (meeting.status !== "cancelled" || !meeting.cancelled_from) throw new UserInputError("series.reinstateLater.none");
    const ids = (await toReinstateFromHereOn(trx, cohort.id, meeting)).map((m) => m.id);
    let queued = 0;
    for (const id of ids) {
      const before = await meetingFacts(trx, id);
      await trx
        .updateTable("course_sessions")
        .set({ status: "planned", cancel_reason: null, cancelled_from: null, updated_at: now.toISOString() })
        .where("id", "=", id)
        .where("cohort_id", "=", cohort.id)
        .execute();
      await audit(trx, {
        actor,
        action: "session.reinstate",
        target: { type: "session", id },
        details: { seriesId: meeting.series_id, from: meetingId },
        at: now,
      });
      if (before) queued += await notifyMeetingChange(trx, before, { baseUrl: opts.baseUrl, actorId: actor.id, now });
    }
    await audit(trx, {
      actor,
      action: "series.reinstate_later",
      target: { type: "series", id: meeting.series_id ?? 0 },
      details: { from: meetingId, reinstated: ids },
      at: now,
    });
    return { reinstated: ids, queued };
  });
  if (result.queued > 0) nudgeMailSender();
  return { reinstated: result.reinstated };
}
