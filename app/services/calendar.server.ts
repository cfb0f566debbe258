import type { DB } from "../../db/connect";
import type { Role, User } from "../../db/schema";
import { currentTime } from "../clock.server";
import { translate } from "../i18n/translate";
import { amsterdamDay } from "../rules/amsterdam";
import { buildCalendar, type CalendarEvent } from "../rules/icalendar";
import { parseLeerlijnTemplate } from "../rules/leerlijn-template";
import { PLACE_STATUSES } from "../rules/trainings";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { newToken, tokenHash } from "./tokens.server";
import { currentEnrolment } from "./enrolment.server";

/*
 * Issue 28, point 4: a personal calendar feed (iCalendar) at a secret URL. The link holds a random
 * token; the database keeps only its SHA-256. Calendar apps fetch the feed without a session, so
 * the token is the only key: it shows the person's own meetings and interviews, never another
 * participant's name, never a POP, reflection, reason for absence or cancel reason. Everything is
 * in Dutch (the feed has no language cookie). A blocked or anonymised person's feed stops.
 */

/** Who has a feed: the people with meetings or interviews of their own. */
export const FEED_ROLES: readonly Role[] = ["participant", "trainer", "examiner"];

/** Meetings more than this long ago are left out: a feed must not grow with the years. */
const PAST_DAYS = 400;

/** The token in a feed link: 43 URL-safe characters (256 bits). Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function canHaveFeed(role: Role): boolean {
  return FEED_ROLES.includes(role);
}

/** When the person's current feed link was made, or null when they have none. */
export async function feedCreatedAt(db: DB, userId: number): Promise<string | null> {
  const row = await db.selectFrom("calendar_feeds").select("created_at").where("user_id", "=", userId).executeTakeFirst();
  return row?.created_at ?? null;
}

/**
 * Makes a new feed link for the person and returns its token (shown once; only the hash is kept).
 * An earlier link stops working at once. Audited.
 */
export async function renewCalendarFeed(db: DB, user: Pick<User, "id" | "role">, ip: string | null, now = currentTime()): Promise<string> {
  if (!canHaveFeed(user.role)) throw new UserInputError("calendar.notForRole");
  const token = newToken();
  const hash = tokenHash(token);
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const old = await trx.deleteFrom("calendar_feeds").where("user_id", "=", user.id).executeTakeFirst();
    await trx.insertInto("calendar_feeds").values({ user_id: user.id, token_hash: hash, created_at: stamp }).execute();
    await audit(trx, {
      actor: user,
      action: Number(old.numDeletedRows) > 0 ? "calendar.renew" : "calendar.create",
      target: { type: "user", id: user.id },
      ip,
      at: now,
    });
  });
  return token;
}

/** The person a feed token belongs to, if the link is current and the person may still sign in. */
async function feedOwner(db: DB, token: string): Promise<Pick<User, "id" | "role"> | undefined> {
  // Always one indexed lookup, also for a token of the wrong shape: an unknown and a renewed
  // token take the same path and the same time.
  const hash = tokenHash(TOKEN_SHAPE.test(token) ? token : `invalid:${token}`);
  const row = await db
    .selectFrom("calendar_feeds as f")
    .innerJoin("users as u", "u.id", "f.user_id")
    .select(["u.id", "u.role", "u.status", "u.anonymised_at"])
    .where("f.token_hash", "=", hash)
    .executeTakeFirst();
  if (!row || !TOKEN_SHAPE.test(token) || row.status !== "active" || row.anonymised_at !== null || !canHaveFeed(row.role)) return undefined;
  return { id: row.id, role: row.role };
}

/** The whole feed for a token, or null (unknown, renewed, or the person is blocked): the route answers 404. */
export async function calendarFeed(db: DB, token: string, base: string, now = currentTime()): Promise<string | null> {
  const owner = await feedOwner(db, token);
  if (!owner) return null;
  const events = await eventsFor(db, owner, base, now);
  return buildCalendar(translate("nl", "calendar.name"), events);
}

interface MeetingFacts {
  id: number;
  cohort_id: number;
  type: "les" | "training" | "intervisie";
  title: string;
  date: string;
  start_time: string;
  end_time: string;
  location: string | null;
  online_url: string | null;
  status: "planned" | "cancelled";
  calendar_sequence: number;
  updated_at: string;
}

const MEETING_COLUMNS = [
  "s.id",
  "s.cohort_id",
  "s.type",
  "s.title",
  "s.date",
  "s.start_time",
  "s.end_time",
  "s.location",
  "s.online_url",
  "s.status",
  "s.calendar_sequence",
  "s.updated_at",
] as const;

/** One meeting as a calendar event; `url` is the page the person opens for it. */
export function meetingEvent(m: MeetingFacts, url: string): CalendarEvent {
  const nl = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate("nl", key, params);
  const cancelled = m.status === "cancelled";
  const description = [
    translate("nl", `sessionType.${m.type}`),
    cancelled ? nl("calendar.cancelled") : null,
    m.online_url ? nl("calendar.online", { url: m.online_url }) : null,
    nl("calendar.moreInfo", { url }),
  ].filter((line): line is string => line !== null);
  return {
    uid: `leerlijn-session-${m.id}@leerlijn`,
    sequence: m.calendar_sequence,
    date: m.date,
    startTime: m.start_time,
    end: { time: m.end_time },
    summary: cancelled ? nl("calendar.cancelledSummary", { title: m.title }) : m.title,
    location: m.location ?? m.online_url,
    description: description.join("\n"),
    url,
    cancelled,
    updatedAt: m.updated_at,
  };
}

const participantMeetingUrl = (base: string, id: number) => `${base}/deelnemer/rooster#bijeenkomst-${id}`;
const staffMeetingUrl = (base: string, m: { id: number; cohort_id: number }) => `${base}/groepen/${m.cohort_id}/bijeenkomsten/${m.id}`;

/**
 * The meetings expected of a participant, by the same rule as their rooster: their cohort's
 * lessons, the trainings they have a place in, their own intervisie group's meetings. After
 * leaving the cohort (uitstroom), nothing after the day they left.
 */
async function participantMeetings(db: DB, participantId: number, from: string, meetingId?: number): Promise<MeetingFacts[]> {
  const enrolment = await currentEnrolment(db, participantId);
  if (!enrolment) return [];
  let query = db
    .selectFrom("course_sessions as s")
    .select(MEETING_COLUMNS)
    .where("s.cohort_id", "=", enrolment.cohort_id)
    .where("s.date", ">=", from)
    .where((eb) =>
      eb.or([
        eb("s.type", "=", "les"),
        eb.and([
          eb("s.type", "=", "training"),
          eb(
            "s.training_id",
            "in",
            eb
              .selectFrom("training_choices as tc")
              .select("tc.training_id")
              .where("tc.participant_id", "=", participantId)
              .where("tc.cohort_id", "=", enrolment.cohort_id)
              .where("tc.status", "in", PLACE_STATUSES),
          ),
        ]),
        eb.and([
          eb("s.type", "=", "intervisie"),
          eb("s.intervisie_group_id", "in", eb.selectFrom("intervisie_group_members as m").select("m.group_id").where("m.participant_id", "=", participantId)),
        ]),
      ]),
    );
  if (enrolment.left_on) query = query.where("s.date", "<=", enrolment.left_on);
  if (meetingId !== undefined) query = query.where("s.id", "=", meetingId);
  return query.orderBy("s.date").orderBy("s.start_time").execute();
}

/** The meetings of the cohorts a trainer teaches. */
async function trainerMeetings(db: DB, trainerId: number, from: string): Promise<MeetingFacts[]> {
  return db
    .selectFrom("course_sessions as s")
    .select(MEETING_COLUMNS)
    .where("s.cohort_id", "in", db.selectFrom("cohort_trainers as ct").select("ct.cohort_id").where("ct.user_id", "=", trainerId))
    .where("s.date", ">=", from)
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
}

/**
 * Interviews (eindgesprekken) as events: the participant's own, or those an examiner judges. A
 * correction is a new judgement of the same meeting, not a meeting of its own, so it is left out.
 * No names: "Eindgesprek", the place and the link; the page behind the link needs a sign-in.
 */
async function interviewEvents(db: DB, user: Pick<User, "id" | "role">, base: string, from: string): Promise<CalendarEvent[]> {
  let query = db
    .selectFrom("interviews as i")
    .innerJoin("leerlijn_versions as v", "v.id", "i.leerlijn_version_id")
    .select(["i.id", "i.date", "i.start_time", "i.location", "i.calendar_sequence", "i.updated_at", "v.id as version_id", "v.definition"])
    .where("i.corrects_id", "is", null)
    .where("i.date", ">=", from);
  query =
    user.role === "participant"
      ? query.where("i.participant_id", "=", user.id)
      : query.where("i.id", "in", db.selectFrom("interview_assessors as a").select("a.interview_id").where("a.user_id", "=", user.id));
  const rows = await query.orderBy("i.date").orderBy("i.start_time").execute();
  const minutesOf = new Map<number, number>();
  return rows.map((r) => {
    let minutes = minutesOf.get(r.version_id);
    if (minutes === undefined) {
      minutes = parseLeerlijnTemplate(JSON.parse(r.definition)).rules.interviewMinutes;
      minutesOf.set(r.version_id, minutes);
    }
    const url = user.role === "participant" ? `${base}/deelnemer/eindgesprek` : `${base}/eindgesprekken/${r.id}`;
    return {
      uid: `leerlijn-interview-${r.id}@leerlijn`,
      sequence: r.calendar_sequence,
      date: r.date,
      startTime: r.start_time,
      end: { minutes },
      summary: translate("nl", "calendar.interview"),
      location: r.location,
      description: translate("nl", "calendar.moreInfo", { url }),
      url,
      cancelled: false,
      updatedAt: r.updated_at,
    };
  });
}

function firstDay(now: Date): string {
  return amsterdamDay(new Date(now.getTime() - PAST_DAYS * 86_400_000));
}

/** Every event in a person's feed, in date order. */
export async function eventsFor(db: DB, user: Pick<User, "id" | "role">, base: string, now = currentTime()): Promise<CalendarEvent[]> {
  const from = firstDay(now);
  const events: CalendarEvent[] = [];
  if (user.role === "participant") {
    events.push(...(await participantMeetings(db, user.id, from)).map((m) => meetingEvent(m, participantMeetingUrl(base, m.id))));
  }
  if (user.role === "trainer") {
    events.push(...(await trainerMeetings(db, user.id, from)).map((m) => meetingEvent(m, staffMeetingUrl(base, m))));
  }
  if (user.role === "participant" || user.role === "examiner") events.push(...(await interviewEvents(db, user, base, from)));
  return events.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
}

/** One meeting of the participant's own rooster as a calendar file, or null when it is not theirs. */
export async function participantMeetingCalendar(db: DB, participantId: number, meetingId: number, base: string): Promise<string | null> {
  const [meeting] = await participantMeetings(db, participantId, "0000-00-00", meetingId);
  if (!meeting) return null;
  return buildCalendar(translate("nl", "calendar.name"), [meetingEvent(meeting, participantMeetingUrl(base, meeting.id))]);
}

/** One meeting for its trainers and coordinators (the route checked the cohort), as a calendar file. */
export async function staffMeetingCalendar(db: DB, cohortId: number, meetingId: number, base: string): Promise<string | null> {
  const meeting = await db
    .selectFrom("course_sessions as s")
    .select(MEETING_COLUMNS)
    .where("s.cohort_id", "=", cohortId)
    .where("s.id", "=", meetingId)
    .executeTakeFirst();
  if (!meeting) return null;
  return buildCalendar(translate("nl", "calendar.name"), [meetingEvent(meeting, staffMeetingUrl(base, meeting))]);
}

/**
 * One meeting as a calendar file for a mail about a change (issue 28, point 3): the participants'
 * version links to their rooster, the staff version to the meeting's page. Nobody's name in it.
 */
export async function meetingCalendarFile(db: DB, meetingId: number, base: string, audience: "participant" | "staff"): Promise<string | null> {
  const meeting = await db.selectFrom("course_sessions as s").select(MEETING_COLUMNS).where("s.id", "=", meetingId).executeTakeFirst();
  if (!meeting) return null;
  const url = audience === "participant" ? participantMeetingUrl(base, meeting.id) : staffMeetingUrl(base, meeting);
  return buildCalendar(translate("nl", "calendar.name"), [meetingEvent(meeting, url)]);
}

/** Where a person opens a meeting: the participant's rooster, or the meeting's page for staff. */
export function meetingPageUrl(base: string, meeting: { id: number; cohort_id: number }, audience: "participant" | "staff"): string {
  return audience === "participant" ? participantMeetingUrl(base, meeting.id) : staffMeetingUrl(base, meeting);
}
