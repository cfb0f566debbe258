import type { DB } from "../../db/connect";
import { likeInsensitive } from "../../db/dialect";
import type { AuditEntry, Role } from "../../db/schema";
import { emptyPop } from "../rules/pop";
import { RETENTION_DEFAULTS, retentionCutoffs, retentionSchema, type RetentionSettings } from "../rules/retention";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import { purgeKeptForms } from "./kept-forms.server";
import { deleteMailOf, purgeMail } from "./mail-outbox.server";
import { deleteSupervisorMailOf } from "./supervisor-mail.server";
import { pruneRateLimitHits } from "./rate-limit.server";
import { deletePoolProfileOf } from "./pool.server";
import { deletePoolInvitationsOf } from "./pool-requests.server";
import type { Actor } from "./users.server";
import type { AuditFilterInput } from "../forms/privacy";
import { currentTime } from "../clock.server";

const RETENTION_KEY = "retention";

/** The coordinator's retention periods, or the defaults where none (or a broken value) is stored. */
export async function getRetentionSettings(db: DB): Promise<RetentionSettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", RETENTION_KEY).executeTakeFirst();
  if (!row) return { ...RETENTION_DEFAULTS };
  try {
    const parsed = retentionSchema.safeParse({ ...RETENTION_DEFAULTS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : { ...RETENTION_DEFAULTS };
  } catch {
    return { ...RETENTION_DEFAULTS };
  }
}

export async function saveRetentionSettings(db: DB, actor: Actor, settings: RetentionSettings, ip: string | null, now = currentTime()): Promise<void> {
  const value = JSON.stringify(retentionSchema.parse(settings));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("settings")
      .values({ key: RETENTION_KEY, value, updated_at: now.toISOString(), updated_by: actor.id })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString(), updated_by: actor.id }))
      .execute();
    await audit(trx, { actor, action: "settings.retention", target: { type: "settings", id: RETENTION_KEY }, ip, details: settings, at: now });
  });
}

export interface RetentionReport {
  settings: RetentionSettings;
  expiredSessions: number;
  /** Text kept after a time-out (services/kept-forms.server.ts) past its 24 hours. */
  keptForms: number;
  oldLoginAttempts: number;
  /** Personal traces of audit lines (IP address, typed e-mail address) past the sign-in trace period. */
  auditTraces: number;
  /** Counted hits of a rate limit (with an IP address) that are past their window. */
  rateLimitHits: number;
  spentInvitations: number;
  /** "Wachtwoord vergeten?" links (hashes) made before the sign-in trace period: long spent (they work an hour). */
  spentPasswordResets: number;
  /** Outbox messages that lost their body: never sent within 30 days (a sent one loses it at once). */
  mailBodies: number;
  /** Outbox rows (address, kind, times) past the sign-in trace period. */
  mailRows: number;
  popDraftVersions: number;
  popDraftComments: number;
  gopDraftVersions: number;
  assessmentFiles: number;
}

/**
 * Applies the retention periods once. Safe to run every day: it only removes what is past its
 * period, and a second run on the same day finds nothing more to do. Everything it does is one
 * transaction, and the counts go into the audit trail.
 */
export async function applyRetention(db: DB, now = currentTime()): Promise<RetentionReport> {
  const settings = await getRetentionSettings(db);
  const cut = retentionCutoffs(settings, now);
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0n);

    const expiredSessions = n(await trx.deleteFrom("auth_sessions").where("expires_at", "<=", nowIso).executeTakeFirst());
    const keptForms = await purgeKeptForms(trx, now);
    const oldLoginAttempts = n(await trx.deleteFrom("login_attempts").where("created_at", "<", cut.signInTracesBefore).executeTakeFirst());
    const auditTraces = n(await trx.deleteFrom("audit_traces").where("created_at", "<", cut.signInTracesBefore).executeTakeFirst());
    const rateLimitHits = await pruneRateLimitHits(trx, now);
    const spentInvitations = n(
      await trx
        .deleteFrom("invitations")
        .where((eb) =>
          eb.or([eb("used_at", "<", cut.signInTracesBefore), eb("revoked_at", "<", cut.signInTracesBefore), eb("expires_at", "<", cut.signInTracesBefore)]),
        )
        .executeTakeFirst(),
    );
    const spentPasswordResets = n(await trx.deleteFrom("password_resets").where("created_at", "<", cut.signInTracesBefore).executeTakeFirst());
    const mail = await purgeMail(trx, now, cut.signInTracesBefore);

    // POP drafts of participants whose course ended (their latest cohort), unless they keep them.
    // A draft is a version that is not the current one and was never handed in or judged; the
    // trainers' comments on a draft go with it.
    const popDrafts = await trx
      .selectFrom("pop_versions as v")
      .innerJoin("pops as p", "p.id", "v.pop_id")
      .select(["v.id", "v.pop_id", "v.number"])
      .where("p.keep_drafts_at", "is", null)
      .whereRef("v.number", "!=", "p.current_version")
      .where((eb) =>
        eb(
          eb
            .selectFrom("enrolments as e")
            .innerJoin("cohorts as c", "c.id", "e.cohort_id")
            .select((s) => s.fn.max("c.end_date").as("end"))
            .whereRef("e.participant_id", "=", "p.participant_id"),
          "<=",
          cut.draftsCohortEndedOnOrBefore,
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom("pop_events as ev").select("ev.id").whereRef("ev.pop_id", "=", "v.pop_id").whereRef("ev.version_number", "=", "v.number")),
        ),
      )
      .execute();
    let popDraftComments = 0;
    for (const [popId, numbers] of groupNumbers(popDrafts)) {
      for (const chunk of chunks(numbers)) {
        popDraftComments += n(await trx.deleteFrom("pop_comments").where("pop_id", "=", popId).where("version_number", "in", chunk).executeTakeFirst());
      }
    }
    let popDraftVersions = 0;
    for (const chunk of chunks(popDrafts.map((d) => d.id)))
      popDraftVersions += n(await trx.deleteFrom("pop_versions").where("id", "in", chunk).executeTakeFirst());

    // GOP drafts of cohorts that ended: the group's document keeps its current and judged versions.
    const gopDrafts = await trx
      .selectFrom("gop_versions as v")
      .innerJoin("gops as g", "g.id", "v.gop_id")
      .innerJoin("cohorts as c", "c.id", "g.cohort_id")
      .select("v.id")
      .where("c.end_date", "<=", cut.draftsCohortEndedOnOrBefore)
      .whereRef("v.number", "!=", "g.current_version")
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom("gop_events as ev").select("ev.id").whereRef("ev.gop_id", "=", "v.gop_id").whereRef("ev.version_number", "=", "v.number")),
        ),
      )
      .execute();
    let gopDraftVersions = 0;
    for (const chunk of chunks(gopDrafts.map((d) => d.id)))
      gopDraftVersions += n(await trx.deleteFrom("gop_versions").where("id", "in", chunk).executeTakeFirst());

    // Assessment files past their period keep the decision (outcome, judgements per competency and
    // criterion) but lose every free text.
    const due = await trx
      .selectFrom("interviews")
      .select("id")
      .where("finalised_at", "is not", null)
      .where("finalised_at", "<", cut.assessmentDecidedBefore)
      .where("purged_at", "is", null)
      .execute();
    const dueIds = due.map((r) => r.id);
    if (dueIds.length > 0) {
      await trx
        .updateTable("interviews")
        .set({ motivation: null, advice: null, correction_reason: null, location: null, purged_at: nowIso })
        .where("id", "in", dueIds)
        .execute();
      await trx.updateTable("interview_criteria").set({ justification: null }).where("interview_id", "in", dueIds).execute();
      await trx.updateTable("objections").set({ text: "", resolution: null }).where("interview_id", "in", dueIds).execute();
    }

    const report: RetentionReport = {
      settings,
      expiredSessions,
      keptForms,
      oldLoginAttempts,
      auditTraces,
      rateLimitHits,
      spentInvitations,
      spentPasswordResets,
      mailBodies: mail.bodies,
      mailRows: mail.rows,
      popDraftVersions,
      popDraftComments,
      gopDraftVersions,
      assessmentFiles: dueIds.length,
    };
    const { settings: _s, ...counts } = report;
    await audit(trx, { actor: null, action: "retention.run", target: null, details: counts, at: now });
    return report;
  });
}

/** Ids in slices small enough for any database's limit on bound parameters. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupNumbers(rows: { pop_id: number; number: number }[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.pop_id, [...(map.get(r.pop_id) ?? []), r.number]);
  return map;
}

/** The participant keeps (or no longer keeps) their POP drafts after the course. */
export async function setKeepDrafts(db: DB, participantId: number, keep: boolean, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("pops")
      .set({ keep_drafts_at: keep ? now.toISOString() : null })
      .where("participant_id", "=", participantId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new UserInputError("privacy.keepDrafts.noPop");
    await audit(trx, {
      actor: { id: participantId, role: "participant" },
      action: keep ? "pop.drafts.keep" : "pop.drafts.release",
      target: { type: "participant", id: participantId },
      at: now,
    });
  });
}

export type AnonymiseResult = "done" | "self" | "notFound" | "already";

/** The placeholder name of an anonymised person: never their own. */
export function anonymisedName(userId: number): string {
  return `Geanonimiseerd (#${userId})`;
}

/**
 * The placeholder e-mail address of an anonymised person. The audit trail accepts exactly this
 * shape as the only change to a line (migration 0015), so keep the two in step.
 */
export function anonymisedEmail(userId: number): string {
  return `geanonimiseerd-${userId}@invalid.invalid`;
}

/**
 * Removes a person's personal data and free texts, keeping what the figures and the register need:
 * attendance, hours, statuses and outcomes stay (so counts and reports stay the same), the audit
 * trail keeps its skeleton (ids, actions, times) but loses their e-mail address as the subject of
 * sign-in lines, and an issued certificate keeps the name frozen in it: it is the person's proof, so
 * the register (and its search and CSV), /verify, the PDF and the ceremony book keep showing it.
 * Everywhere else the name goes. One transaction: either all of it happens or nothing.
 */
export async function anonymisePerson(db: DB, actor: Actor, userId: number, ip: string | null, now = currentTime()): Promise<AnonymiseResult> {
  if (actor.id === userId) return "self";
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("users").select(["id", "email", "role", "anonymised_at"]).where("id", "=", userId).executeTakeFirst();
    if (!person) return "notFound";
    if (person.anonymised_at) return "already";
    const nowIso = now.toISOString();
    const popIds = trx.selectFrom("pops").select("id").where("participant_id", "=", userId);

    await trx
      .updateTable("users")
      .set({
        name: anonymisedName(userId),
        email: anonymisedEmail(userId),
        status: "disabled",
        password_hash: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        anonymised_at: nowIso,
        updated_at: nowIso,
      })
      .where("id", "=", userId)
      .execute();
    await trx.deleteFrom("auth_sessions").where("user_id", "=", userId).execute();
    await trx.deleteFrom("login_challenges").where("user_id", "=", userId).execute();
    await trx.deleteFrom("kept_forms").where("user_id", "=", userId).execute();
    await trx.deleteFrom("totp_recovery_codes").where("user_id", "=", userId).execute();
    await trx.deleteFrom("calendar_feeds").where("user_id", "=", userId).execute();
    await trx.deleteFrom("mail_preferences").where("user_id", "=", userId).execute();
    await trx.deleteFrom("invitations").where("user_id", "=", userId).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", userId).execute();
    await deleteMailOf(trx, userId, person.email);
    await trx.deleteFrom("login_attempts").where("email", "=", person.email).execute();
    // The audit trail keeps its lines (who did what, when, with what outcome); their personal
    // traces go: the addresses this person's requests came from and the e-mail address typed in.
    await trx
      .deleteFrom("audit_traces")
      .where((eb) =>
        eb.or([
          eb("email", "=", person.email),
          eb(
            "audit_id",
            "in",
            eb
              .selectFrom("audit_log")
              .select("id")
              .where((w) => w.or([w("actor_id", "=", userId), w.and([w("target_type", "in", ["user", "participant"]), w("target_id", "=", String(userId))])])),
          ),
        ]),
      )
      .execute();
    // Lines written before the traces were kept apart (migration 0016) had the typed address as
    // subject; that migration moved them, this stays for a database restored from before it.
    await trx
      .updateTable("audit_log")
      .set({ target_id: anonymisedEmail(userId) })
      .where("target_type", "=", "email")
      .where("target_id", "=", person.email)
      .execute();

    // The POP: the status stays (it counts in the reports), every text goes.
    await trx
      .updateTable("pop_versions")
      .set({ content: JSON.stringify(emptyPop()) })
      .where("pop_id", "in", popIds)
      .execute();
    await trx.deleteFrom("pop_comments").where("pop_id", "in", popIds).execute();
    await trx.updateTable("pop_events").set({ note: null }).where("pop_id", "in", popIds).execute();
    await trx.updateTable("pops").set({ story_consent_at: null, keep_drafts_at: null }).where("participant_id", "=", userId).execute();

    await trx.deleteFrom("intervisie_reflections").where("participant_id", "=", userId).execute();
    // The pool profile (issue 31) exists only by the person's choice: it goes entirely.
    await deletePoolProfileOf(trx, userId);
    // Their invitations from buurtteams (issue 31 point 3) go too: a team keeps no trace of them.
    await deletePoolInvitationsOf(trx, userId);
    // Requests to join a city-wide intervisie group (issue 31 point 4) go; membership and attendance follow the course rows' rules.
    await trx.deleteFrom("alumni_intervisie_requests").where("participant_id", "=", userId).execute();
    await trx.updateTable("assignment_answers").set({ text: "", feedback: null }).where("participant_id", "=", userId).execute();
    await trx.updateTable("attendance").set({ note: null, makeup_description: null }).where("participant_id", "=", userId).execute();
    await trx.updateTable("absence_reports").set({ reason: null }).where("participant_id", "=", userId).execute();
    await trx.updateTable("enrolments").set({ left_note: null }).where("participant_id", "=", userId).execute();
    await trx.updateTable("training_choices").set({ leerdoel: null }).where("participant_id", "=", userId).execute();

    // Practice: hours, dates and decisions stay; what they wrote and who their werkbegeleider was go.
    await trx
      .updateTable("practice_entries")
      // A new revision: the text a decider saw is gone (see practice.server.ts, applyDecisions).
      .set((eb) => ({ description: "", reflection: "", decision_comment: null, revision: eb("revision", "+", 1) }))
      .where("participant_id", "=", userId)
      .execute();
    await trx.deleteFrom("placements").where("participant_id", "=", userId).execute();
    // The werkbegeleider's mails name the participant: they go (a waiting reminder with them).
    await deleteSupervisorMailOf(trx, userId);
    await trx
      .updateTable("supervisor_links")
      .set({ supervisor_name: "", supervisor_email: "", revoked_at: nowIso })
      .where("participant_id", "=", userId)
      .execute();
    await trx
      .updateTable("practice_entries")
      .set({ decided_by_name: null })
      .where("participant_id", "=", userId)
      .where("decided_how", "=", "werkbegeleider")
      .execute();
    // A trainer's name is stored with the hours they decided on (of other participants): it goes too.
    await trx
      .updateTable("practice_entries")
      .set({ decided_by_name: anonymisedName(userId) })
      .where("decided_by", "=", userId)
      .where("decided_how", "=", "trainer")
      .execute();

    // The assessment file: the decision stays, the texts go.
    const interviewIds = trx.selectFrom("interviews").select("id").where("participant_id", "=", userId);
    await trx.updateTable("interview_criteria").set({ justification: null }).where("interview_id", "in", interviewIds).execute();
    await trx.updateTable("objections").set({ text: "", resolution: null }).where("interview_id", "in", interviewIds).execute();
    await trx
      .updateTable("interviews")
      .set({ motivation: null, advice: null, correction_reason: null, location: null, purged_at: nowIso })
      .where("participant_id", "=", userId)
      .execute();

    const certificates = await trx.selectFrom("certificates").select("id").where("participant_id", "=", userId).execute();
    await audit(trx, {
      actor,
      action: "person.anonymise",
      target: { type: "user", id: userId },
      ip,
      details: { role: person.role, certificatesKept: certificates.length },
      at: now,
    });
    return "done";
  });
}

export interface PopReader {
  at: string;
  name: string;
  role: Role | null;
}

/** Who read a participant's POP (anyone but the participant), newest first. */
export async function popReaders(db: DB, participantId: number, limit = 50): Promise<PopReader[]> {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.at", "u.name", "u.role"])
    .where("a.action", "=", "pop.read")
    .where("a.target_type", "=", "participant")
    .where("a.target_id", "=", String(participantId))
    .where("a.outcome", "=", "success")
    .where((eb) => eb.or([eb("a.actor_id", "is", null), eb("a.actor_id", "!=", participantId)]))
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, name: r.name ?? "?", role: r.role ?? null }));
}

/** The participant's privacy page: who read their POP, and their choices about it. */
export async function participantPrivacyPage(
  db: DB,
  participantId: number,
): Promise<{ readers: PopReader[]; hasPop: boolean; keepDrafts: boolean; storyConsent: boolean; draftsMonths: number }> {
  const [readers, pop, settings] = await Promise.all([
    popReaders(db, participantId),
    db.selectFrom("pops").select(["keep_drafts_at", "story_consent_at"]).where("participant_id", "=", participantId).executeTakeFirst(),
    getRetentionSettings(db),
  ]);
  return {
    readers,
    hasPop: Boolean(pop),
    keepDrafts: Boolean(pop?.keep_drafts_at),
    storyConsent: Boolean(pop?.story_consent_at),
    draftsMonths: settings.draftsMonthsAfterEnd,
  };
}

/** The coordinator's privacy page: the retention periods, and the people who can be anonymised (not themselves). */
export async function privacyAdminPage(
  db: DB,
  viewerId: number,
): Promise<{ settings: RetentionSettings; people: { id: number; name: string; email: string; role: Role }[] }> {
  const [settings, people] = await Promise.all([
    getRetentionSettings(db),
    db.selectFrom("users").select(["id", "name", "email", "role"]).where("anonymised_at", "is", null).where("id", "!=", viewerId).orderBy("name").execute(),
  ]);
  return { settings, people };
}

export interface AuditFilter {
  action?: string;
  actorId?: number;
  targetType?: string;
  targetId?: string;
  outcome?: "success" | "failure" | "denied";
  from?: string;
  to?: string;
}

/** A line of the trail with its traces while they are kept (`ip`, `typed_email`). */
export type AuditRow = AuditEntry & { actor_name: string | null; typed_email: string | null };

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit page: one page of the trail and the people to filter on. A search (`logSearch`: the
 * page was asked with a filter) is itself a read of personal data, so it is logged too.
 */
export async function auditLogPage(
  db: DB,
  viewer: Actor,
  filter: AuditFilterInput,
  opts: { logSearch: boolean; ip: string | null },
): Promise<{ rows: AuditRow[]; hasMore: boolean; people: { id: number; name: string }[] }> {
  const { rows, hasMore } = await searchAudit(
    db,
    {
      action: filter.action,
      actorId: filter.actor,
      targetType: filter.targetType,
      targetId: filter.targetId,
      outcome: filter.outcome,
      from: filter.from,
      // "to" is inclusive for people: up to the end of that day.
      to: filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined,
    },
    filter.page,
  );
  if (opts.logSearch) {
    await audit(db, { actor: viewer, action: "audit.search", target: null, ip: opts.ip, details: { ...filter } });
  }
  const people = await db.selectFrom("users").select(["id", "name"]).orderBy("name").execute();
  return { rows, hasMore, people };
}

/** The audit trail, filtered, newest first, one page at a time (page 1 is the newest). */
export async function searchAudit(db: DB, filter: AuditFilter, page = 1): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .leftJoin("audit_traces as tr", "tr.audit_id", "a.id")
    .select(["a.id", "a.at", "a.actor_id", "a.actor_role", "a.action", "a.target_type", "a.target_id", "a.outcome", "a.details"])
    .select((eb) => [eb.fn.coalesce("tr.ip", "a.ip").as("ip"), "tr.email as typed_email", "u.name as actor_name"]);
  if (filter.action) q = q.where("a.action", likeInsensitive(db), `${filter.action.replace(/[%_]/g, "")}%`);
  if (filter.actorId) q = q.where("a.actor_id", "=", filter.actorId);
  if (filter.targetType) q = q.where("a.target_type", "=", filter.targetType);
  if (filter.targetId) q = q.where("a.target_id", "=", filter.targetId);
  if (filter.outcome) q = q.where("a.outcome", "=", filter.outcome);
  if (filter.from) q = q.where("a.at", ">=", filter.from);
  if (filter.to) q = q.where("a.at", "<", filter.to);
  const rows = await q
    .orderBy("a.id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
