import type { DB } from "../../db/connect";
import type { AlumniIntervisieRequestStatus, User } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { AlumniGroupInput, AlumniMeetingInput } from "../forms/alumni-intervisie";
import type { STADSDELEN } from "../forms/pool";
import { amsterdamDay, amsterdamTime } from "../rules/amsterdam";
import { audit } from "./audit.server";
import { latestVersionId } from "./curriculum.server";
import { UserInputError } from "./errors";
import { isCertified } from "./pool.server";
import { createMeeting, listMeetings, type MeetingRow } from "./schedule.server";

/*
 * City-wide intervisie for alumni (issue 31 point 4, docs/decisions/025-city-wide-intervisie.md).
 *
 * Each city-wide group lives in its own container cohort (`cohorts.kind = 'alumni'`) with one
 * ordinary intervisie group; its facilitator is that container's only trainer. Meetings,
 * attendance and the intervisie record are the ordinary rows, made on the ordinary pages. Nobody
 * is enrolled in a container: alumni are members of the group (intervisie_group_members) after a
 * coordinator accepted their request, so no course rule, report or progress ever counts them.
 *
 * Alumni see of an open group only its name, place, the facilitator's name, the places left and
 * the next meeting date: never who the other members are.
 */

type Actor = { id: number; role: string; ip?: string | null };
type Q = Pick<DB, "selectFrom">;
type Stadsdeel = (typeof STADSDELEN)[number];

/** How long a container runs (its end date only matters for lists that already leave it out). */
const CONTAINER_YEARS = 5;

function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

/** The members of each group (accepted and not removed), counted. */
async function memberCounts(db: Q, groupIds: number[]): Promise<Map<number, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("intervisie_group_members")
    .select(["group_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("group_id", "in", groupIds)
    .groupBy("group_id")
    .execute();
  return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
}

/** The next planned meeting date of each group, from today on. */
async function nextMeetings(db: Q, groupIds: number[], today: string): Promise<Map<number, { date: string; start_time: string }>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("course_sessions")
    .select(["intervisie_group_id", "date", "start_time"])
    .where("intervisie_group_id", "in", groupIds)
    .where("status", "=", "planned")
    .where("date", ">=", today)
    .orderBy("date")
    .orderBy("start_time")
    .execute();
  const out = new Map<number, { date: string; start_time: string }>();
  for (const r of rows) if (r.intervisie_group_id !== null && !out.has(r.intervisie_group_id)) out.set(r.intervisie_group_id, r);
  return out;
}

function groupsQuery(db: Q) {
  return db
    .selectFrom("alumni_intervisie_groups as ag")
    .innerJoin("intervisie_groups as g", "g.id", "ag.group_id")
    .innerJoin("cohorts as c", (j) => j.onRef("c.id", "=", "ag.cohort_id").on("c.kind", "=", "alumni"))
    .leftJoin("cohort_trainers as ct", "ct.cohort_id", "ag.cohort_id")
    .leftJoin("users as f", "f.id", "ct.user_id")
    .select([
      "ag.group_id as id",
      "ag.cohort_id",
      "g.name",
      "ag.place",
      "ag.stadsdeel",
      "ag.max_members",
      "f.id as facilitator_id",
      "f.name as facilitator_name",
    ]);
}

// ---------------------------------------------------------------------------------------------
// Coordinator

export interface AlumniGroupRow {
  id: number;
  cohortId: number;
  name: string;
  place: string;
  stadsdeel: Stadsdeel;
  maxMembers: number;
  members: number;
  openRequests: number;
  facilitator: { id: number; name: string } | null;
  next: { date: string; start_time: string } | null;
}

export async function listAlumniGroups(db: DB, now = currentTime()): Promise<AlumniGroupRow[]> {
  const groups = await groupsQuery(db).orderBy("g.name").execute();
  const ids = groups.map((g) => g.id);
  const [counts, next, open] = await Promise.all([
    memberCounts(db, ids),
    nextMeetings(db, ids, amsterdamDay(now)),
    ids.length
      ? db
          .selectFrom("alumni_intervisie_requests")
          .select(["group_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("group_id", "in", ids)
          .where("status", "=", "open")
          .groupBy("group_id")
          .execute()
      : [],
  ]);
  const openOf = new Map(open.map((r) => [r.group_id, Number(r.n)]));
  return groups.map((g) => ({
    id: g.id,
    cohortId: g.cohort_id,
    name: g.name,
    place: g.place,
    stadsdeel: g.stadsdeel as Stadsdeel,
    maxMembers: g.max_members,
    members: counts.get(g.id) ?? 0,
    openRequests: openOf.get(g.id) ?? 0,
    facilitator: g.facilitator_id !== null && g.facilitator_name !== null ? { id: g.facilitator_id, name: g.facilitator_name } : null,
    next: next.get(g.id) ?? null,
  }));
}

/** Makes a city-wide group: its container cohort (kind alumni), the facilitator as its trainer, the group. */
export async function createAlumniGroup(db: DB, input: AlumniGroupInput, actor: Actor, now = currentTime()): Promise<number> {
  const facilitator = await db
    .selectFrom("users")
    .select("id")
    .where("id", "=", input.facilitatorId)
    .where("role", "=", "trainer")
    .where("status", "!=", "disabled")
    .executeTakeFirst();
  if (!facilitator) throw new UserInputError("alumniIntervisie.facilitatorUnknown", "facilitatorId");
  const versionId = await latestVersionId(db);
  if (!versionId) throw new UserInputError("cohort.notFound");
  const name = input.name.trim();
  const clash = await groupsQuery(db).where("g.name", "=", name).executeTakeFirst();
  if (clash) throw new UserInputError("intervisie.nameTaken", "name");
  const nowIso = now.toISOString();
  const today = amsterdamDay(now);
  return db.transaction().execute(async (trx) => {
    const cohort = await trx
      .insertInto("cohorts")
      .values({
        name,
        kind: "alumni",
        leerlijn_version_id: versionId,
        start_date: today,
        end_date: addYears(today, CONTAINER_YEARS),
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("cohort_trainers").values({ cohort_id: cohort.id, user_id: facilitator.id }).execute();
    const group = await trx
      .insertInto("intervisie_groups")
      .values({ cohort_id: cohort.id, name, created_at: nowIso })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("alumni_intervisie_groups")
      .values({
        group_id: group.id,
        cohort_id: cohort.id,
        place: input.place.trim(),
        stadsdeel: input.stadsdeel,
        max_members: input.maxMembers,
        created_by: actor.id,
        created_at: nowIso,
      })
      .execute();
    await audit(trx, {
      actor,
      action: "alumni_intervisie.group.create",
      target: { type: "intervisie_group", id: group.id },
      details: { facilitatorId: facilitator.id, maxMembers: input.maxMembers },
      at: now,
    });
    return group.id;
  });
}

export interface AlumniGroupDetail extends AlumniGroupRow {
  memberList: { id: number; name: string; since: string | null }[];
  requests: { id: number; participantId: number; name: string; requestedAt: string; certified: boolean }[];
}

/** One group for the coordinator: members and open requests (names: the coordinator decides). */
export async function alumniGroupDetail(db: DB, groupId: number, now = currentTime()): Promise<AlumniGroupDetail | undefined> {
  const row = (await listAlumniGroups(db, now)).find((g) => g.id === groupId);
  if (!row) return undefined;
  const [members, requests] = await Promise.all([
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("users as u", "u.id", "m.participant_id")
      .leftJoin("alumni_intervisie_requests as r", (j) =>
        j.onRef("r.group_id", "=", "m.group_id").onRef("r.participant_id", "=", "m.participant_id").on("r.status", "=", "accepted"),
      )
      .select(["u.id", "u.name", "r.decided_at as since"])
      .where("m.group_id", "=", groupId)
      .orderBy("u.name")
      .execute(),
    db
      .selectFrom("alumni_intervisie_requests as r")
      .innerJoin("users as u", "u.id", "r.participant_id")
      .select(["r.id", "r.participant_id", "u.name", "r.requested_at"])
      .where("r.group_id", "=", groupId)
      .where("r.status", "=", "open")
      .orderBy("r.requested_at")
      .execute(),
  ]);
  const certified = await Promise.all(requests.map((r) => isCertified(db, r.participant_id)));
  return {
    ...row,
    memberList: members,
    requests: requests.map((r, i) => ({ id: r.id, participantId: r.participant_id, name: r.name, requestedAt: r.requested_at, certified: certified[i] })),
  };
}

/**
 * Accepts or refuses an open request. Accepting needs a place (at most max_members) and a valid
 * certificate still; the count is made inside the write, after the group's row is locked.
 */
export async function decideRequest(
  db: DB,
  groupId: number,
  requestId: number,
  decision: "accept" | "refuse",
  actor: Actor,
  now = currentTime(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Touching the group's row first: two coordinators accepting at once wait for each other (PostgreSQL).
    const group = await trx
      .updateTable("alumni_intervisie_groups")
      .set((eb) => ({ max_members: eb.ref("max_members") }))
      .where("group_id", "=", groupId)
      .returning(["group_id", "max_members"])
      .executeTakeFirst();
    if (!group) throw new UserInputError("alumniIntervisie.groupNotFound");
    const request = await trx
      .selectFrom("alumni_intervisie_requests")
      .select(["id", "participant_id", "status"])
      .where("id", "=", requestId)
      .where("group_id", "=", groupId)
      .executeTakeFirst();
    if (!request || request.status !== "open") throw new UserInputError("alumniIntervisie.requestNotOpen");
    if (decision === "accept") {
      const members = (await memberCounts(trx, [groupId])).get(groupId) ?? 0;
      if (members >= group.max_members) throw new UserInputError("alumniIntervisie.full");
      if (!(await isCertified(trx, request.participant_id))) throw new UserInputError("alumniIntervisie.notCertifiedAnymore");
      await trx.insertInto("intervisie_group_members").values({ group_id: groupId, participant_id: request.participant_id }).execute();
    }
    const status: AlumniIntervisieRequestStatus = decision === "accept" ? "accepted" : "refused";
    await trx
      .updateTable("alumni_intervisie_requests")
      .set({ status, decided_at: now.toISOString(), decided_by: actor.id })
      .where("id", "=", request.id)
      .execute();
    await audit(trx, {
      actor,
      action: decision === "accept" ? "alumni_intervisie.accept" : "alumni_intervisie.refuse",
      target: { type: "participant", id: request.participant_id },
      details: { groupId },
      at: now,
    });
  });
}

/** Takes a member out of the group (the coordinator, or the member themselves). Past attendance stays. */
export async function removeMember(db: DB, groupId: number, participantId: number, actor: Actor, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const isAlumniGroup = await trx.selectFrom("alumni_intervisie_groups").select("group_id").where("group_id", "=", groupId).executeTakeFirst();
    if (!isAlumniGroup) throw new UserInputError("alumniIntervisie.groupNotFound");
    const res = await trx.deleteFrom("intervisie_group_members").where("group_id", "=", groupId).where("participant_id", "=", participantId).executeTakeFirst();
    if (Number(res.numDeletedRows ?? 0n) === 0) throw new UserInputError("alumniIntervisie.notMember");
    await trx
      .updateTable("alumni_intervisie_requests")
      .set({ status: "removed", decided_at: now.toISOString(), decided_by: actor.id })
      .where("group_id", "=", groupId)
      .where("participant_id", "=", participantId)
      .where("status", "=", "accepted")
      .execute();
    await audit(trx, {
      actor,
      action: actor.id === participantId ? "alumni_intervisie.leave" : "alumni_intervisie.remove",
      target: { type: "participant", id: participantId },
      details: { groupId },
      at: now,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Alumni

export interface OpenAlumniGroup {
  id: number;
  name: string;
  place: string;
  stadsdeel: Stadsdeel;
  facilitatorName: string | null;
  placesLeft: number;
  nextDate: string | null;
  /** the alum's own request or membership: none, open (waiting), refused, or member */
  mine: "none" | "open" | "refused" | "member";
}

export interface OwnAlumniMeeting {
  id: number;
  groupName: string;
  title: string;
  date: string;
  start_time: string;
  end_time: string;
  location: string | null;
  cancelled: boolean;
  past: boolean;
  /** reported absent ahead */
  absent: boolean;
  /** the recorded attendance, if any */
  status: string | null;
}

export interface AlumniPage {
  groups: OpenAlumniGroup[];
  meetings: OwnAlumniMeeting[];
}

/** The alum's own rows: the status of their latest request per group, and their memberships. */
async function ownRequests(db: Q, participantId: number) {
  const [requests, memberships] = await Promise.all([
    db
      .selectFrom("alumni_intervisie_requests")
      .select(["group_id", "status", "requested_at"])
      .where("participant_id", "=", participantId)
      .orderBy("requested_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("alumni_intervisie_groups as ag", "ag.group_id", "m.group_id")
      .select("m.group_id")
      .where("m.participant_id", "=", participantId)
      .execute(),
  ]);
  const latest = new Map<number, AlumniIntervisieRequestStatus>();
  for (const r of requests) latest.set(r.group_id, r.status);
  return { latest, memberOf: new Set(memberships.map((m) => m.group_id)) };
}

/**
 * The alumni page's door, for its loader and its action alike: a participant with a valid
 * certificate. Anyone else is refused (audited); the route answers that as not found, as the pool does.
 */
export async function mayUseAlumniIntervisie(db: DB, user: Pick<User, "id" | "role">, ip: string | null = null): Promise<boolean> {
  if (user.role === "participant" && (await isCertified(db, user.id))) return true;
  await audit(db, {
    actor: { id: user.id, role: user.role },
    action: "alumni_intervisie.view",
    target: { type: "user", id: user.id },
    outcome: "denied",
    ip,
  });
  return false;
}

/** The alumni page's data, or undefined for someone who may not use it (mayUseAlumniIntervisie). */
export async function alumniIntervisiePage(
  db: DB,
  user: Pick<User, "id" | "role">,
  ip: string | null = null,
  now = currentTime(),
): Promise<AlumniPage | undefined> {
  if (!(await mayUseAlumniIntervisie(db, user, ip))) return undefined;
  const today = amsterdamDay(now);
  const all = await listAlumniGroups(db, now);
  const { latest, memberOf } = await ownRequests(db, user.id);
  const groups: OpenAlumniGroup[] = all.map((g) => {
    const state = latest.get(g.id);
    return {
      id: g.id,
      name: g.name,
      place: g.place,
      stadsdeel: g.stadsdeel,
      facilitatorName: g.facilitator?.name ?? null,
      placesLeft: Math.max(0, g.maxMembers - g.members),
      nextDate: g.next?.date ?? null,
      mine: memberOf.has(g.id) ? "member" : state === "open" ? "open" : state === "refused" ? "refused" : "none",
    };
  });
  const mineIds = [...memberOf];
  const meetings = mineIds.length
    ? await db
        .selectFrom("course_sessions as s")
        .innerJoin("intervisie_groups as g", "g.id", "s.intervisie_group_id")
        .leftJoin("absence_reports as ar", (j) => j.onRef("ar.session_id", "=", "s.id").on("ar.participant_id", "=", user.id))
        .leftJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", user.id))
        .select([
          "s.id",
          "g.name as group_name",
          "s.title",
          "s.date",
          "s.start_time",
          "s.end_time",
          "s.location",
          "s.status",
          "ar.id as report_id",
          "a.status as attendance",
        ])
        .where("s.intervisie_group_id", "in", mineIds)
        .where("s.type", "=", "intervisie")
        .orderBy("s.date")
        .orderBy("s.start_time")
        .execute()
    : [];
  const time = amsterdamTime(now);
  return {
    groups,
    meetings: meetings.map((m) => ({
      id: m.id,
      groupName: m.group_name,
      title: m.title,
      date: m.date,
      start_time: m.start_time,
      end_time: m.end_time,
      location: m.location,
      cancelled: m.status === "cancelled",
      past: m.date < today || (m.date === today && m.start_time <= time),
      absent: m.report_id !== null,
      status: m.attendance,
    })),
  };
}

/** Refuses someone without a valid certificate: audited outside the write, answered calmly. */
async function refuseUncertified(db: DB, actor: Actor, action: string): Promise<void> {
  if (actor.role === "participant" && (await isCertified(db, actor.id))) return;
  await audit(db, { actor, action, target: { type: "user", id: actor.id }, outcome: "denied" });
  throw new UserInputError("alumniIntervisie.notCertified");
}

/** An alum asks to join a group ("Ik wil meedoen"). Only with a valid certificate, and while there is a place. */
export async function requestToJoin(db: DB, actor: Actor, groupId: number, now = currentTime()): Promise<void> {
  await refuseUncertified(db, actor, "alumni_intervisie.request");
  await db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom("alumni_intervisie_groups").select(["group_id", "max_members"]).where("group_id", "=", groupId).executeTakeFirst();
    if (!group) throw new UserInputError("alumniIntervisie.groupNotFound");
    const { latest, memberOf } = await ownRequests(trx, actor.id);
    if (memberOf.has(groupId)) throw new UserInputError("alumniIntervisie.alreadyMember");
    if (latest.get(groupId) === "open") throw new UserInputError("alumniIntervisie.alreadyAsked");
    const members = (await memberCounts(trx, [groupId])).get(groupId) ?? 0;
    if (members >= group.max_members) throw new UserInputError("alumniIntervisie.full");
    await trx
      .insertInto("alumni_intervisie_requests")
      .values({ group_id: groupId, participant_id: actor.id, status: "open", requested_at: now.toISOString(), decided_at: null, decided_by: null })
      .execute();
    await audit(trx, { actor, action: "alumni_intervisie.request", target: { type: "intervisie_group", id: groupId }, at: now });
  });
}

/** The alum withdraws their open request (deleted; the audit line keeps the fact). */
export async function withdrawRequest(db: DB, actor: Actor, groupId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom("alumni_intervisie_requests")
      .where("group_id", "=", groupId)
      .where("participant_id", "=", actor.id)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(res.numDeletedRows ?? 0n) === 0) throw new UserInputError("alumniIntervisie.requestNotOpen");
    await audit(trx, { actor, action: "alumni_intervisie.withdraw", target: { type: "intervisie_group", id: groupId }, at: now });
  });
}

// ---------------------------------------------------------------------------------------------
// Facilitator

export interface FacilitatorView {
  group: AlumniGroupRow;
  members: { id: number; name: string }[];
  meetings: MeetingRow[];
}

/**
 * A group as its facilitator sees it (or any coordinator); another trainer gets undefined: the
 * check is in the query (the container's cohort_trainers row).
 */
export async function groupForStaff(db: DB, user: Pick<User, "id" | "role">, groupId: number, now = currentTime()): Promise<FacilitatorView | undefined> {
  if (user.role !== "trainer" && user.role !== "coordinator") return undefined;
  let q = groupsQuery(db).where("ag.group_id", "=", groupId);
  if (user.role === "trainer") q = q.where("ct.user_id", "=", user.id);
  const found = await q.executeTakeFirst();
  if (!found) return undefined;
  const group = (await listAlumniGroups(db, now)).find((g) => g.id === groupId);
  if (!group) return undefined;
  const [members, meetings] = await Promise.all([
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("users as u", "u.id", "m.participant_id")
      .select(["u.id", "u.name"])
      .where("m.group_id", "=", groupId)
      .orderBy("u.name")
      .execute(),
    listMeetings(db, group.cohortId),
  ]);
  return { group, members, meetings };
}

/** The city-wide groups a trainer facilitates (their home page). */
export async function facilitatedGroups(db: DB, trainerId: number): Promise<{ id: number; name: string }[]> {
  return groupsQuery(db)
    .where("ct.user_id", "=", trainerId)
    .orderBy("g.name")
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, name: r.name })));
}

/** The facilitator plans an ordinary intervisie meeting in the group's container. */
export async function planAlumniMeeting(
  db: DB,
  user: Pick<User, "id" | "role">,
  groupId: number,
  input: AlumniMeetingInput,
  now = currentTime(),
): Promise<number> {
  const view = await groupForStaff(db, user, groupId, now);
  if (!view) throw new UserInputError("alumniIntervisie.groupNotFound");
  return createMeeting(
    db,
    view.group.cohortId,
    {
      type: "intervisie",
      title: input.title,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      location: input.location,
      onlineUrl: null,
      trainerIds: view.group.facilitator ? [view.group.facilitator.id] : [],
      trainingId: null,
      intervisieGroupId: groupId,
      programme: [],
      assignment: null,
    },
    user,
    now,
  );
}

/** The alumni group behind a container cohort, if it is one (the cohort page sends its staff there). */
export async function alumniGroupOfCohort(db: Q, cohortId: number): Promise<number | undefined> {
  const row = await db.selectFrom("alumni_intervisie_groups").select("group_id").where("cohort_id", "=", cohortId).executeTakeFirst();
  return row?.group_id;
}

// ---------------------------------------------------------------------------------------------
// Monitoring

/**
 * How many different people were present (aanwezig or te laat) at one or more city-wide
 * intervisie meetings (not cancelled) between `from` and `to` (yyyy-mm-dd, both included). For
 * the funder's monitoring: a number, never names.
 */
export async function countActiveAlumniInIntervisie(db: Q, period: { from: string; to: string }): Promise<number> {
  const row = await db
    .selectFrom("attendance as a")
    .innerJoin("course_sessions as s", "s.id", "a.session_id")
    .innerJoin("cohorts as c", "c.id", "s.cohort_id")
    .select((eb) => eb.fn.count<number>("a.participant_id").distinct().as("n"))
    .where("c.kind", "=", "alumni")
    .where("s.type", "=", "intervisie")
    .where("s.status", "=", "planned")
    .where("a.status", "in", ["aanwezig", "te_laat"])
    .where("s.date", ">=", period.from)
    .where("s.date", "<=", period.to)
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}
