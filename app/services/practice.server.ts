import type { DB } from "../../db/connect";
import { serializeWithin } from "../../db/dialect";
import type { PracticeStatus, User } from "../../db/schema";
import type { PlacementInput, PracticeEntryInput } from "../forms/practice";
import { checkEntry, findDuplicate, isEditable, linkState, practiceTotals, type LinkState, type PracticeTotals } from "../rules/practice";
import { audit } from "./audit.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";
import { nudgeMailSender } from "./mail-outbox.server";
import { cancelSupervisorReminders, queueSupervisorMail } from "./supervisor-mail.server";
import { newToken, tokenHash } from "./tokens.server";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { practiceDecisionMail, type PracticeDecider, type UpdateMailOptions } from "./mail-updates.server";
import { notifyUser, userLang } from "./notify.server";
import { currentEnrolmentId } from "./enrolment.server";

export interface Placement {
  organisation: string;
  team: string | null;
  supervisor_name: string;
  supervisor_email: string;
  supervisor_phone: string | null;
  updated_at: string;
  updated_by_name: string | null;
}

export interface PracticeEntry {
  id: number;
  date: string;
  minutes: number;
  activity: string;
  description: string;
  reflection: string;
  status: PracticeStatus;
  decided_how: "trainer" | "werkbegeleider" | null;
  decided_by_name: string | null;
  decision_comment: string | null;
  decided_at: string | null;
  /** the version of the entry: a decision carries the one the decider saw */
  revision: number;
}

export interface SupervisorLinkInfo {
  id: number;
  supervisor_name: string;
  supervisor_email: string;
  created_at: string;
  expires_at: string;
  state: LinkState;
  entryCount: number;
}

export interface PracticeLog {
  entries: PracticeEntry[];
  totals: PracticeTotals;
  activities: { code: string; name: string }[];
  maxHoursPerDay: number;
  linkDays: number;
  earliest: string | null;
  links: SupervisorLinkInfo[];
}

export async function getPlacement(db: DB, participantId: number): Promise<Placement | null> {
  const row = await db
    .selectFrom("placements as p")
    .leftJoin("users as u", "u.id", "p.updated_by")
    .select(["p.organisation", "p.team", "p.supervisor_name", "p.supervisor_email", "p.supervisor_phone", "p.updated_at", "u.name as updated_by_name"])
    .where("p.participant_id", "=", participantId)
    .executeTakeFirst();
  return row ?? null;
}

/** Saves where a participant practises; the participant themself or their trainer (caller checks access). */
export async function savePlacement(db: DB, actor: Actor, participantId: number, input: PlacementInput, now = currentTime()): Promise<void> {
  const values = {
    organisation: input.organisation,
    team: input.team,
    supervisor_name: input.supervisorName,
    supervisor_email: input.supervisorEmail.toLowerCase(),
    supervisor_phone: input.supervisorPhone,
    updated_by: actor.id,
    updated_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("placements")
      .values({ participant_id: participantId, ...values })
      .onConflict((oc) => oc.column("participant_id").doUpdateSet(values))
      .execute();
    await audit(trx, { actor, action: "placement.save", target: { type: "participant", id: participantId }, at: now });
  });
}

async function cohortOf(db: DB, participantId: number) {
  return db
    .selectFrom("enrolments as e")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["c.id", "c.start_date"])
    .where("e.id", "=", currentEnrolmentId("e.participant_id"))
    .where("e.participant_id", "=", participantId)
    .executeTakeFirst();
}

async function practiceSettings(db: DB, participantId: number) {
  const cohort = await cohortOf(db, participantId);
  const template = cohort ? await cohortTemplate(db, cohort.id) : undefined;
  return {
    earliest: cohort?.start_date ?? null,
    activities: template?.practice.activities ?? [],
    maxHoursPerDay: template?.practice.maxHoursPerDay ?? 12,
    targetHours: template?.rules.practiceHoursTarget ?? 60,
    linkDays: template?.rules.practiceLinkDays ?? 30,
  };
}

const ENTRY_COLUMNS = [
  "id",
  "date",
  "minutes",
  "activity",
  "description",
  "reflection",
  "status",
  "decided_how",
  "decided_by_name",
  "decision_comment",
  "decided_at",
  "revision",
] as const;

export async function listEntries(db: DB, participantId: number): Promise<PracticeEntry[]> {
  return db
    .selectFrom("practice_entries")
    .select(ENTRY_COLUMNS)
    .where("participant_id", "=", participantId)
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function listLinks(db: DB, participantId: number, now = currentTime()): Promise<SupervisorLinkInfo[]> {
  const rows = await db
    .selectFrom("supervisor_links as l")
    .select((eb) => [
      "l.id",
      "l.supervisor_name",
      "l.supervisor_email",
      "l.created_at",
      "l.expires_at",
      "l.revoked_at",
      "l.used_at",
      eb
        .selectFrom("supervisor_link_entries as le")
        .whereRef("le.link_id", "=", "l.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("entryCount"),
    ])
    .where("l.participant_id", "=", participantId)
    .orderBy("l.id", "desc")
    .execute();
  return rows.map(({ revoked_at, used_at, entryCount, ...l }) => ({
    ...l,
    entryCount: Number(entryCount ?? 0),
    state: linkState({ expires_at: l.expires_at, revoked_at, used_at }, now),
  }));
}

/**
 * What the participant's home page needs of the practice log: open entries, whether a sign-off
 * link is valid now, and whether a placement or any link exists. Without the settings and the
 * entries that `practiceLog` reads.
 */
export async function practiceSummary(
  db: DB,
  participantId: number,
  now = currentTime(),
): Promise<{ openEntries: number; activeLink: boolean; hasPlacement: boolean }> {
  const open = await db
    .selectFrom("practice_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("participant_id", "=", participantId)
    .where("status", "=", "open")
    .executeTakeFirst();
  const links = await db.selectFrom("supervisor_links").select(["expires_at", "revoked_at", "used_at"]).where("participant_id", "=", participantId).execute();
  const placement =
    links.length > 0 ? undefined : await db.selectFrom("placements").select("participant_id").where("participant_id", "=", participantId).executeTakeFirst();
  return {
    openEntries: Number(open?.n ?? 0),
    activeLink: links.some((l) => linkState(l, now) === "valid"),
    hasPlacement: links.length > 0 || placement !== undefined,
  };
}

/** The whole practice log of one participant, with totals against the leerlijn's target. */
export async function practiceLog(db: DB, participantId: number, now = currentTime()): Promise<PracticeLog> {
  const settings = await practiceSettings(db, participantId);
  const entries = await listEntries(db, participantId);
  return {
    entries,
    totals: practiceTotals(entries, settings.targetHours),
    activities: settings.activities,
    maxHoursPerDay: settings.maxHoursPerDay,
    linkDays: settings.linkDays,
    earliest: settings.earliest,
    links: await listLinks(db, participantId, now),
  };
}

export async function getOwnEntry(db: DB, owner: Pick<User, "id">, entryId: number): Promise<PracticeEntry | undefined> {
  return db.selectFrom("practice_entries").select(ENTRY_COLUMNS).where("id", "=", entryId).where("participant_id", "=", owner.id).executeTakeFirst();
}

/**
 * Adds an entry, or changes one (entryId) that is not confirmed yet. A changed rejected entry
 * is open again, for a new decision. Every limit is checked here, whatever the form said.
 */
export async function saveEntry(
  db: DB,
  owner: Pick<User, "id">,
  input: PracticeEntryInput & { entryId?: number },
  today: string,
  now = currentTime(),
): Promise<number> {
  const settings = await practiceSettings(db, owner.id);
  if (!settings.activities.some((a) => a.code === input.activity)) throw new UserInputError("practice.activityInvalid", "activity");
  return db.transaction().execute(async (trx) => {
    const mine = await trx
      .selectFrom("practice_entries")
      .select(["id", "date", "activity", "minutes", "description", "reflection", "status"])
      .where("participant_id", "=", owner.id)
      .execute();
    if (input.entryId !== undefined) {
      const current = mine.find((e) => e.id === input.entryId);
      if (!current) throw new UserInputError("practice.entryUnknown");
      if (!isEditable(current.status)) throw new UserInputError("practice.locked");
      // Saved again without a change: nothing to store, and the entry keeps its revision, so a
      // werkbegeleider or trainer who is looking at it is not asked to decide again for nothing.
      const same =
        current.status === "open" &&
        current.date === input.date &&
        current.minutes === input.hours &&
        current.activity === input.activity &&
        current.description === input.description &&
        current.reflection === input.reflection;
      if (same) return input.entryId;
    }
    // The same work twice says so first: more useful than "the day is too full".
    const key = { id: input.entryId, date: input.date, activity: input.activity, minutes: input.hours, description: input.description };
    if (findDuplicate(key, mine)) throw new UserInputError("practice.duplicate");
    const otherMinutesThatDay = mine
      .filter((e) => e.id !== input.entryId && e.date === input.date && e.status !== "afgewezen")
      .reduce((a, e) => a + e.minutes, 0);
    const problems = checkEntry({
      date: input.date,
      minutes: input.hours,
      today,
      earliest: settings.earliest ?? undefined,
      maxHoursPerDay: settings.maxHoursPerDay,
      otherMinutesThatDay,
    });
    if (problems.date) throw new UserInputError(problems.date, "date");
    if (problems.hours) throw new UserInputError(problems.hours, "hours");
    const stamp = now.toISOString();
    const values = {
      date: input.date,
      minutes: input.hours,
      activity: input.activity,
      description: input.description,
      reflection: input.reflection,
      status: "open" as const,
      decided_how: null,
      decided_by: null,
      decided_by_name: null,
      decided_link_id: null,
      decision_comment: null,
      decided_at: null,
      updated_at: stamp,
    };
    if (input.entryId !== undefined) {
      // A new revision: a decision made on what was shown before is refused (see `decide`).
      await trx
        .updateTable("practice_entries")
        .set((eb) => ({ ...values, revision: eb("revision", "+", 1) }))
        .where("id", "=", input.entryId)
        .where("participant_id", "=", owner.id)
        .execute();
      return input.entryId;
    }
    const row = await trx
      .insertInto("practice_entries")
      .values({ participant_id: owner.id, created_at: stamp, ...values })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function deleteEntry(db: DB, owner: Pick<User, "id">, entryId: number): Promise<void> {
  const entry = await getOwnEntry(db, owner, entryId);
  if (!entry) throw new UserInputError("practice.entryUnknown");
  if (!isEditable(entry.status)) throw new UserInputError("practice.locked");
  await db.deleteFrom("practice_entries").where("id", "=", entryId).where("participant_id", "=", owner.id).where("status", "!=", "bevestigd").execute();
}

export interface EntryDecision {
  entryId: number;
  decision: "bevestigd" | "afgewezen";
  comment: string | null;
  /** the revision of the entry the decider saw (the form carries it per entry) */
  revision: number;
}

/**
 * Refusal of a whole set of decisions because one or more entries changed after the decider
 * opened the page (the participant corrected hours or text). Nothing of the set is stored:
 * `entryIds` names the changed entries, so the page can show their new version to decide again.
 */
export class ChangedEntriesError extends UserInputError {
  constructor(public readonly entryIds: number[]) {
    super("practice.changedSinceSeen");
    this.name = "ChangedEntriesError";
  }
}

type Decider = { how: "trainer"; id: number; name: string } | { how: "werkbegeleider"; name: string; linkId: number };

/**
 * Applies decisions on open entries, inside the caller's transaction, only to the version the
 * decider saw. `open` are the entries this decider may decide (open, of this participant, and for
 * a link: of that link), with their current revision. All or nothing: when one entry was decided
 * or changed in the meantime, the whole set is refused and nothing is stored, because a
 * werkbegeleider who sends a form expects it to count as sent, or not at all (see ChangedEntriesError).
 */
async function applyDecisions(trx: DB, decider: Decider, open: { id: number; revision: number }[], decisions: EntryDecision[], now: Date): Promise<void> {
  const current = new Map(open.map((e) => [e.id, e.revision]));
  if (decisions.some((d) => !current.has(d.entryId))) throw new UserInputError("practice.alreadyDecided");
  const changed = decisions.filter((d) => current.get(d.entryId) !== d.revision).map((d) => d.entryId);
  if (changed.length > 0) throw new ChangedEntriesError(changed);
  const stamp = now.toISOString();
  for (const d of decisions) {
    const result = await trx
      .updateTable("practice_entries")
      .set((eb) => ({
        status: d.decision,
        decided_how: decider.how,
        decided_by: decider.how === "trainer" ? decider.id : null,
        decided_by_name: decider.name,
        decided_link_id: decider.how === "werkbegeleider" ? decider.linkId : null,
        decision_comment: d.comment,
        decided_at: stamp,
        updated_at: stamp,
        revision: eb("revision", "+", 1),
      }))
      .where("id", "=", d.entryId)
      .where("status", "=", "open")
      // The guard itself: a change committed by another request after the read above (PostgreSQL
      // re-reads the row here) leaves this update without a row, and the whole set is undone.
      .where("revision", "=", d.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ChangedEntriesError([d.entryId]);
  }
}

/** An audit line for a refused set of decisions (the transaction that would have written it was undone). */
async function auditChangedRefusal(
  db: DB,
  error: unknown,
  line: { actor: Actor | null; participantId: number; details: Record<string, unknown>; ip?: string | null; at: Date },
): Promise<void> {
  if (!(error instanceof ChangedEntriesError)) return;
  await audit(db, {
    actor: line.actor,
    action: "practice.decide",
    target: { type: "participant", id: line.participantId },
    outcome: "failure",
    details: { ...line.details, reason: "changed", changed: error.entryIds },
    ip: line.ip ?? null,
    at: line.at,
  });
}

/**
 * One message to the participant for one set of decisions (never one per entry): practice-signed
 * when every entry was confirmed, practice-rejected when one or more were not. Neither the
 * entries' text nor the decider's comment is in it. The key names the set by its lowest entry and
 * that entry's new revision, which only this set of decisions can have made.
 */
async function notifyDecisions(trx: DB, participantId: number, by: PracticeDecider, decisions: EntryDecision[], baseUrl: string, now: Date): Promise<boolean> {
  if (decisions.length === 0) return false;
  const rejected = decisions.filter((d) => d.decision === "afgewezen").length;
  const first = decisions.reduce((a, b) => (b.entryId < a.entryId ? b : a));
  const type = rejected > 0 ? "practice-rejected" : "practice-signed";
  const lang = await userLang(trx, participantId);
  const layout = practiceDecisionMail(baseUrl, lang, { by, signed: decisions.length - rejected, rejected });
  return notifyUser(trx, { type, userId: participantId, baseUrl, layout, dedupeKey: `practice-decision:${first.entryId}.${first.revision + 1}` }, { now });
}

const decisionDetails = (decisions: EntryDecision[]) => decisions.map((d) => ({ entryId: d.entryId, decision: d.decision, revision: d.revision }));

/**
 * A trainer confirms or rejects open entries of a participant in their cohort (caller checks
 * access). With `opts.baseUrl` the participant gets one message about it in the same transaction.
 */
export async function decideByTrainer(
  db: DB,
  actor: Actor & { name: string },
  participantId: number,
  decisions: EntryDecision[],
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<number> {
  try {
    const outcome = await db.transaction().execute(async (trx) => {
      const ids = decisions.map((d) => d.entryId);
      const open = ids.length
        ? await trx
            .selectFrom("practice_entries")
            .select(["id", "revision"])
            .where("participant_id", "=", participantId)
            .where("status", "=", "open")
            .where("id", "in", ids)
            .execute()
        : [];
      await applyDecisions(trx, { how: "trainer", id: actor.id, name: actor.name }, open, decisions, now);
      await audit(trx, {
        actor,
        action: "practice.decide",
        target: { type: "participant", id: participantId },
        details: { how: "trainer", decisions: decisionDetails(decisions) },
        at: now,
      });
      await markSpentLinks(trx, participantId, now);
      const by = actor.role === "coordinator" ? "coordinator" : "trainer";
      const mailQueued = opts.baseUrl ? await notifyDecisions(trx, participantId, by, decisions, opts.baseUrl, now) : false;
      return { decided: decisions.length, mailQueued };
    });
    if (outcome.mailQueued) nudgeMailSender();
    return outcome.decided;
  } catch (error) {
    await auditChangedRefusal(db, error, { actor, participantId, details: { how: "trainer", decisions: decisionDetails(decisions) }, at: now });
    throw error;
  }
}

/** Links whose entries are all decided (by anyone) are spent: a second use says so. */
async function markSpentLinks(db: DB, participantId: number, now: Date): Promise<void> {
  const active = await db
    .selectFrom("supervisor_links")
    .select("id")
    .where("participant_id", "=", participantId)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .execute();
  for (const link of active) {
    const open = await db
      .selectFrom("supervisor_link_entries as le")
      .innerJoin("practice_entries as e", "e.id", "le.entry_id")
      .select("e.id")
      .where("le.link_id", "=", link.id)
      .where("e.status", "=", "open")
      .executeTakeFirst();
    if (!open) {
      await db.updateTable("supervisor_links").set({ used_at: now.toISOString() }).where("id", "=", link.id).execute();
      // Nothing left to confirm: the werkbegeleider's reminder is not needed any more.
      await cancelSupervisorReminders(db, [link.id], now);
    }
  }
}

/**
 * The participant asks their werkbegeleider to confirm: a personal link for the entries open
 * now, valid for the leerlijn's number of days. The token is shown once; only its hash is kept.
 */
export async function requestSignOff(
  db: DB,
  owner: Pick<User, "id" | "role">,
  now = currentTime(),
  opts: { baseUrl?: string | null } = {},
): Promise<{ token: string; linkId: number; expiresAt: string; entryCount: number; mailQueued: boolean }> {
  const placement = await getPlacement(db, owner.id);
  if (!placement) throw new UserInputError("practice.noPlacement");
  const settings = await practiceSettings(db, owner.id);
  const result = await db.transaction().execute(async (trx) => {
    // One live link per participant: a new one replaces the ones before it (also when two
    // requests arrive at once: they take turns).
    await serializeWithin(trx, `practice:link:${owner.id}`);
    const open = await trx.selectFrom("practice_entries").select("id").where("participant_id", "=", owner.id).where("status", "=", "open").execute();
    if (open.length === 0) throw new UserInputError("practice.nothingOpen");
    const replaced = await trx
      .updateTable("supervisor_links")
      .set({ revoked_at: now.toISOString() })
      .where("participant_id", "=", owner.id)
      .where("revoked_at", "is", null)
      .where("used_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .returning("id")
      .execute();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + settings.linkDays * 24 * 60 * 60 * 1000).toISOString();
    const link = await trx
      .insertInto("supervisor_links")
      .values({
        participant_id: owner.id,
        token_hash: tokenHash(token),
        supervisor_name: placement.supervisor_name,
        supervisor_email: placement.supervisor_email,
        created_by: owner.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
        used_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("supervisor_link_entries")
      .values(open.map((e) => ({ link_id: link.id, entry_id: e.id })))
      .execute();
    await audit(trx, {
      actor: owner,
      action: "practice.link.create",
      target: { type: "supervisor_link", id: link.id },
      details: { entries: open.length, expiresAt, replaced: replaced.map((r) => r.id) },
      at: now,
    });
    // The werkbegeleider gets the link by e-mail (and one reminder on day 7); a replaced link's reminder goes.
    await cancelSupervisorReminders(
      trx,
      replaced.map((r) => r.id),
      now,
    );
    let mailQueued = false;
    if (opts.baseUrl) {
      const participant = await trx.selectFrom("users").select("name").where("id", "=", owner.id).executeTakeFirstOrThrow();
      mailQueued = await queueSupervisorMail(
        trx,
        {
          linkId: link.id,
          token,
          participantName: participant.name,
          supervisorName: placement.supervisor_name,
          supervisorEmail: placement.supervisor_email,
          entryCount: open.length,
          createdAt: now.toISOString(),
          expiresAt,
          baseUrl: opts.baseUrl,
        },
        now,
      );
    }
    return { token, linkId: link.id, expiresAt, entryCount: open.length, mailQueued };
  });
  if (result.mailQueued) nudgeMailSender();
  return result;
}

/** Revokes a link of this participant (the participant, or staff who may see them; caller checks). */
export async function revokeLink(db: DB, actor: Actor, participantId: number, linkId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("supervisor_links")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", linkId)
      .where("participant_id", "=", participantId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UserInputError("practice.linkUnknown");
    await audit(trx, { actor, action: "practice.link.revoke", target: { type: "supervisor_link", id: linkId }, at: now });
    // The link no longer works: its reminder must not go.
    await cancelSupervisorReminders(trx, [linkId], now);
  });
}

export type LinkView =
  | { state: "unknown" }
  | { state: Exclude<LinkState, "valid"> }
  | {
      state: "valid";
      linkId: number;
      participantName: string;
      supervisorName: string;
      organisation: string | null;
      expiresAt: string;
      entries: PracticeEntry[];
      activities: { code: string; name: string }[];
    };

async function linkByToken(db: DB, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db.selectFrom("supervisor_links").selectAll().where("token_hash", "=", tokenHash(token)).executeTakeFirst();
}

/** What the werkbegeleider sees through the link: only the still-open entries it was made for. */
export async function inspectLink(db: DB, token: string, now = currentTime()): Promise<LinkView> {
  const link = await linkByToken(db, token);
  if (!link) return { state: "unknown" };
  const state = linkState(link, now);
  if (state !== "valid") return { state };
  const participant = await db.selectFrom("users").select("name").where("id", "=", link.participant_id).executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom("supervisor_link_entries as le")
    .innerJoin("practice_entries as e", "e.id", "le.entry_id")
    .select(ENTRY_COLUMNS.map((c) => `e.${c}` as const))
    .where("le.link_id", "=", link.id)
    .where("e.participant_id", "=", link.participant_id)
    .where("e.status", "=", "open")
    .orderBy("e.date")
    .orderBy("e.id")
    .execute();
  const placement = await getPlacement(db, link.participant_id);
  const settings = await practiceSettings(db, link.participant_id);
  return {
    state: "valid",
    linkId: link.id,
    participantName: participant.name,
    supervisorName: link.supervisor_name,
    organisation: placement?.organisation ?? null,
    expiresAt: link.expires_at,
    entries,
    activities: settings.activities,
  };
}

/**
 * The werkbegeleider's decisions through the link. Only entries of this link that are still open
 * can be decided; when none is left open, the link is spent. With `opts.baseUrl` the participant
 * gets one message about it in the same transaction.
 */
export async function decideByLink(
  db: DB,
  token: string,
  decisions: EntryDecision[],
  ip: string | null,
  now = currentTime(),
  opts: UpdateMailOptions = {},
): Promise<{ decided: number; spent: boolean }> {
  let refused: { participantId: number; details: Record<string, unknown> } | undefined;
  try {
    const outcome = await db.transaction().execute(async (trx) => {
      const link = await linkByToken(trx, token);
      if (!link) throw new UserInputError("practice.link.unknown");
      const state = linkState(link, now);
      if (state !== "valid") throw new UserInputError(`practice.link.${state}`);
      const details = { how: "werkbegeleider", linkId: link.id, supervisor: link.supervisor_name, decisions: decisionDetails(decisions) };
      refused = { participantId: link.participant_id, details };
      const ids = decisions.map((d) => d.entryId);
      const open = ids.length
        ? await trx
            .selectFrom("supervisor_link_entries as le")
            .innerJoin("practice_entries as e", "e.id", "le.entry_id")
            .select(["e.id", "e.revision"])
            .where("le.link_id", "=", link.id)
            .where("e.participant_id", "=", link.participant_id)
            .where("e.status", "=", "open")
            .where("e.id", "in", ids)
            .execute()
        : [];
      await applyDecisions(trx, { how: "werkbegeleider", name: link.supervisor_name, linkId: link.id }, open, decisions, now);
      await audit(trx, {
        actor: null,
        action: "practice.decide",
        target: { type: "participant", id: link.participant_id },
        details,
        ip,
        at: now,
      });
      await markSpentLinks(trx, link.participant_id, now);
      const after = await trx.selectFrom("supervisor_links").select("used_at").where("id", "=", link.id).executeTakeFirstOrThrow();
      const mailQueued = opts.baseUrl ? await notifyDecisions(trx, link.participant_id, "werkbegeleider", decisions, opts.baseUrl, now) : false;
      return { decided: decisions.length, spent: after.used_at !== null, mailQueued };
    });
    if (outcome.mailQueued) nudgeMailSender();
    return { decided: outcome.decided, spent: outcome.spent };
  } catch (error) {
    if (refused) await auditChangedRefusal(db, error, { actor: null, ...refused, ip, at: now });
    throw error;
  }
}

export interface CohortPracticeRow {
  id: number;
  name: string;
  organisation: string | null;
  supervisor_name: string | null;
  confirmedMinutes: number;
  openMinutes: number;
  targetMinutes: number;
}

/** The trainer's overview: per participant the leerplek and hours confirmed and still open. */
export async function cohortPractice(db: DB, cohortId: number): Promise<CohortPracticeRow[]> {
  const template = await cohortTemplate(db, cohortId);
  const target = Math.round((template?.rules.practiceHoursTarget ?? 60) * 60);
  const rows = await db
    .selectFrom("enrolments as en")
    .innerJoin("users as u", "u.id", "en.participant_id")
    .leftJoin("placements as p", "p.participant_id", "u.id")
    .select((eb) => [
      "u.id",
      "u.name",
      "p.organisation",
      "p.supervisor_name",
      eb
        .selectFrom("practice_entries as e")
        .whereRef("e.participant_id", "=", "u.id")
        .where("e.status", "=", "bevestigd")
        .select((e) => e.fn.coalesce(e.fn.sum<number>("e.minutes"), e.val(0)).as("m"))
        .as("confirmed"),
      eb
        .selectFrom("practice_entries as e")
        .whereRef("e.participant_id", "=", "u.id")
        .where("e.status", "=", "open")
        .select((e) => e.fn.coalesce(e.fn.sum<number>("e.minutes"), e.val(0)).as("m"))
        .as("open"),
    ])
    .where("en.cohort_id", "=", cohortId)
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisation: r.organisation,
    supervisor_name: r.supervisor_name,
    confirmedMinutes: Number(r.confirmed ?? 0),
    openMinutes: Number(r.open ?? 0),
    targetMinutes: target,
  }));
}
