import type { DB } from "../../db/connect";
import type { PoolTagKind, User } from "../../db/schema";
import { currentTime } from "../clock.server";
import type { PoolProfileInput, ShownProfile } from "../forms/pool";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";

/*
 * The city-wide pool of certified ervaringsdeskundigen (issue 31, point 2). Only a person with a
 * valid certificate (not revoked, not replaced) may join or change their profile; they can pause,
 * resume and leave at any time. Leaving deletes the profile and its choices at once: the audit
 * line keeps only the fact (who, when), never what the profile said.
 *
 * Who sees a profile: the person themselves here. Buurtteam-coördinatoren (a later part of the
 * issue) see what the person chose to show, contact details only after the person accepted their
 * request; pool members never see each other.
 */

type Q = Pick<DB, "selectFrom" | "insertInto" | "updateTable" | "deleteFrom">;

/** The member's whole profile: what they show (ShownProfile), how to reach them, and when. */
export interface PoolProfile extends ShownProfile {
  contactPhone: string | null;
  contactEmail: string | null;
  consentAt: string;
  pausedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The holders of a valid certificate (issued, not revoked, not replaced): one query for the check
 * of one person here and for the suggestions to buurtteams (pool-requests.server.ts).
 */
export function validCertificateHolders(db: Pick<DB, "selectFrom">) {
  return db
    .selectFrom("certificates")
    .select("certificates.participant_id")
    .where("certificates.revoked_at", "is", null)
    .where("certificates.superseded_by_id", "is", null);
}

/** True when the person holds a valid certificate (issued, not revoked, not replaced). */
export async function isCertified(db: Q, participantId: number): Promise<boolean> {
  const row = await validCertificateHolders(db).where("certificates.participant_id", "=", participantId).executeTakeFirst();
  return Boolean(row);
}

/** The person's own pool profile, or null when they are not in the pool. */
export async function ownPoolProfile(db: Q, participantId: number): Promise<PoolProfile | null> {
  const row = await db.selectFrom("pool_profiles").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  if (!row) return null;
  const tags = await db.selectFrom("pool_profile_tags").select(["kind", "code"]).where("participant_id", "=", participantId).orderBy("code").execute();
  const of = (kind: PoolTagKind) => tags.filter((t) => t.kind === kind).map((t) => t.code);
  return {
    experience: row.experience,
    themes: of("theme"),
    languages: of("language"),
    stadsdelen: of("stadsdeel"),
    hoursPerWeek: row.hours_per_week,
    availableFrom: row.available_from,
    availableUntil: row.available_until,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    consentAt: row.consent_at,
    pausedAt: row.paused_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** For the participant's home: in the pool, paused, or not in it. */
export async function poolStateOf(db: Q, participantId: number): Promise<"none" | "active" | "paused"> {
  const row = await db.selectFrom("pool_profiles").select("paused_at").where("participant_id", "=", participantId).executeTakeFirst();
  return !row ? "none" : row.paused_at ? "paused" : "active";
}

export interface PoolPage {
  certified: boolean;
  profile: PoolProfile | null;
  /** the account's e-mail address, offered as the way to be reached */
  accountEmail: string;
}

/**
 * The pool page's data, or undefined for someone who may not use it: only a participant with a
 * valid certificate, or one still in the pool (a revoked certificate: they can still pause and
 * leave). A refusal is audited; the route answers it as not found.
 */
export async function poolPage(db: DB, user: Pick<User, "id" | "email" | "role">, ip: string | null = null): Promise<PoolPage | undefined> {
  const [certified, profile] = await Promise.all([isCertified(db, user.id), ownPoolProfile(db, user.id)]);
  if (user.role !== "participant" || (!certified && !profile)) {
    await audit(db, { actor: { id: user.id, role: user.role }, action: "pool.view", target: { type: "user", id: user.id }, outcome: "denied", ip });
    return undefined;
  }
  return { certified, profile, accountEmail: user.email };
}

type Actor = { id: number; role: string; ip?: string | null };

/** A refusal is audited (outside the write, so the line stays) and answered calmly. */
async function refuseUncertified(db: DB, actor: Actor, action: string): Promise<void> {
  if (actor.role === "participant" && (await isCertified(db, actor.id))) return;
  await audit(db, { actor, action, target: { type: "user", id: actor.id }, outcome: "denied" });
  throw new UserInputError("pool.notCertified");
}

async function writeTags(trx: Q, participantId: number, input: PoolProfileInput): Promise<void> {
  await trx.deleteFrom("pool_profile_tags").where("participant_id", "=", participantId).execute();
  const rows = [
    ...input.themes.map((code) => ({ participant_id: participantId, kind: "theme" as const, code })),
    ...input.languages.map((code) => ({ participant_id: participantId, kind: "language" as const, code })),
    ...input.stadsdelen.map((code) => ({ participant_id: participantId, kind: "stadsdeel" as const, code })),
  ];
  if (rows.length > 0) await trx.insertInto("pool_profile_tags").values(rows).execute();
}

/**
 * Joins the pool (with consent) or changes the profile. Only for the person themselves, and only
 * with a valid certificate. The audit line names which fields were given, never their content.
 */
export async function savePoolProfile(db: DB, actor: Actor, input: PoolProfileInput & { consent?: "ja" }, now = currentTime()): Promise<"joined" | "updated"> {
  await refuseUncertified(db, actor, "pool.save");
  return db.transaction().execute(async (trx) => {
    // Again inside the write: a certificate revoked in the meantime stops it.
    if (!(await isCertified(trx, actor.id))) throw new UserInputError("pool.notCertified");
    const nowIso = now.toISOString();
    const existing = await trx.selectFrom("pool_profiles").select("participant_id").where("participant_id", "=", actor.id).executeTakeFirst();
    const values = {
      experience: input.experience,
      hours_per_week: input.hoursPerWeek,
      available_from: input.availableFrom,
      available_until: input.availableUntil,
      contact_phone: input.contactPhone,
      contact_email: input.contactEmail,
      updated_at: nowIso,
    };
    if (existing) {
      await trx.updateTable("pool_profiles").set(values).where("participant_id", "=", actor.id).execute();
    } else {
      if (input.consent !== "ja") throw new UserInputError("pool.consent.required", "consent");
      await trx
        .insertInto("pool_profiles")
        .values({ participant_id: actor.id, consent_at: nowIso, paused_at: null, created_at: nowIso, ...values })
        .execute();
    }
    await writeTags(trx, actor.id, input);
    await audit(trx, { actor, action: existing ? "pool.update" : "pool.join", target: { type: "user", id: actor.id }, at: now });
    return existing ? "updated" : "joined";
  });
}

/** Pauses (not suggested to buurtteams) or resumes the profile. */
export async function setPoolPaused(db: DB, actor: Actor, paused: boolean, now = currentTime()): Promise<void> {
  // Pausing is always allowed; coming back into view needs a valid certificate.
  if (!paused) await refuseUncertified(db, actor, "pool.resume");
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("pool_profiles")
      .set({ paused_at: paused ? now.toISOString() : null, updated_at: now.toISOString() })
      .where("participant_id", "=", actor.id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new UserInputError("pool.notInPool");
    await audit(trx, { actor, action: paused ? "pool.pause" : "pool.resume", target: { type: "user", id: actor.id }, at: now });
  });
}

/**
 * Leaves the pool: the profile and its choices are deleted at once. Allowed without a valid
 * certificate too (someone whose certificate was revoked can always leave). The audit line keeps
 * only the fact.
 */
export async function leavePool(db: DB, actor: Actor, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deletePoolProfileOf(trx, actor.id);
    await audit(trx, { actor, action: "pool.leave", target: { type: "user", id: actor.id }, at: now });
  });
}

/** Deletes a person's pool profile and choices (leaving, anonymising); true when there was one. */
export async function deletePoolProfileOf(trx: Q, participantId: number): Promise<boolean> {
  await trx.deleteFrom("pool_profile_tags").where("participant_id", "=", participantId).execute();
  const res = await trx.deleteFrom("pool_profiles").where("participant_id", "=", participantId).executeTakeFirst();
  return Number(res.numDeletedRows ?? 0n) > 0;
}
