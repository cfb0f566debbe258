import type { DB } from "../../db/connect";
import type { PopStatus, User } from "../../db/schema";
import { parseLeerlijnTemplate } from "../rules/leerlijn-template";
import { canTransition, emptyPop, normalisePop, samePop, statusAfterEdit, submitProblems, type PopContent, type SubmitProblem } from "../rules/pop";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { currentTime } from "../clock.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { popDecisionMail, type UpdateMailOptions } from "./mail-updates.server";
import { notifyUser } from "./notify.server";
import { currentEnrolmentId } from "./enrolment.server";

export interface PopContext {
  participant: { id: number; name: string };
  cohortId: number | null;
  rules: { popLeerdoelenMin: number; popLeerdoelenMax: number };
  competencies: { code: string; title: string }[];
  viewerIs: "owner" | "trainer";
}

/**
 * Whether this viewer may see this participant's POP, and with which role. The owner, or a
 * trainer of the owner's cohort; nobody else (examiners come with the interview). Someone
 * else's id gives undefined, exactly like an unknown id.
 */
export async function popContext(db: DB, viewer: Pick<User, "id" | "role">, participantId: number): Promise<PopContext | undefined> {
  let q = db
    .selectFrom("users as u")
    // the current enrolment (a returning participant has more than one)
    .leftJoin("enrolments as e", (j) => j.onRef("e.participant_id", "=", "u.id").on("e.id", "=", currentEnrolmentId("u.id")))
    .leftJoin("cohorts as c", "c.id", "e.cohort_id")
    .leftJoin("leerlijn_versions as v", "v.id", "c.leerlijn_version_id")
    .select(["u.id", "u.name", "e.cohort_id", "v.definition"])
    .where("u.id", "=", participantId)
    .where("u.role", "=", "participant");
  if (viewer.role === "participant") q = q.where("u.id", "=", viewer.id);
  else if (viewer.role === "trainer") {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("cohort_trainers as ct").select("ct.cohort_id").whereRef("ct.cohort_id", "=", "e.cohort_id").where("ct.user_id", "=", viewer.id)),
    );
  } else return undefined;
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  let definition = row.definition;
  if (!definition) {
    const latest = await db.selectFrom("leerlijn_versions").select("definition").orderBy("id", "desc").executeTakeFirst();
    definition = latest?.definition ?? null;
  }
  const template = definition ? parseLeerlijnTemplate(JSON.parse(definition)) : null;
  return {
    participant: { id: row.id, name: row.name },
    cohortId: row.cohort_id,
    rules: {
      popLeerdoelenMin: template?.rules.popLeerdoelenMin ?? 2,
      popLeerdoelenMax: template?.rules.popLeerdoelenMax ?? 5,
    },
    competencies: (template?.competencies ?? []).map((c) => ({ code: c.code, title: c.title })),
    viewerIs: viewer.role === "participant" ? "owner" : "trainer",
  };
}

export interface PopVersionInfo {
  number: number;
  author: string | null;
  created_at: string;
  restored_from: number | null;
}

export interface PopEvent {
  action: "submit" | "approve" | "return";
  version_number: number;
  actor: string | null;
  note: string | null;
  at: string;
}

export interface PopComment {
  id: number;
  section: string;
  version_number: number;
  author: string | null;
  author_is_owner: boolean;
  reply_to: number | null;
  text: string;
  created_at: string;
}

/**
 * Why the trainer sent the plan back: set while the plan is "terug" (until it is handed in again).
 * The note is the trainer's reason; null when they returned it with section comments only. For the
 * owner and their trainers only (popState and popSummary are read for them alone).
 */
export interface PopReturn {
  version: number;
  note: string | null;
  by: string | null;
  at: string;
}

export interface PopState {
  status: PopStatus;
  /** The last return, while the status is "terug". */
  returned: PopReturn | null;
  version: number;
  content: PopContent;
  storyConsent: boolean;
  versions: PopVersionInfo[];
  events: PopEvent[];
  comments: PopComment[];
  approvedVersion: number | null;
}

export async function popState(db: DB, participantId: number): Promise<PopState> {
  const pop = await db.selectFrom("pops").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  if (!pop) {
    return {
      status: "concept",
      returned: null,
      version: 0,
      content: emptyPop(),
      storyConsent: false,
      versions: [],
      events: [],
      comments: [],
      approvedVersion: null,
    };
  }
  const versions = await db
    .selectFrom("pop_versions as v")
    .leftJoin("users as u", "u.id", "v.author_id")
    .select(["v.number", "u.name as author", "v.created_at", "v.restored_from", "v.content"])
    .where("v.pop_id", "=", pop.id)
    .orderBy("v.number", "desc")
    .execute();
  const events = await db
    .selectFrom("pop_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.action", "e.version_number", "u.name as actor", "e.note", "e.at"])
    .where("e.pop_id", "=", pop.id)
    .orderBy("e.id")
    .execute();
  const comments = await db
    .selectFrom("pop_comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .select(["c.id", "c.section", "c.version_number", "u.name as author", "c.author_id", "c.reply_to", "c.text", "c.created_at"])
    .where("c.pop_id", "=", pop.id)
    .orderBy("c.id")
    .execute();
  const latest = versions[0];
  const approved = [...events].reverse().find((e) => e.action === "approve");
  const lastReturn = pop.status === "terug" ? [...events].reverse().find((e) => e.action === "return") : undefined;
  return {
    status: pop.status,
    returned: lastReturn ? { version: lastReturn.version_number, note: lastReturn.note, by: lastReturn.actor, at: lastReturn.at } : null,
    version: pop.current_version,
    content: latest ? (JSON.parse(latest.content) as PopContent) : emptyPop(),
    storyConsent: pop.story_consent_at !== null,
    versions: versions.map(({ content: _c, ...v }) => v),
    events,
    comments: comments.map(({ author_id, ...c }) => ({ ...c, author_is_owner: author_id === participantId })),
    approvedVersion: approved?.version_number ?? null,
  };
}

/**
 * What the participant's home page needs of the POP: its status (null before the first version)
 * and how many trainer comments still wait for the participant's answer. Two small queries, where
 * `popState` reads every version, event and comment.
 */
export async function popSummary(db: DB, participantId: number): Promise<{ status: PopStatus | null; commentsWaiting: number; returned: PopReturn | null }> {
  const pop = await db.selectFrom("pops").select(["id", "status", "current_version"]).where("participant_id", "=", participantId).executeTakeFirst();
  if (!pop) return { status: null, commentsWaiting: 0, returned: null };
  const comments = await db.selectFrom("pop_comments").select(["id", "author_id", "reply_to"]).where("pop_id", "=", pop.id).execute();
  const lastReturn =
    pop.status === "terug"
      ? await db
          .selectFrom("pop_events as e")
          .leftJoin("users as u", "u.id", "e.actor_id")
          .select(["e.version_number", "e.note", "u.name", "e.at"])
          .where("e.pop_id", "=", pop.id)
          .where("e.action", "=", "return")
          .orderBy("e.id", "desc")
          .limit(1)
          .executeTakeFirst()
      : undefined;
  return {
    status: pop.current_version > 0 ? pop.status : null,
    commentsWaiting: commentsWaiting(comments.map((c) => ({ id: c.id, reply_to: c.reply_to, author_is_owner: c.author_id === participantId }))),
    returned: lastReturn ? { version: lastReturn.version_number, note: lastReturn.note, by: lastReturn.name, at: lastReturn.at } : null,
  };
}

/** Trainer comments (not replies) that the participant has not answered yet. */
export function commentsWaiting(comments: readonly Pick<PopComment, "id" | "reply_to" | "author_is_owner">[]): number {
  const answered = new Set(comments.filter((c) => c.author_is_owner && c.reply_to !== null).map((c) => c.reply_to));
  return comments.filter((c) => !c.author_is_owner && c.reply_to === null && !answered.has(c.id)).length;
}

export async function popVersionContent(db: DB, participantId: number, number: number): Promise<PopContent | undefined> {
  const row = await db
    .selectFrom("pop_versions as v")
    .innerJoin("pops as p", "p.id", "v.pop_id")
    .select("v.content")
    .where("p.participant_id", "=", participantId)
    .where("v.number", "=", number)
    .executeTakeFirst();
  return row ? (JSON.parse(row.content) as PopContent) : undefined;
}

async function ensurePop(db: DB, participantId: number, now: Date) {
  const existing = await db.selectFrom("pops").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto("pops")
    .values({
      participant_id: participantId,
      status: "concept",
      current_version: 0,
      story_consent_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type SaveOutcome = { changed: boolean; version: number; status: PopStatus };

/**
 * The owner saves their plan. A save that changes the text makes a new version; the
 * personal story is kept only with explicit consent.
 */
export async function savePop(
  db: DB,
  owner: Pick<User, "id">,
  input: { content: PopContent; storyConsent: boolean; restoredFrom?: number },
  now = currentTime(),
): Promise<SaveOutcome> {
  const content = normalisePop(input.content);
  if (content.wieBenIk && !input.storyConsent) throw new UserInputError("pop.consentRequired", "storyConsent");
  return db.transaction().execute(async (trx) => {
    const pop = await ensurePop(trx, owner.id, now);
    const latest = await trx
      .selectFrom("pop_versions")
      .select("content")
      .where("pop_id", "=", pop.id)
      .where("number", "=", pop.current_version)
      .executeTakeFirst();
    const consentAt = input.storyConsent ? (pop.story_consent_at ?? now.toISOString()) : null;
    if (!input.storyConsent && pop.story_consent_at) {
      // Consent withdrawn: the story leaves every stored version, not only the newest.
      const all = await trx.selectFrom("pop_versions").select(["id", "content"]).where("pop_id", "=", pop.id).execute();
      for (const v of all) {
        const c = JSON.parse(v.content) as PopContent;
        if (c.wieBenIk)
          await trx
            .updateTable("pop_versions")
            .set({ content: JSON.stringify({ ...c, wieBenIk: "" }) })
            .where("id", "=", v.id)
            .execute();
      }
      await audit(trx, { actor: { id: owner.id, role: "participant" }, action: "pop.story.consentWithdrawn", target: { type: "pop", id: pop.id }, at: now });
    }
    const unchanged = latest && samePop(JSON.parse(latest.content) as PopContent, content) && input.restoredFrom === undefined;
    if (unchanged || (!latest && samePop(emptyPop(), content))) {
      await trx.updateTable("pops").set({ story_consent_at: consentAt }).where("id", "=", pop.id).execute();
      return { changed: false, version: pop.current_version, status: pop.status };
    }
    const number = pop.current_version + 1;
    await trx
      .insertInto("pop_versions")
      .values({
        pop_id: pop.id,
        number,
        content: JSON.stringify(content),
        author_id: owner.id,
        restored_from: input.restoredFrom ?? null,
        created_at: now.toISOString(),
      })
      .execute();
    const status = pop.current_version === 0 ? "concept" : statusAfterEdit(pop.status);
    await trx
      .updateTable("pops")
      .set({ current_version: number, status, story_consent_at: consentAt, updated_at: now.toISOString() })
      .where("id", "=", pop.id)
      .execute();
    return { changed: true, version: number, status };
  });
}

/** An older version comes back as a new version; nothing is lost. */
export async function restorePopVersion(db: DB, owner: Pick<User, "id">, number: number, now = currentTime()): Promise<SaveOutcome> {
  const content = await popVersionContent(db, owner.id, number);
  if (!content) throw new UserInputError("pop.versionNotFound");
  const pop = await db.selectFrom("pops").select("story_consent_at").where("participant_id", "=", owner.id).executeTakeFirstOrThrow();
  return savePop(
    db,
    owner,
    { content: pop.story_consent_at ? content : { ...content, wieBenIk: "" }, storyConsent: pop.story_consent_at !== null, restoredFrom: number },
    now,
  );
}

export async function submitPop(db: DB, owner: Pick<User, "id">, ctx: PopContext, now = currentTime()): Promise<SubmitProblem[]> {
  const pop = await db.selectFrom("pops").selectAll().where("participant_id", "=", owner.id).executeTakeFirst();
  if (!pop || pop.current_version === 0) throw new UserInputError("pop.nothingToSubmit");
  if (!canTransition(pop.status, "submit", "owner")) throw new UserInputError("pop.cannotSubmit");
  const content = (await popVersionContent(db, owner.id, pop.current_version))!;
  const problems = submitProblems(
    content,
    ctx.rules,
    ctx.competencies.map((c) => c.code),
  );
  if (problems.length > 0) return problems;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("pops").set({ status: "ingediend", updated_at: now.toISOString() }).where("id", "=", pop.id).execute();
    await trx
      .insertInto("pop_events")
      .values({ pop_id: pop.id, version_number: pop.current_version, action: "submit", actor_id: owner.id, note: null, at: now.toISOString() })
      .execute();
    await audit(trx, {
      actor: { id: owner.id, role: "participant" },
      action: "pop.submit",
      target: { type: "pop", id: pop.id },
      details: { version: pop.current_version },
      at: now,
    });
  });
  return [];
}

/**
 * The trainer approves or returns one specific, handed-in version. With `opts.baseUrl` the
 * participant gets a message (pop-approved / pop-returned) in the same transaction: that there is
 * something to see, never the plan or the trainer's words.
 */
export async function decidePop(
  db: DB,
  trainer: Pick<User, "id" | "role">,
  participantId: number,
  input: { action: "approve" | "return"; version: number; note: string | null },
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<void> {
  const ctx = await popContext(db, trainer, participantId);
  if (!ctx || ctx.viewerIs !== "trainer") throw new UserInputError("pop.notFound");
  const pop = await db.selectFrom("pops").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  if (!pop || !canTransition(pop.status, input.action, "trainer")) throw new UserInputError("pop.cannotDecide");
  if (pop.current_version !== input.version) throw new UserInputError("pop.versionChanged");
  if (input.action === "return" && !input.note?.trim()) {
    const comments = await db
      .selectFrom("pop_comments")
      .select("id")
      .where("pop_id", "=", pop.id)
      .where("version_number", "=", pop.current_version)
      .where("author_id", "=", trainer.id)
      .executeTakeFirst();
    if (!comments) throw new UserInputError("pop.returnNeedsComment", "note");
  }
  const mailQueued = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("pops")
      .set({ status: input.action === "approve" ? "goedgekeurd" : "terug", updated_at: now.toISOString() })
      .where("id", "=", pop.id)
      .where("current_version", "=", input.version)
      .execute();
    await trx
      .insertInto("pop_events")
      .values({
        pop_id: pop.id,
        version_number: input.version,
        action: input.action,
        actor_id: trainer.id,
        note: input.note?.trim() || null,
        at: now.toISOString(),
      })
      .execute();
    await audit(trx, {
      actor: { id: trainer.id, role: trainer.role },
      action: input.action === "approve" ? "pop.approve" : "pop.return",
      target: { type: "pop", id: pop.id },
      details: { version: input.version },
      at: now,
    });
    if (!opts.baseUrl) return false;
    // One message per hand-in that was decided: the version, and the hand-in it was decided on
    // (a returned version handed in again unchanged is a new hand-in).
    const version = await trx
      .selectFrom("pop_versions")
      .select("id")
      .where("pop_id", "=", pop.id)
      .where("number", "=", input.version)
      .executeTakeFirstOrThrow();
    const handIn = await trx
      .selectFrom("pop_events")
      .select("id")
      .where("pop_id", "=", pop.id)
      .where("version_number", "=", input.version)
      .where("action", "=", "submit")
      .orderBy("id", "desc")
      .executeTakeFirst();
    const type = input.action === "approve" ? "pop-approved" : "pop-returned";
    return notifyUser(
      trx,
      {
        type,
        userId: participantId,
        baseUrl: opts.baseUrl,
        layout: popDecisionMail(opts.baseUrl, input.action),
        dedupeKey: `${type}:${version.id}:${handIn?.id ?? 0}`,
      },
      { now },
    );
  });
  if (mailQueued) nudgeMailSender();
}

/** A trainer comments on a section; the owner answers a comment. */
export async function addPopComment(
  db: DB,
  author: Pick<User, "id" | "role">,
  participantId: number,
  input: { section: string; text: string; replyTo: number | null },
  now = currentTime(),
): Promise<void> {
  const ctx = await popContext(db, author, participantId);
  if (!ctx) throw new UserInputError("pop.notFound");
  const pop = await db.selectFrom("pops").selectAll().where("participant_id", "=", participantId).executeTakeFirst();
  if (!pop || pop.current_version === 0) throw new UserInputError("pop.nothingToSubmit");
  if (ctx.viewerIs === "owner" && input.replyTo === null) throw new UserInputError("pop.ownerRepliesOnly");
  if (input.replyTo !== null) {
    const parent = await db
      .selectFrom("pop_comments")
      .select(["id", "section"])
      .where("id", "=", input.replyTo)
      .where("pop_id", "=", pop.id)
      .executeTakeFirst();
    if (!parent) throw new UserInputError("pop.commentNotFound");
    input = { ...input, section: parent.section };
  }
  await db
    .insertInto("pop_comments")
    .values({
      pop_id: pop.id,
      version_number: pop.current_version,
      section: input.section,
      author_id: author.id,
      reply_to: input.replyTo,
      text: input.text.trim(),
      created_at: now.toISOString(),
    })
    .execute();
}

/** Read by anyone but the owner is logged: the owner can later see who looked at their plan. */
export async function logPopRead(db: DB, viewer: Pick<User, "id" | "role">, participantId: number, ip: string | null): Promise<void> {
  await audit(db, { actor: { id: viewer.id, role: viewer.role }, action: "pop.read", target: { type: "participant", id: participantId }, ip });
}

/** POP status per participant of a cohort, for the trainer's view. */
export async function popStatusesForCohort(db: DB, cohortId: number): Promise<Map<number, PopStatus | null>> {
  const rows = await db
    .selectFrom("enrolments as e")
    .leftJoin("pops as p", "p.participant_id", "e.participant_id")
    .select(["e.participant_id", "p.status", "p.current_version"])
    .where("e.cohort_id", "=", cohortId)
    .execute();
  return new Map(rows.map((r) => [r.participant_id, r.status && r.current_version ? r.status : null]));
}
