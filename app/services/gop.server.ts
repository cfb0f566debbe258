import type { DB } from "../../db/connect";
import type { PopStatus, User } from "../../db/schema";
import { emptyGop, mergeGop, normaliseGop, type GopContent, type GopSection } from "../rules/gop";
import { canTransition, statusAfterEdit } from "../rules/pop";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { currentTime } from "../clock.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { gopDecisionMail, notifyEach, type UpdateMailOptions } from "./mail-updates.server";
import { currentEnrolment } from "./enrolment.server";

export interface GopContext {
  cohortId: number;
  cohortName: string;
  viewerIs: "member" | "trainer";
}

/** A GOP is for its cohort's participants and trainers only; anyone else gets undefined. */
export async function gopContext(db: DB, viewer: Pick<User, "id" | "role">, cohortId: number): Promise<GopContext | undefined> {
  const cohort = await db.selectFrom("cohorts").select(["id", "name"]).where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) return undefined;
  if (viewer.role === "participant") {
    const member = await db.selectFrom("enrolments").select("id").where("cohort_id", "=", cohortId).where("participant_id", "=", viewer.id).executeTakeFirst();
    return member ? { cohortId, cohortName: cohort.name, viewerIs: "member" } : undefined;
  }
  if (viewer.role === "trainer") {
    const teaches = await db
      .selectFrom("cohort_trainers")
      .select("cohort_id")
      .where("cohort_id", "=", cohortId)
      .where("user_id", "=", viewer.id)
      .executeTakeFirst();
    return teaches ? { cohortId, cohortName: cohort.name, viewerIs: "trainer" } : undefined;
  }
  return undefined;
}

export async function cohortOfParticipant(db: DB, participantId: number): Promise<number | undefined> {
  return (await currentEnrolment(db, participantId))?.cohort_id;
}

export interface GopState {
  status: PopStatus;
  version: number;
  content: GopContent;
  versions: { number: number; author: string | null; changed: GopSection[]; created_at: string }[];
  contributions: { name: string; versions: number; sections: GopSection[] }[];
  events: { action: "submit" | "approve" | "return"; version_number: number; actor: string | null; note: string | null; at: string }[];
}

export async function gopState(db: DB, cohortId: number): Promise<GopState> {
  const gop = await db.selectFrom("gops").selectAll().where("cohort_id", "=", cohortId).executeTakeFirst();
  if (!gop) return { status: "concept", version: 0, content: emptyGop(), versions: [], contributions: [], events: [] };
  const versions = await db
    .selectFrom("gop_versions as v")
    .leftJoin("users as u", "u.id", "v.author_id")
    .select(["v.number", "u.name as author", "v.changed_sections", "v.created_at", "v.content"])
    .where("v.gop_id", "=", gop.id)
    .orderBy("v.number", "desc")
    .execute();
  const events = await db
    .selectFrom("gop_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.action", "e.version_number", "u.name as actor", "e.note", "e.at"])
    .where("e.gop_id", "=", gop.id)
    .orderBy("e.id")
    .execute();
  const byAuthor = new Map<string, { versions: number; sections: Set<GopSection> }>();
  for (const v of versions) {
    const name = v.author ?? "?";
    const entry = byAuthor.get(name) ?? { versions: 0, sections: new Set<GopSection>() };
    entry.versions += 1;
    for (const s of JSON.parse(v.changed_sections) as GopSection[]) entry.sections.add(s);
    byAuthor.set(name, entry);
  }
  return {
    status: gop.status,
    version: gop.current_version,
    content: versions[0] ? (JSON.parse(versions[0].content) as GopContent) : emptyGop(),
    versions: versions.map((v) => ({ number: v.number, author: v.author, changed: JSON.parse(v.changed_sections) as GopSection[], created_at: v.created_at })),
    contributions: [...byAuthor.entries()]
      .map(([name, e]) => ({ name, versions: e.versions, sections: [...e.sections] }))
      .sort((a, b) => b.versions - a.versions),
    events,
  };
}

export type GopSaveResult =
  | { status: "saved"; version: number }
  | { status: "unchanged"; version: number }
  | { status: "conflict"; version: number; conflicts: { section: GopSection; mine: string; theirs: string }[]; lastAuthor: string | null };

/**
 * Saves an edit made on top of version `baseVersion`. Changes to sections nobody else touched
 * are merged in; a section someone else changed in the meantime is a conflict and nothing is
 * written, so no one's text is silently overwritten.
 */
export async function saveGop(
  db: DB,
  editor: Pick<User, "id" | "role">,
  cohortId: number,
  input: { baseVersion: number; content: GopContent },
  now = currentTime(),
): Promise<GopSaveResult> {
  const ctx = await gopContext(db, editor, cohortId);
  if (!ctx) throw new UserInputError("gop.notFound");
  return db.transaction().execute(async (trx) => {
    let gop = await trx.selectFrom("gops").selectAll().where("cohort_id", "=", cohortId).executeTakeFirst();
    if (!gop) {
      gop = await trx
        .insertInto("gops")
        .values({ cohort_id: cohortId, status: "concept", current_version: 0, created_at: now.toISOString(), updated_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const contentOf = async (n: number) => {
      if (n === 0) return emptyGop();
      const row = await trx.selectFrom("gop_versions").select("content").where("gop_id", "=", gop!.id).where("number", "=", n).executeTakeFirst();
      if (!row) throw new UserInputError("gop.versionNotFound");
      return JSON.parse(row.content) as GopContent;
    };
    const base = await contentOf(input.baseVersion);
    const current = await contentOf(gop.current_version);
    const merged = mergeGop(base, current, input.content);
    if (!merged.ok) {
      const last = await trx
        .selectFrom("gop_versions as v")
        .leftJoin("users as u", "u.id", "v.author_id")
        .select("u.name")
        .where("v.gop_id", "=", gop.id)
        .where("v.number", "=", gop.current_version)
        .executeTakeFirst();
      return { status: "conflict", version: gop.current_version, conflicts: merged.conflicts, lastAuthor: last?.name ?? null };
    }
    if (merged.changed.length === 0) return { status: "unchanged", version: gop.current_version };
    const number = gop.current_version + 1;
    await trx
      .insertInto("gop_versions")
      .values({
        gop_id: gop.id,
        number,
        content: JSON.stringify(normaliseGop(merged.content)),
        changed_sections: JSON.stringify(merged.changed),
        author_id: editor.id,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .updateTable("gops")
      .set({ current_version: number, status: gop.current_version === 0 ? "concept" : statusAfterEdit(gop.status), updated_at: now.toISOString() })
      .where("id", "=", gop.id)
      .execute();
    return { status: "saved", version: number };
  });
}

/**
 * A member hands the GOP in; a trainer of the cohort approves or returns that version. With
 * `opts.baseUrl` every participant still in the cohort gets a message about the decision
 * (gop-approved / gop-returned) in the same transaction, never the plan or the trainer's words.
 */
export async function gopStep(
  db: DB,
  actor: Pick<User, "id" | "role">,
  cohortId: number,
  input: { action: "submit" | "approve" | "return"; version: number; note: string | null },
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<void> {
  const ctx = await gopContext(db, actor, cohortId);
  if (!ctx) throw new UserInputError("gop.notFound");
  const gop = await db.selectFrom("gops").selectAll().where("cohort_id", "=", cohortId).executeTakeFirst();
  if (!gop || gop.current_version === 0) throw new UserInputError("gop.nothingYet");
  if (!canTransition(gop.status, input.action, ctx.viewerIs === "member" ? "owner" : "trainer")) throw new UserInputError("gop.stepNotAllowed");
  if (gop.current_version !== input.version) throw new UserInputError("pop.versionChanged");
  const next: PopStatus = input.action === "submit" ? "ingediend" : input.action === "approve" ? "goedgekeurd" : "terug";
  const mailQueued = await db.transaction().execute(async (trx) => {
    await trx.updateTable("gops").set({ status: next, updated_at: now.toISOString() }).where("id", "=", gop.id).execute();
    const event = await trx
      .insertInto("gop_events")
      .values({ gop_id: gop.id, version_number: input.version, action: input.action, actor_id: actor.id, note: input.note, at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: { id: actor.id, role: actor.role },
      action: `gop.${input.action}`,
      target: { type: "gop", id: gop.id },
      details: { version: input.version },
      at: now,
    });
    if (!opts.baseUrl || input.action === "submit") return false;
    const decision = input.action;
    // The hand-in this decision is about: one message per person per hand-in decided.
    const handIn = await trx
      .selectFrom("gop_events")
      .select("id")
      .where("gop_id", "=", gop.id)
      .where("version_number", "=", input.version)
      .where("action", "=", "submit")
      .where("id", "<", event.id)
      .orderBy("id", "desc")
      .executeTakeFirst();
    const members = await trx.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohortId).where("left_on", "is", null).execute();
    const type = decision === "approve" ? "gop-approved" : "gop-returned";
    const baseUrl = opts.baseUrl;
    return notifyEach(trx, {
      type,
      baseUrl,
      userIds: members.map((m) => m.participant_id),
      dedupeKey: (userId) => `${type}:${gop.id}:${input.version}:${handIn?.id ?? event.id}:${userId}`,
      build: () => gopDecisionMail(baseUrl, cohortId, decision),
      now,
    });
  });
  if (mailQueued) nudgeMailSender();
}

/** An older version comes back as a new version, on top of the newest one; nothing is lost. */
export async function restoreGopVersion(
  db: DB,
  editor: Pick<User, "id" | "role">,
  cohortId: number,
  number: number,
  now = currentTime(),
): Promise<GopSaveResult> {
  const gop = await db.selectFrom("gops").select(["id", "current_version"]).where("cohort_id", "=", cohortId).executeTakeFirst();
  const row = gop
    ? await db.selectFrom("gop_versions").select("content").where("gop_id", "=", gop.id).where("number", "=", number).executeTakeFirst()
    : undefined;
  if (!gop || !row) throw new UserInputError("gop.versionNotFound");
  return saveGop(db, editor, cohortId, { baseVersion: gop.current_version, content: JSON.parse(row.content) as GopContent }, now);
}
