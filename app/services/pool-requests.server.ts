import type { DB } from "../../db/connect";
import type { PoolInvitationStatus, PoolRequestStatus, PoolTagKind, Role } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { PoolRequestInput } from "../forms/pool-requests";
import type { ShownProfile } from "../forms/pool";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { appLink, type UpdateMailOptions } from "./mail-updates.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { notifyUser } from "./notify.server";
import { isCertified, validCertificateHolders } from "./pool.server";

/*
 * Requests from buurtteams to the pool of ervaringsdeskundigen (issue 31, point 3;
 * docs/decisions/024-pool-requests.md).
 *
 * - A buurtteam-coördinator's team comes from `team_coordinators`, never from the request; every
 *   read and write checks that the request belongs to that team (else: not found).
 * - Suggestions come only from active, certified pool members whose profile is not paused, whose
 *   availability overlaps the period, who chose the request's stadsdeel and speak its language (when
 *   one is asked). Each carries why: per criterion, matched or not.
 * - Before a member accepts, the team sees only what the member chose to show, as "Poollid 1, 2, …":
 *   no name, no contact. After acceptance the name and the contact details, read at that moment from
 *   the member's pool profile (never copied): a member who left the pool has none to show.
 * - Every decision is audited without free text; mail says only that there is something to see.
 */

type Q = Pick<DB, "selectFrom" | "insertInto" | "updateTable" | "deleteFrom">;
type Actor = { id: number; role: Role | string; ip?: string | null };

export interface Team {
  id: number;
  name: string;
  stadsdeel: string;
}

export interface PoolRequest {
  id: number;
  buurtteamId: number;
  theme: string;
  description: string;
  stadsdeel: string;
  language: string | null;
  periodFrom: string;
  periodUntil: string;
  hoursPerWeek: number;
  status: PoolRequestStatus;
  createdAt: string;
  closedAt: string | null;
}

/** Why a member is suggested: each criterion, matched or not. */
export type Why =
  | { criterion: "stadsdeel"; matched: true; stadsdeel: string }
  | { criterion: "language"; matched: true; language: string | null }
  | { criterion: "period"; matched: boolean }
  | { criterion: "hours"; matched: boolean; hours: number; asked: number }
  | { criterion: "theme"; matched: boolean; theme: string };

export interface Suggestion {
  participantId: number;
  /** "Poollid 1, 2, …" in the order of this list */
  number: number;
  profile: ShownProfile;
  why: Why[];
}

/** The buurtteam the person coordinates, from team_coordinators; undefined for anyone else. */
export async function teamOf(db: Pick<DB, "selectFrom">, user: { id: number; role: string }): Promise<Team | undefined> {
  if (user.role !== "team_coordinator") return undefined;
  return db
    .selectFrom("team_coordinators as tc")
    .innerJoin("buurtteams as b", "b.id", "tc.buurtteam_id")
    .select(["b.id", "b.name", "b.stadsdeel"])
    .where("tc.user_id", "=", user.id)
    .executeTakeFirst();
}

function toRequest(r: {
  id: number;
  buurtteam_id: number;
  theme: string;
  description: string;
  stadsdeel: string;
  language: string | null;
  period_from: string;
  period_until: string;
  hours_per_week: number;
  status: PoolRequestStatus;
  created_at: string;
  closed_at: string | null;
}): PoolRequest {
  return {
    id: r.id,
    buurtteamId: r.buurtteam_id,
    theme: r.theme,
    description: r.description,
    stadsdeel: r.stadsdeel,
    language: r.language,
    periodFrom: r.period_from,
    periodUntil: r.period_until,
    hoursPerWeek: r.hours_per_week,
    status: r.status,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

const REQUEST_COLUMNS = [
  "id",
  "buurtteam_id",
  "theme",
  "description",
  "stadsdeel",
  "language",
  "period_from",
  "period_until",
  "hours_per_week",
  "status",
  "created_at",
  "closed_at",
] as const;

/**
 * The request, when it belongs to the team of this buurtteam-coördinator; else undefined (the
 * route answers 404). A request of another team is a refusal in the audit trail.
 */
export async function teamRequestFor(db: DB, user: Actor, requestId: number): Promise<{ team: Team; request: PoolRequest } | undefined> {
  const team = await teamOf(db, { id: user.id, role: String(user.role) });
  if (!team || !Number.isSafeInteger(requestId)) return undefined;
  const row = await db.selectFrom("pool_requests").select(REQUEST_COLUMNS).where("id", "=", requestId).executeTakeFirst();
  if (!row) return undefined;
  if (row.buurtteam_id !== team.id) {
    await audit(db, { actor: user, action: "poolRequest.view", target: { type: "pool_request", id: requestId }, outcome: "denied" });
    return undefined;
  }
  return { team, request: toRequest(row) };
}

export interface TeamHome {
  team: Team;
  requests: (PoolRequest & { invited: number; accepted: number })[];
}

/** The team's home: its requests, open first, with how many members were invited and accepted. */
export async function teamHome(db: DB, user: Actor): Promise<TeamHome | undefined> {
  const team = await teamOf(db, { id: user.id, role: String(user.role) });
  if (!team) return undefined;
  const rows = await db
    .selectFrom("pool_requests")
    .select(REQUEST_COLUMNS)
    .where("buurtteam_id", "=", team.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const counts = await db
    .selectFrom("pool_invitations as i")
    .innerJoin("pool_requests as r", "r.id", "i.request_id")
    .select(["i.request_id", "i.status"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("r.buurtteam_id", "=", team.id)
    .groupBy(["i.request_id", "i.status"])
    .execute();
  const count = (id: number, statuses: PoolInvitationStatus[]) =>
    counts.filter((c) => c.request_id === id && statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  const requests = rows.map((r) => ({ ...toRequest(r), invited: count(r.id, ["invited", "accepted", "declined"]), accepted: count(r.id, ["accepted"]) }));
  requests.sort((a, b) => (a.status === b.status ? 0 : a.status === "open" ? -1 : 1));
  return { team, requests };
}

/** A new request from the buurtteam-coördinator's own team. */
export async function createPoolRequest(db: DB, actor: Actor, input: PoolRequestInput, now = currentTime()): Promise<number> {
  const team = await teamOf(db, { id: actor.id, role: String(actor.role) });
  if (!team) throw new UserInputError("poolRequest.notFound");
  return db.transaction().execute(async (trx) => {
    const nowIso = now.toISOString();
    const row = await trx
      .insertInto("pool_requests")
      .values({
        buurtteam_id: team.id,
        created_by: actor.id,
        theme: input.theme,
        description: input.description,
        stadsdeel: input.stadsdeel,
        language: input.language,
        period_from: input.periodFrom,
        period_until: input.periodUntil,
        hours_per_week: input.hoursPerWeek,
        status: "open",
        created_at: nowIso,
        updated_at: nowIso,
        closed_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: "poolRequest.create", target: { type: "pool_request", id: row.id }, details: { buurtteam: team.id }, at: now });
    return row.id;
  });
}

async function tagsOf(db: Pick<DB, "selectFrom">, participantIds: number[]): Promise<Map<number, Record<PoolTagKind, string[]>>> {
  const out = new Map<number, Record<PoolTagKind, string[]>>();
  if (participantIds.length === 0) return out;
  const rows = await db
    .selectFrom("pool_profile_tags")
    .select(["participant_id", "kind", "code"])
    .where("participant_id", "in", participantIds)
    .orderBy("participant_id")
    .orderBy("kind")
    .orderBy("code")
    .execute();
  for (const id of participantIds) out.set(id, { theme: [], language: [], stadsdeel: [] });
  for (const r of rows) out.get(r.participant_id)?.[r.kind].push(r.code);
  return out;
}

/**
 * The pool members to suggest for a request, best first, each with why. Required: an active,
 * certified member whose profile is not paused, with at least one hour, whose availability overlaps
 * the period (an empty date is open), who chose the stadsdeel and speaks the language asked (when
 * one is). Ranked: the theme chosen first, then the hours closest to or above what is asked.
 * Members already invited for this request (in any state) are not suggested again.
 */
export async function suggestions(db: Pick<DB, "selectFrom">, request: PoolRequest): Promise<Suggestion[]> {
  let q = db
    .selectFrom("pool_profiles as p")
    .innerJoin("users as u", "u.id", "p.participant_id")
    .select(["p.participant_id", "p.experience", "p.hours_per_week", "p.available_from", "p.available_until"])
    .where("u.role", "=", "participant")
    .where("u.status", "=", "active")
    .where("u.anonymised_at", "is", null)
    .where("p.paused_at", "is", null)
    .where("p.hours_per_week", ">=", 1)
    .where("p.participant_id", "in", validCertificateHolders(db))
    .where((eb) => eb.or([eb("p.available_from", "is", null), eb("p.available_from", "<=", request.periodUntil)]))
    .where((eb) => eb.or([eb("p.available_until", "is", null), eb("p.available_until", ">=", request.periodFrom)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("pool_profile_tags as s")
          .select("s.code")
          .whereRef("s.participant_id", "=", "p.participant_id")
          .where("s.kind", "=", "stadsdeel")
          .where("s.code", "=", request.stadsdeel),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("pool_invitations as i").select("i.id").whereRef("i.participant_id", "=", "p.participant_id").where("i.request_id", "=", request.id),
        ),
      ),
    );
  if (request.language) {
    const language = request.language;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("pool_profile_tags as l")
          .select("l.code")
          .whereRef("l.participant_id", "=", "p.participant_id")
          .where("l.kind", "=", "language")
          .where("l.code", "=", language),
      ),
    );
  }
  const rows = await q.orderBy("p.participant_id").execute();
  const tags = await tagsOf(
    db,
    rows.map((r) => r.participant_id),
  );
  const scored = rows.map((r) => {
    const t = tags.get(r.participant_id)!;
    const themeChosen = t.theme.includes(request.theme);
    const fullPeriod = (!r.available_from || r.available_from <= request.periodFrom) && (!r.available_until || r.available_until >= request.periodUntil);
    const why: Why[] = [
      { criterion: "stadsdeel", matched: true, stadsdeel: request.stadsdeel },
      { criterion: "language", matched: true, language: request.language },
      { criterion: "period", matched: fullPeriod },
      { criterion: "hours", matched: r.hours_per_week >= request.hoursPerWeek, hours: r.hours_per_week, asked: request.hoursPerWeek },
      { criterion: "theme", matched: themeChosen, theme: request.theme },
    ];
    const profile: ShownProfile = {
      experience: r.experience,
      themes: t.theme,
      languages: t.language,
      stadsdelen: t.stadsdeel,
      hoursPerWeek: r.hours_per_week,
      availableFrom: r.available_from,
      availableUntil: r.available_until,
    };
    return { participantId: r.participant_id, profile, why, themeChosen, gap: r.hours_per_week - request.hoursPerWeek };
  });
  // Enough hours before too few; among those with enough, the fewest extra; among too few, the most.
  const hoursRank = (gap: number) => (gap >= 0 ? gap : 1000 - gap);
  scored.sort((a, b) => Number(b.themeChosen) - Number(a.themeChosen) || hoursRank(a.gap) - hoursRank(b.gap) || a.participantId - b.participantId);
  return scored.map((s, i) => ({ participantId: s.participantId, number: i + 1, profile: s.profile, why: s.why }));
}

export interface TeamInvitation {
  id: number;
  /** "Poollid 1, 2, …" in the order of this list */
  number: number;
  status: PoolInvitationStatus;
  invitedAt: string;
  decidedAt: string | null;
  /** while invited: what the member chose to show (null when they left the pool) */
  profile: ShownProfile | null;
  /** only once accepted, and only while the member is in the pool: read from the pool profile now */
  contact: { name: string; phone: string | null; email: string | null } | null;
  /** accepted, but the member left the pool since: no contact to show */
  leftPool: boolean;
}

/** The invitations of a request as the team sees them: contact details only for an accepted one. */
export async function teamInvitations(db: Pick<DB, "selectFrom">, requestId: number): Promise<TeamInvitation[]> {
  const rows = await db
    .selectFrom("pool_invitations as i")
    .innerJoin("users as u", "u.id", "i.participant_id")
    .leftJoin("pool_profiles as p", "p.participant_id", "i.participant_id")
    .select([
      "i.id",
      "i.participant_id",
      "i.status",
      "i.invited_at",
      "i.decided_at",
      "u.name",
      "u.anonymised_at",
      "p.participant_id as in_pool",
      "p.experience",
      "p.hours_per_week",
      "p.available_from",
      "p.available_until",
      "p.contact_phone",
      "p.contact_email",
    ])
    .where("i.request_id", "=", requestId)
    .orderBy("i.invited_at")
    .orderBy("i.id")
    .execute();
  const tags = await tagsOf(
    db,
    rows.filter((r) => r.in_pool !== null && r.status === "invited").map((r) => r.participant_id),
  );
  return rows.map((r, i) => {
    const inPool = r.in_pool !== null && r.anonymised_at === null;
    const t = tags.get(r.participant_id);
    const profile: ShownProfile | null =
      r.status === "invited" && inPool && t
        ? {
            experience: r.experience ?? "",
            themes: t.theme,
            languages: t.language,
            stadsdelen: t.stadsdeel,
            hoursPerWeek: r.hours_per_week ?? 0,
            availableFrom: r.available_from,
            availableUntil: r.available_until,
          }
        : null;
    const accepted = r.status === "accepted";
    return {
      id: r.id,
      number: i + 1,
      status: r.status,
      invitedAt: r.invited_at,
      decidedAt: r.decided_at,
      profile,
      contact: accepted && inPool ? { name: r.name, phone: r.contact_phone, email: r.contact_email } : null,
      leftPool: accepted && !inPool,
    };
  });
}

export interface RequestPage {
  team: Team;
  request: PoolRequest;
  suggestions: Suggestion[];
  invitations: TeamInvitation[];
}

/** Everything on a request's page, or undefined when the request is not this team's. */
export async function requestPage(db: DB, user: Actor, requestId: number): Promise<RequestPage | undefined> {
  const found = await teamRequestFor(db, user, requestId);
  if (!found) return undefined;
  const [suggested, invitations] = await Promise.all([
    found.request.status === "open" ? suggestions(db, found.request) : Promise.resolve([]),
    teamInvitations(db, found.request.id),
  ]);
  return { ...found, suggestions: suggested, invitations };
}

async function teamCoordinatorIds(db: Pick<DB, "selectFrom">, teamId: number): Promise<number[]> {
  const rows = await db.selectFrom("team_coordinators").select("user_id").where("buurtteam_id", "=", teamId).orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

/**
 * Invites members for an open request. The ids from the form are checked again here: each must be
 * among the suggestions at this moment, or nothing is invited. Each member gets a message that
 * there is something for them.
 */
export async function inviteMembers(
  db: DB,
  actor: Actor,
  requestId: number,
  participantIds: number[],
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<number> {
  const found = await teamRequestFor(db, actor, requestId);
  if (!found) throw new UserInputError("poolRequest.notFound");
  const ids = [...new Set(participantIds)];
  if (ids.length === 0) throw new UserInputError("poolRequest.invite.none", "participants");
  const mailed = await db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom("pool_requests").select(REQUEST_COLUMNS).where("id", "=", requestId).executeTakeFirstOrThrow();
    if (request.status !== "open") throw new UserInputError("poolRequest.closed");
    const eligible = new Set((await suggestions(trx, toRequest(request))).map((s) => s.participantId));
    if (ids.some((id) => !eligible.has(id))) {
      throw new UserInputError("poolRequest.invite.notSuggested", "participants");
    }
    let queued = false;
    for (const participantId of ids) {
      const inv = await trx
        .insertInto("pool_invitations")
        .values({
          request_id: requestId,
          participant_id: participantId,
          status: "invited",
          invited_by: actor.id,
          invited_at: now.toISOString(),
          decided_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actor,
        action: "poolInvitation.invite",
        target: { type: "user", id: participantId },
        details: { request: requestId, invitation: inv.id },
        at: now,
      });
      if (opts.baseUrl) {
        const sent = await notifyUser(
          trx,
          {
            type: "pool-invitation",
            userId: participantId,
            baseUrl: opts.baseUrl,
            layout: {
              subject: "mail.pool.subject",
              before: [{ key: "mail.updates.logIn" }],
              action: { label: "mail.pool.action", url: appLink(opts.baseUrl, "/deelnemer/vragen") },
            },
            dedupeKey: `pool-invitation:${inv.id}`,
          },
          { now },
        );
        queued ||= sent;
      }
    }
    return queued;
  });
  if (mailed) nudgeMailSender();
  return ids.length;
}

/** The team withdraws an invitation that is still open or was accepted. */
export async function withdrawInvitation(db: DB, actor: Actor, requestId: number, invitationId: number, now = currentTime()): Promise<void> {
  const found = await teamRequestFor(db, actor, requestId);
  if (!found) throw new UserInputError("poolRequest.notFound");
  await db.transaction().execute(async (trx) => {
    const inv = await trx
      .selectFrom("pool_invitations")
      .select(["id", "participant_id", "status"])
      .where("id", "=", invitationId)
      .where("request_id", "=", requestId)
      .executeTakeFirst();
    if (!inv) throw new UserInputError("poolRequest.notFound");
    if (inv.status !== "invited" && inv.status !== "accepted") throw new UserInputError("poolRequest.withdraw.notOpen");
    await trx.updateTable("pool_invitations").set({ status: "withdrawn", decided_at: now.toISOString() }).where("id", "=", inv.id).execute();
    await audit(trx, {
      actor,
      action: "poolInvitation.withdraw",
      target: { type: "user", id: inv.participant_id },
      details: { request: requestId, invitation: inv.id },
      at: now,
    });
  });
}

/** Closes a request: no more suggestions, invitations or answers. */
export async function closePoolRequest(db: DB, actor: Actor, requestId: number, now = currentTime()): Promise<void> {
  const found = await teamRequestFor(db, actor, requestId);
  if (!found) throw new UserInputError("poolRequest.notFound");
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("pool_requests")
      .set({ status: "closed", closed_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", requestId)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new UserInputError("poolRequest.closed");
    await audit(trx, { actor, action: "poolRequest.close", target: { type: "pool_request", id: requestId }, at: now });
  });
}

export interface MemberInvitation {
  id: number;
  status: PoolInvitationStatus;
  invitedAt: string;
  decidedAt: string | null;
  teamName: string;
  requestOpen: boolean;
  theme: string;
  description: string;
  stadsdeel: string;
  language: string | null;
  periodFrom: string;
  periodUntil: string;
  hoursPerWeek: number;
}

/** The member's own invitations, newest first (withdrawn ones too: the member sees the team stopped). */
export async function memberInvitations(db: Pick<DB, "selectFrom">, participantId: number): Promise<MemberInvitation[]> {
  const rows = await db
    .selectFrom("pool_invitations as i")
    .innerJoin("pool_requests as r", "r.id", "i.request_id")
    .innerJoin("buurtteams as b", "b.id", "r.buurtteam_id")
    .select([
      "i.id",
      "i.status",
      "i.invited_at",
      "i.decided_at",
      "b.name as team_name",
      "r.status as request_status",
      "r.theme",
      "r.description",
      "r.stadsdeel",
      "r.language",
      "r.period_from",
      "r.period_until",
      "r.hours_per_week",
    ])
    .where("i.participant_id", "=", participantId)
    .orderBy("i.invited_at", "desc")
    .orderBy("i.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    invitedAt: r.invited_at,
    decidedAt: r.decided_at,
    teamName: r.team_name,
    requestOpen: r.request_status === "open",
    theme: r.theme,
    description: r.description,
    stadsdeel: r.stadsdeel,
    language: r.language,
    periodFrom: r.period_from,
    periodUntil: r.period_until,
    hoursPerWeek: r.hours_per_week,
  }));
}

/** How many invitations wait for the member's answer (for /deelnemer/pool). */
export async function waitingInvitationCount(db: Pick<DB, "selectFrom">, participantId: number): Promise<number> {
  const row = await db
    .selectFrom("pool_invitations as i")
    .innerJoin("pool_requests as r", "r.id", "i.request_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("i.participant_id", "=", participantId)
    .where("i.status", "=", "invited")
    .where("r.status", "=", "open")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface MemberPage {
  inPool: boolean;
  invitations: MemberInvitation[];
}

/**
 * The member's invitations page, or undefined for someone who may not use it: a participant with
 * a valid certificate, one still in the pool, or one who was invited before. A refusal is audited;
 * the route answers it as not found.
 */
export async function memberPage(db: DB, user: Actor, ip: string | null = null): Promise<MemberPage | undefined> {
  const refuse = async () => {
    await audit(db, { actor: user, action: "poolInvitation.view", target: { type: "user", id: user.id }, outcome: "denied", ip });
    return undefined;
  };
  if (user.role !== "participant") return refuse();
  const [certified, profile, invitations] = await Promise.all([
    isCertified(db, user.id),
    db.selectFrom("pool_profiles").select("participant_id").where("participant_id", "=", user.id).executeTakeFirst(),
    memberInvitations(db, user.id),
  ]);
  if (!certified && !profile && invitations.length === 0) return refuse();
  return { inPool: Boolean(profile), invitations };
}

/**
 * The member accepts or declines their own invitation, only while it waits and the request is
 * open. Accepting needs a place in the pool (the contact details come from the profile). The
 * team's buurtteam-coördinatoren get a message that there is an answer.
 */
export async function respondToInvitation(
  db: DB,
  actor: Actor,
  invitationId: number,
  answer: "accept" | "decline",
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<void> {
  const mailed = await db.transaction().execute(async (trx) => {
    const inv = await trx
      .selectFrom("pool_invitations as i")
      .innerJoin("pool_requests as r", "r.id", "i.request_id")
      .select(["i.id", "i.status", "i.request_id", "r.status as request_status", "r.buurtteam_id"])
      .where("i.id", "=", invitationId)
      // only their own invitation: another id is simply not found
      .where("i.participant_id", "=", actor.id)
      .executeTakeFirst();
    if (!inv || actor.role !== "participant") throw new UserInputError("poolInvitation.notFound");
    if (inv.status !== "invited" || inv.request_status !== "open") throw new UserInputError("poolInvitation.notOpen");
    if (answer === "accept") {
      const inPool = await trx.selectFrom("pool_profiles").select("participant_id").where("participant_id", "=", actor.id).executeTakeFirst();
      if (!inPool) throw new UserInputError("poolInvitation.notInPool");
    }
    const res = await trx
      .updateTable("pool_invitations")
      .set({ status: answer === "accept" ? "accepted" : "declined", decided_at: now.toISOString() })
      .where("id", "=", inv.id)
      .where("status", "=", "invited")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new UserInputError("poolInvitation.notOpen");
    await audit(trx, {
      actor,
      action: answer === "accept" ? "poolInvitation.accept" : "poolInvitation.decline",
      target: { type: "pool_invitation", id: inv.id },
      details: { request: inv.request_id },
      at: now,
    });
    if (!opts.baseUrl) return false;
    let queued = false;
    for (const coordinatorId of await teamCoordinatorIds(trx, inv.buurtteam_id)) {
      const sent = await notifyUser(
        trx,
        {
          type: "pool-invitation-answered",
          userId: coordinatorId,
          baseUrl: opts.baseUrl,
          layout: {
            subject: "mail.pool.subject",
            before: [{ key: "mail.updates.logIn" }],
            action: { label: "mail.pool.action", url: appLink(opts.baseUrl, `/buurtteam/vragen/${inv.request_id}`) },
          },
          dedupeKey: `pool-invitation-answered:${inv.id}:${coordinatorId}`,
        },
        { now },
      );
      queued ||= sent;
    }
    return queued;
  });
  if (mailed) nudgeMailSender();
}

/** Removes a person's invitations (anonymising). */
export async function deletePoolInvitationsOf(trx: Q, participantId: number): Promise<void> {
  await trx.deleteFrom("pool_invitations").where("participant_id", "=", participantId).execute();
}
