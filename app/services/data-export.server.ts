import { strToU8, zipSync } from "fflate";
import type { DB } from "../../db/connect";
import { jsonNumberEquals } from "../../db/dialect";
import type { User } from "../../db/schema";
import { GOP_SECTIONS, type GopContent } from "../rules/gop";
import { translate, type Lang } from "../i18n/translate";
import { audit } from "./audit.server";
import { renderDataExportPdf } from "./pdf/data-export-pdf.server";
import { currentTime } from "../clock.server";
import type { DataExport, ExportSection, ExportSectionData } from "./data-export-sections.server";

/**
 * "Download my data" (AVG/GDPR right of access): everything the app holds about one
 * participant, as JSON (gegevens.json), a readable PDF (gegevens.pdf) and their certificate
 * PDFs, in one ZIP. Only their own rows: never another participant's personal data. Staff who
 * acted on their file are named; another participant is only "een andere deelnemer".
 */

export type Coverage = { section: ExportSection } | { excluded: string };

/**
 * Every table that can hold a person (a participant_id/user_id column, or any reference to
 * users), and where the export covers it, or why it is not about a participant. An integration
 * test reads SQLite's own schema and fails when a table is missing here: a new table with
 * personal data must be added to the export (or excluded here, with the reason).
 */
export const EXPORT_COVERAGE: Record<string, Coverage> = {
  users: { section: "account" },
  auth_sessions: { section: "sessions" },
  invitations: { section: "invitations" },
  login_attempts: { section: "login_attempts" },
  cohort_trainers: { excluded: "Which trainers teach a cohort: only staff, nothing about a participant." },
  enrolments: { section: "enrolments" },
  audit_log: { section: "audit_log" },
  intervisie_group_members: { section: "intervisie_groups" },
  session_trainers: { excluded: "Which trainers lead a session: only staff, nothing about a participant." },
  meeting_evaluation_answered: {
    excluded:
      "That the person answered a meeting's short evaluation: the same fact is in the audit trail (evaluation.submit, with the meeting), which is in the export; the answer itself is stored without the person and cannot be traced back to them (issue 29).",
  },
  meeting_series: { excluded: "How a series of meetings was planned, and by which staff member: nothing about a participant (issue 29)." },
  attendance: { section: "attendance" },
  absence_reports: { section: "absence_reports" },
  check_ins: { section: "check_ins" },
  intervisie_meetings: { section: "intervisie_meetings" },
  intervisie_reflections: { section: "intervisie_reflections" },
  pops: { section: "pop" },
  pop_versions: { section: "pop_versions" },
  pop_events: { section: "pop_events" },
  pop_comments: { section: "pop_comments" },
  gop_versions: { section: "gop_contributions" },
  gop_events: { section: "gop_events" },
  training_choices: { section: "training_choices" },
  placements: { section: "placement" },
  practice_entries: { section: "practice_entries" },
  supervisor_links: { section: "supervisor_links" },
  assignment_answers: { section: "assignment_answers" },
  interviews: { section: "interviews" },
  interview_assessors: { section: "interviews" },
  objections: { section: "objections" },
  certificates: { section: "certificates" },
  coordinator_notices: {
    excluded:
      "A notice for the coordinators that a certificate was revoked after a correction: it holds only references; the certificate (with its state) and the correction are in the export.",
  },
  settings: {
    excluded:
      "App settings (retention periods, second factor required, certificate signatories) with the coordinator who changed them: nothing about a participant.",
  },
  totp_recovery_codes: {
    excluded: "Hashes of one-time recovery codes for the second factor of a staff member or participant: not readable, nothing about the course.",
  },
  kept_forms: {
    excluded:
      "Text typed into a form that arrived after a time-out: kept at most 24 hours, offered once to the same person at their next sign-in and then deleted; the person sees it in the form itself.",
  },
  mail_outbox: {
    excluded:
      "The e-mails the app sent to the person: every one sent or failed is in the audit trail with the person as subject (mail.sent, mail.failed: the kind and the time), which is in the export; the message itself is removed once sent.",
  },
  calendar_feeds: {
    excluded: "The hash of the person's calendar link and when it was made: not readable; the meetings it shows are in the export.",
  },
  password_resets: {
    excluded:
      'The hash of a "Wachtwoord vergeten?" link, with when it was made, used or replaced: not readable; each request and use is in the audit trail (password.reset.request, password.reset.use), which is in the export.',
  },
  mail_preferences: {
    excluded:
      "Which optional e-mail the person turned off, and the key in its unsubscribe link: the person sees and changes these choices on their account page; every change is in the audit trail (mail.preferences), which is in the export.",
  },
  pool_profiles: { section: "pool_profile" },
  pool_profile_tags: { section: "pool_profile_choices" },
  // Issue 31 point 3: requests from buurtteams. (buurtteams itself holds no person: a team's name and stadsdeel.)
  pool_invitations: { section: "pool_invitations" },
  team_coordinators: {
    excluded: "Which buurtteam a buurtteam-coördinator works for: only about that staff member, nothing about a participant.",
  },
  pool_requests: {
    excluded:
      "A buurtteam's request to the pool, with the buurtteam-coördinator who made it: about the team's work, not about a participant; a request the person was invited for is in the export with their invitation (pool_invitations).",
  },
  // issue 31 point 4: city-wide intervisie for alumni (decision 025)
  alumni_intervisie_requests: { section: "alumni_intervisie_requests" },
  alumni_intervisie_groups: {
    excluded:
      "A city-wide intervisie group's place, stadsdeel and number of places, set by a coordinator: nothing about a participant; the person's groups and requests are in the export.",
  },
  login_challenges: { excluded: "A sign-in step between password and code that lives at most 5 minutes: a hash and a counter, nothing to read." },
};

export interface ExportFile {
  name: string;
  data: Uint8Array;
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** The participant's reports of absence ahead (afmelden), with their own reason. */
async function loadAbsenceReports(db: DB, me: number) {
  return db
    .selectFrom("absence_reports as r")
    .innerJoin("course_sessions as s", "s.id", "r.session_id")
    .select(["r.session_id", "s.date", "s.start_time", "s.type", "s.title", "r.reason", "r.reported_at"])
    .where("r.participant_id", "=", me)
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
}

/** The participant's own check-ins with a code on the trainer's screen (issue 29 point 4). */
async function loadCheckIns(db: DB, me: number) {
  return db
    .selectFrom("check_ins as c")
    .innerJoin("course_sessions as s", "s.id", "c.session_id")
    .select(["c.session_id", "s.date", "s.type", "s.title", "c.checked_in_at"])
    .where("c.participant_id", "=", me)
    .orderBy("s.date")
    .orderBy("s.start_time")
    .execute();
}

/** The person's pool profile (issue 31) and its chosen themes, languages and stadsdelen. */
async function loadPool(db: DB, me: number) {
  const [profile, tags] = await Promise.all([
    db
      .selectFrom("pool_profiles")
      .select([
        "experience",
        "hours_per_week",
        "available_from",
        "available_until",
        "contact_phone",
        "contact_email",
        "consent_at",
        "paused_at",
        "created_at",
        "updated_at",
      ])
      .where("participant_id", "=", me)
      .execute(),
    db.selectFrom("pool_profile_tags").select(["kind", "code"]).where("participant_id", "=", me).orderBy("kind").orderBy("code").execute(),
  ]);
  return { profile, tags };
}

/** The person's invitations from buurtteams (issue 31 point 3): what the team asked, and their answer. */
async function loadPoolInvitations(db: DB, me: number) {
  return db
    .selectFrom("pool_invitations as i")
    .innerJoin("pool_requests as r", "r.id", "i.request_id")
    .innerJoin("buurtteams as b", "b.id", "r.buurtteam_id")
    .select([
      "b.name as buurtteam",
      "r.theme",
      "r.description",
      "r.stadsdeel",
      "r.language",
      "r.period_from",
      "r.period_until",
      "r.hours_per_week",
      "i.status",
      "i.invited_at",
      "i.decided_at",
    ])
    .where("i.participant_id", "=", me)
    .orderBy("i.invited_at")
    .orderBy("i.id")
    .execute();
}

/** The person's requests to join a city-wide intervisie group (issue 31 point 4). */
async function loadAlumniRequests(db: DB, me: number) {
  return db
    .selectFrom("alumni_intervisie_requests as r")
    .innerJoin("intervisie_groups as g", "g.id", "r.group_id")
    .select(["g.name as group", "r.status", "r.requested_at", "r.decided_at"])
    .where("r.participant_id", "=", me)
    .orderBy("r.requested_at")
    .orderBy("r.id")
    .execute();
}

/** Collects every row about the participant, grouped in sections with a short explanation each. */
export async function collectParticipantData(
  db: DB,
  participant: Pick<User, "id">,
  lang: Lang,
  now = currentTime(),
): Promise<{ data: DataExport; certificatePdfs: { number: string; pdf: Buffer }[] }> {
  const me = participant.id;
  const account = await loadAccount(db, me);
  const own = await loadOwnRows(db, me, account.email);
  const popHistory = await loadPopHistory(db, own.pop);
  const gopPart = await loadGopContributions(db, me);
  const judged = await loadInterviewDetails(
    db,
    own.interviews.map((i) => i.id),
  );
  const auditRows = await loadAuditRows(db, me, account.email, ownRecordIds(own, judged.objections));
  const absenceReports = await loadAbsenceReports(db, me);
  const checkIns = await loadCheckIns(db, me);
  const pool = await loadPool(db, me);
  const poolInvitations = await loadPoolInvitations(db, me);
  const alumniRequests = await loadAlumniRequests(db, me);
  const rows: ExportRows = { account, ...own, ...popHistory, ...gopPart, ...judged, auditRows, absenceReports, checkIns };
  const person = await personNamer(db, lang, me, actorIdsOf(rows, me));
  const section: SectionOf = (key, sectionRows) => ({ uitleg: translate(lang, `export.uitleg.${key}`), rows: sectionRows });
  // The sections in the order of EXPORT_SECTIONS (the JSON keeps it).
  const sections: Record<ExportSection, ExportSectionData> = {
    ...accountSections(rows, person, section),
    ...courseSections(rows, person, section),
    ...planSections(rows, person, section),
    ...workSections(rows, person, section),
    ...interviewSections(rows, person, section),
    // The pool profile (issue 31) as the person chose it, and each chosen theme, language and stadsdeel.
    pool_profile: section("pool_profile", pool.profile),
    pool_profile_choices: section("pool_profile_choices", pool.tags),
    pool_invitations: section("pool_invitations", poolInvitations),
    alumni_intervisie_requests: section("alumni_intervisie_requests", alumniRequests),
    audit_log: auditSection(rows, person, section, me),
  };

  return {
    data: {
      format: "leerlijn-gegevens/1",
      created_at: now.toISOString(),
      participant: { id: account.id, name: account.name },
      uitleg: translate(lang, "export.uitleg.intro"),
      sections,
    },
    certificatePdfs: own.certificates.map((c) => ({ number: c.number, pdf: c.pdf })),
  };
}

async function loadAccount(db: DB, me: number) {
  return db.selectFrom("users").select(["id", "email", "name", "role", "status", "created_at", "updated_at"]).where("id", "=", me).executeTakeFirstOrThrow();
}

/** The participant's own rows in every table that holds them directly (one query each, together). */
async function loadOwnRows(db: DB, me: number, email: string) {
  const [
    sessions,
    invitations,
    loginAttempts,
    enrolments,
    groups,
    attendance,
    reflections,
    meetings,
    pop,
    choices,
    placement,
    entries,
    links,
    answers,
    interviews,
    certificates,
  ] = await Promise.all([
    db.selectFrom("auth_sessions").select(["created_at", "expires_at", "last_seen_at"]).where("user_id", "=", me).orderBy("created_at").execute(),
    db
      .selectFrom("invitations")
      .select(["created_at", "expires_at", "used_at", "revoked_at", "created_by"])
      .where("user_id", "=", me)
      .orderBy("created_at")
      .execute(),
    db.selectFrom("login_attempts").select(["created_at", "succeeded", "ip"]).where("email", "=", email).orderBy("created_at").execute(),
    db
      .selectFrom("enrolments as e")
      .innerJoin("cohorts as c", "c.id", "e.cohort_id")
      .select(["e.cohort_id", "c.name as cohort", "c.start_date", "c.end_date", "e.enrolled_at", "e.left_on", "e.left_reason", "e.left_note"])
      .where("e.participant_id", "=", me)
      .orderBy("e.enrolled_at")
      .execute(),
    db
      .selectFrom("intervisie_group_members as m")
      .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
      .innerJoin("cohorts as c", "c.id", "g.cohort_id")
      .select(["g.id as group_id", "g.name as group", "c.name as cohort"])
      .where("m.participant_id", "=", me)
      .orderBy("g.id")
      .execute(),
    db
      .selectFrom("attendance as a")
      .innerJoin("course_sessions as s", "s.id", "a.session_id")
      .select([
        "a.session_id",
        "s.date",
        "s.start_time",
        "s.end_time",
        "s.type",
        "s.title",
        "a.status",
        "a.minutes_missed",
        "a.active",
        "a.note",
        "a.recorded_by",
        "a.recorded_at",
        "a.makeup_status",
        "a.makeup_description",
        "a.makeup_granted_by",
        "a.makeup_granted_at",
        "a.makeup_done_by",
        "a.makeup_done_at",
      ])
      .where("a.participant_id", "=", me)
      .orderBy("s.date")
      .orderBy("s.start_time")
      .execute(),
    db
      .selectFrom("intervisie_reflections as r")
      .innerJoin("course_sessions as s", "s.id", "r.session_id")
      .select(["r.session_id", "s.date", "s.title", "r.text", "r.created_at", "r.updated_at"])
      .where("r.participant_id", "=", me)
      .orderBy("s.date")
      .execute(),
    db
      .selectFrom("intervisie_meetings as m")
      .innerJoin("course_sessions as s", "s.id", "m.session_id")
      .select(["m.session_id", "s.date", "s.title", "m.method", "m.method_other", "m.theme", "m.learning_points", "m.recorded_by", "m.updated_at"])
      .where("m.inbrenger_id", "=", me)
      .orderBy("s.date")
      .execute(),
    db.selectFrom("pops").selectAll().where("participant_id", "=", me).executeTakeFirst(),
    db
      .selectFrom("training_choices as tc")
      .innerJoin("trainings as t", "t.id", "tc.training_id")
      .select([
        "tc.id",
        "tc.cohort_id",
        "t.code as training_code",
        "t.title as training",
        "t.hours",
        "tc.status",
        "tc.leerdoel",
        "tc.assigned_by",
        "tc.created_at",
        "tc.updated_at",
      ])
      .where("tc.participant_id", "=", me)
      .orderBy("tc.id")
      .execute(),
    db
      .selectFrom("placements")
      .select(["organisation", "team", "supervisor_name", "supervisor_email", "supervisor_phone", "updated_by", "updated_at"])
      .where("participant_id", "=", me)
      .execute(),
    db
      .selectFrom("practice_entries")
      .select([
        "id",
        "date",
        "minutes",
        "activity",
        "description",
        "reflection",
        "status",
        "decided_how",
        "decided_by",
        "decided_by_name",
        "decided_link_id",
        "decision_comment",
        "decided_at",
        "created_at",
        "updated_at",
      ])
      .where("participant_id", "=", me)
      .orderBy("date")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("supervisor_links")
      .select(["id", "supervisor_name", "supervisor_email", "created_by", "created_at", "expires_at", "revoked_at", "used_at"])
      .where("participant_id", "=", me)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("assignment_answers as a")
      .innerJoin("course_sessions as s", "s.id", "a.session_id")
      .select([
        "a.session_id",
        "s.date",
        "s.title",
        "s.assignment",
        "a.text",
        "a.submitted_at",
        "a.updated_at",
        "a.feedback",
        "a.feedback_by",
        "a.feedback_at",
        "a.done_at",
        "a.done_by",
      ])
      .where("a.participant_id", "=", me)
      .orderBy("s.date")
      .execute(),
    db
      .selectFrom("interviews as i")
      .innerJoin("cohorts as c", "c.id", "i.cohort_id")
      .select([
        "i.id",
        "c.name as cohort",
        "i.leerlijn_version_id",
        "i.date",
        "i.start_time",
        "i.location",
        "i.status",
        "i.outcome",
        "i.motivation",
        "i.advice",
        "i.corrects_id",
        "i.correction_reason",
        "i.superseded_at",
        "i.created_by",
        "i.created_at",
        "i.finalised_at",
      ])
      .where("i.participant_id", "=", me)
      .orderBy("i.id")
      .execute(),
    db
      .selectFrom("certificates as ce")
      .innerJoin("cohorts as c", "c.id", "ce.cohort_id")
      .select([
        "ce.id",
        "ce.number",
        "c.name as cohort",
        "ce.verification_code",
        "ce.snapshot",
        "ce.pdf_sha256",
        "ce.pdf",
        "ce.issued_at",
        "ce.issued_by",
        "ce.revoked_at",
        "ce.revoked_by",
        "ce.revoke_reason",
        "ce.supersedes_id",
        "ce.superseded_by_id",
      ])
      .where("ce.participant_id", "=", me)
      .orderBy("ce.id")
      .execute(),
  ]);
  return {
    sessions,
    invitations,
    loginAttempts,
    enrolments,
    groups,
    attendance,
    reflections,
    meetings,
    pop,
    choices,
    placement,
    entries,
    links,
    answers,
    interviews,
    certificates,
  };
}
type OwnRows = Awaited<ReturnType<typeof loadOwnRows>>;

/** The POP's versions, events and comments (none without a POP). */
async function loadPopHistory(db: DB, pop: OwnRows["pop"]) {
  const [popVersions, popEvents, popComments] = pop
    ? await Promise.all([
        db
          .selectFrom("pop_versions")
          .select(["number", "content", "author_id", "restored_from", "created_at"])
          .where("pop_id", "=", pop.id)
          .orderBy("number")
          .execute(),
        db.selectFrom("pop_events").select(["version_number", "action", "actor_id", "note", "at"]).where("pop_id", "=", pop.id).orderBy("id").execute(),
        db
          .selectFrom("pop_comments")
          .select(["id", "version_number", "section", "author_id", "reply_to", "text", "created_at"])
          .where("pop_id", "=", pop.id)
          .orderBy("id")
          .execute(),
      ])
    : [[], [], []];
  return { popVersions, popEvents, popComments };
}

/** The GOP is the cohort's; the participant's part is what they wrote and did in it. */
async function loadGopContributions(db: DB, me: number) {
  const [gopVersions, gopEvents] = await Promise.all([
    db
      .selectFrom("gop_versions as v")
      .innerJoin("gops as g", "g.id", "v.gop_id")
      .innerJoin("cohorts as c", "c.id", "g.cohort_id")
      .select(["c.name as cohort", "v.number", "v.changed_sections", "v.content", "v.created_at"])
      .where("v.author_id", "=", me)
      .orderBy("v.id")
      .execute(),
    db
      .selectFrom("gop_events as e")
      .innerJoin("gops as g", "g.id", "e.gop_id")
      .innerJoin("cohorts as c", "c.id", "g.cohort_id")
      .select(["c.name as cohort", "e.version_number", "e.action", "e.note", "e.at"])
      .where("e.actor_id", "=", me)
      .orderBy("e.id")
      .execute(),
  ]);
  return { gopVersions, gopEvents };
}

/** The assessors, judgements and objections of the participant's interviews. */
async function loadInterviewDetails(db: DB, interviewIds: number[]) {
  const [assessors, criteria, competencies, objections] = interviewIds.length
    ? await Promise.all([
        db.selectFrom("interview_assessors").select(["interview_id", "user_id", "signed_at"]).where("interview_id", "in", interviewIds).execute(),
        db
          .selectFrom("interview_criteria")
          .select(["interview_id", "criterion_code", "demonstrated", "justification"])
          .where("interview_id", "in", interviewIds)
          .orderBy("criterion_code")
          .execute(),
        db
          .selectFrom("interview_competencies")
          .select(["interview_id", "competency_code", "judgement"])
          .where("interview_id", "in", interviewIds)
          .orderBy("competency_code")
          .execute(),
        db
          .selectFrom("objections")
          .select(["id", "interview_id", "text", "lodged_at", "lodged_by", "resolution", "resolved_at", "resolved_by"])
          .where("interview_id", "in", interviewIds)
          .orderBy("id")
          .execute(),
      ])
    : [[], [], [], []];
  return { assessors, criteria, competencies, objections };
}
type InterviewDetails = Awaited<ReturnType<typeof loadInterviewDetails>>;

/** The ids of the participant's own records, per audit target type. */
function ownRecordIds(own: OwnRows, objections: InterviewDetails["objections"]): Record<string, string[]> {
  return {
    pop: own.pop ? [String(own.pop.id)] : [],
    training_choice: own.choices.map((c) => String(c.id)),
    supervisor_link: own.links.map((l) => String(l.id)),
    interview: own.interviews.map((i) => String(i.id)),
    certificate: own.certificates.map((c) => String(c.id)),
    objection: objections.map((o) => String(o.id)),
  };
}

/** Audit lines where the participant acted, or that are about them or one of their records. */
async function loadAuditRows(db: DB, me: number, email: string, own: Record<string, string[]>) {
  return db
    .selectFrom("audit_log as a")
    .leftJoin("audit_traces as tr", "tr.audit_id", "a.id")
    .select(["a.id", "a.at", "a.actor_id", "a.actor_role", "a.action", "a.target_type", "a.target_id", "a.outcome", "a.details"])
    .select((eb) => eb.fn.coalesce("tr.ip", "a.ip").as("ip"))
    .where((eb) => {
      const ors = [
        eb("a.actor_id", "=", me),
        eb.and([eb("a.target_type", "in", ["participant", "user"]), eb("a.target_id", "=", String(me))]),
        eb.and([eb("a.target_type", "=", "email"), eb("a.target_id", "=", email)]),
        eb("tr.email", "=", email),
        jsonNumberEquals(db, "a.details", "participantId", me),
      ];
      for (const [type, ids] of Object.entries(own)) if (ids.length) ors.push(eb.and([eb("a.target_type", "=", type), eb("a.target_id", "in", ids)]));
      return eb.or(ors);
    })
    .orderBy("a.id")
    .execute();
}

/** Everything loaded about the participant, as the sections read it. */
type ExportRows = { account: Awaited<ReturnType<typeof loadAccount>> } & OwnRows &
  Awaited<ReturnType<typeof loadPopHistory>> &
  Awaited<ReturnType<typeof loadGopContributions>> &
  InterviewDetails & {
    auditRows: Awaited<ReturnType<typeof loadAuditRows>>;
    absenceReports: Awaited<ReturnType<typeof loadAbsenceReports>>;
    checkIns: Awaited<ReturnType<typeof loadCheckIns>>;
  };

/** A person's name in the export: staff by name, the participant as themselves, any other participant without a name. */
type PersonName = (id: number | null | undefined) => string | null;
type SectionOf = (key: ExportSection, rows: Record<string, unknown>[]) => ExportSectionData;

/** Everyone who acted on the file (and the participant), to be named. */
function actorIdsOf(r: ExportRows, me: number): (number | null | undefined)[] {
  return [
    ...r.invitations.map((x) => x.created_by),
    ...r.attendance.flatMap((x) => [x.recorded_by, x.makeup_granted_by, x.makeup_done_by]),
    ...r.meetings.map((x) => x.recorded_by),
    ...r.choices.map((x) => x.assigned_by),
    ...r.placement.map((x) => x.updated_by),
    ...r.entries.map((x) => x.decided_by),
    ...r.links.map((x) => x.created_by),
    ...r.answers.flatMap((x) => [x.feedback_by, x.done_by]),
    ...r.interviews.map((x) => x.created_by),
    ...r.assessors.map((x) => x.user_id),
    ...r.objections.flatMap((x) => [x.lodged_by, x.resolved_by]),
    ...r.certificates.flatMap((x) => [x.issued_by, x.revoked_by]),
    ...r.popVersions.map((x) => x.author_id),
    ...r.popEvents.map((x) => x.actor_id),
    ...r.popComments.map((x) => x.author_id),
    ...r.auditRows.map((x) => x.actor_id),
    me,
  ];
}

/** Looks up the names of the people who acted on the file (one query) and names them as the export shows them. */
async function personNamer(db: DB, lang: Lang, me: number, ids: (number | null | undefined)[]): Promise<PersonName> {
  const names = new Map<number, { name: string; role: string }>();
  const otherParticipant = translate(lang, "export.otherParticipant");
  const personIds = new Set<number>();
  for (const id of ids) if (id !== null && id !== undefined) personIds.add(id);
  if (personIds.size > 0) {
    for (const u of await db
      .selectFrom("users")
      .select(["id", "name", "role"])
      .where("id", "in", [...personIds])
      .execute())
      names.set(u.id, { name: u.name, role: u.role });
  }
  return (id) => {
    if (id === null || id === undefined) return null;
    const p = names.get(id);
    if (!p) return null;
    return p.role === "participant" && id !== me ? otherParticipant : p.name;
  };
}

/** The account, its sign-ins and invitations, the enrolments. */
function accountSections(loaded: ExportRows, person: PersonName, section: SectionOf) {
  const { account, sessions, invitations, loginAttempts, enrolments } = loaded;
  return {
    account: section("account", [account]),
    sessions: section("sessions", sessions),
    invitations: section(
      "invitations",
      invitations.map(({ created_by, ...r }) => ({ ...r, created_by: person(created_by) })),
    ),
    // An IP address of a failed attempt may be someone else's: only the successful ones are shown.
    login_attempts: section(
      "login_attempts",
      loginAttempts.map((r) => ({ created_at: r.created_at, succeeded: r.succeeded === 1, ip: r.succeeded === 1 ? r.ip : null })),
    ),
    enrolments: section("enrolments", enrolments),
  };
}

/** Intervisie groups, attendance, intervisie meetings and reflections. */
function courseSections(loaded: ExportRows, person: PersonName, section: SectionOf) {
  const { groups, attendance, meetings, reflections, absenceReports, checkIns } = loaded;
  return {
    intervisie_groups: section("intervisie_groups", groups),
    attendance: section(
      "attendance",
      attendance.map((r) => ({
        ...r,
        active: r.active === 1,
        recorded_by: person(r.recorded_by),
        makeup_granted_by: person(r.makeup_granted_by),
        makeup_done_by: person(r.makeup_done_by),
      })),
    ),
    absence_reports: section("absence_reports", absenceReports),
    check_ins: section("check_ins", checkIns),
    intervisie_meetings: section(
      "intervisie_meetings",
      meetings.map((r) => ({ ...r, recorded_by: person(r.recorded_by) })),
    ),
    intervisie_reflections: section("intervisie_reflections", reflections),
  };
}

/** The POP with its history, and the participant's part in the GOP. */
function planSections(loaded: ExportRows, person: PersonName, section: SectionOf) {
  const { pop, popVersions, popEvents, popComments, gopVersions, gopEvents } = loaded;
  return {
    pop: section(
      "pop",
      pop
        ? [
            {
              status: pop.status,
              current_version: pop.current_version,
              story_consent_at: pop.story_consent_at,
              created_at: pop.created_at,
              updated_at: pop.updated_at,
            },
          ]
        : [],
    ),
    pop_versions: section(
      "pop_versions",
      popVersions.map((r) => ({
        number: r.number,
        content: parseJson(r.content),
        author: person(r.author_id),
        restored_from: r.restored_from,
        created_at: r.created_at,
      })),
    ),
    pop_events: section(
      "pop_events",
      popEvents.map((r) => ({ version_number: r.version_number, action: r.action, by: person(r.actor_id), note: r.note, at: r.at })),
    ),
    pop_comments: section(
      "pop_comments",
      popComments.map((r) => ({
        id: r.id,
        version_number: r.version_number,
        section: r.section,
        author: person(r.author_id),
        reply_to: r.reply_to,
        text: r.text,
        created_at: r.created_at,
      })),
    ),
    gop_contributions: section(
      "gop_contributions",
      gopVersions.map((r) => {
        const changed = (parseJson(r.changed_sections) as string[] | null) ?? [];
        const content = parseJson(r.content) as Partial<GopContent> | null;
        const written = Object.fromEntries(GOP_SECTIONS.filter((s) => changed.includes(s)).map((s) => [s, content?.[s] ?? null]));
        return { cohort: r.cohort, version_number: r.number, changed_sections: changed, written, created_at: r.created_at };
      }),
    ),
    gop_events: section("gop_events", gopEvents),
  };
}

/** Trainings, placement, practice hours, werkbegeleider links, assignment answers. */
function workSections(loaded: ExportRows, person: PersonName, section: SectionOf) {
  const { choices, placement, entries, links, answers } = loaded;
  return {
    training_choices: section(
      "training_choices",
      choices.map(({ assigned_by, ...r }) => ({ ...r, assigned_by: person(assigned_by) })),
    ),
    placement: section(
      "placement",
      placement.map(({ updated_by, ...r }) => ({ ...r, updated_by: person(updated_by) })),
    ),
    practice_entries: section(
      "practice_entries",
      entries.map(({ decided_by, ...r }) => ({ ...r, decided_by: person(decided_by) })),
    ),
    supervisor_links: section(
      "supervisor_links",
      links.map(({ created_by, ...r }) => ({ ...r, created_by: person(created_by) })),
    ),
    assignment_answers: section(
      "assignment_answers",
      answers.map(({ feedback_by, done_by, ...r }) => ({ ...r, feedback_by: person(feedback_by), done_by: person(done_by) })),
    ),
  };
}

/** The interviews with their judgements, objections and certificates. */
function interviewSections(loaded: ExportRows, person: PersonName, section: SectionOf) {
  const { interviews, assessors, criteria, competencies, objections, certificates } = loaded;
  const finalised = new Set(interviews.filter((i) => i.status === "afgerond").map((i) => i.id));
  return {
    // A judgement is shown once the interview is finished (as on the participant's own page).
    interviews: section(
      "interviews",
      interviews.map(({ created_by, ...r }) => {
        const done = finalised.has(r.id);
        return {
          ...r,
          outcome: done ? r.outcome : null,
          motivation: done ? r.motivation : null,
          advice: done ? r.advice : null,
          created_by: person(created_by),
          assessors: assessors.filter((a) => a.interview_id === r.id).map((a) => ({ name: person(a.user_id), signed_at: a.signed_at })),
          criteria: done
            ? criteria
                .filter((c) => c.interview_id === r.id)
                .map((c) => ({ code: c.criterion_code, demonstrated: c.demonstrated === null ? null : c.demonstrated === 1, justification: c.justification }))
            : [],
          competencies: done ? competencies.filter((c) => c.interview_id === r.id).map((c) => ({ code: c.competency_code, judgement: c.judgement })) : [],
        };
      }),
    ),
    objections: section(
      "objections",
      objections.map(({ lodged_by, resolved_by, ...r }) => ({ ...r, lodged_by: person(lodged_by), resolved_by: person(resolved_by) })),
    ),
    certificates: section(
      "certificates",
      certificates.map(({ pdf: _pdf, issued_by, revoked_by, snapshot, ...r }) => ({
        ...r,
        snapshot: parseJson(snapshot),
        issued_by: person(issued_by),
        revoked_by: person(revoked_by),
        pdf_file: certificateFileName(r.number),
      })),
    ),
  };
}

/** The audit lines, with an IP address only on the participant's own. */
function auditSection(loaded: ExportRows, person: PersonName, section: SectionOf, me: number): ExportSectionData {
  return section(
    "audit_log",
    loaded.auditRows.map((x) => ({
      at: x.at,
      action: x.action,
      outcome: x.outcome,
      by: person(x.actor_id),
      by_role: x.actor_role,
      target_type: x.target_type,
      target_id: x.target_id,
      // Only the participant's own address; someone else's stays out.
      ip: x.actor_id === me ? x.ip : null,
      details: parseJson(x.details),
    })),
  );
}

export function certificateFileName(number: string): string {
  return `certificaat-${number.replace(/[^A-Za-z0-9-]/g, "_")}.pdf`;
}

/** The ZIP a participant downloads: gegevens.json, gegevens.pdf and any certificate PDFs. Logs data.export. */
export async function buildParticipantExport(
  db: DB,
  participant: Pick<User, "id" | "role">,
  lang: Lang,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<{ zip: Uint8Array; files: string[] }> {
  const now = opts.now ?? currentTime();
  const { data, certificatePdfs } = await collectParticipantData(db, participant, lang, now);
  // Competency titles for the POP's leerdoelen, from the leerlijn version(s) of the participant's cohort(s).
  const competencies = await db
    .selectFrom("competencies as c")
    .innerJoin("cohorts as co", "co.leerlijn_version_id", "c.leerlijn_version_id")
    .innerJoin("enrolments as e", "e.cohort_id", "co.id")
    .select(["c.code", "c.title"])
    .where("e.participant_id", "=", participant.id)
    .execute();
  const pdf = await renderDataExportPdf(data, lang, now, new Map(competencies.map((c) => [c.code, c.title])));
  const files: Record<string, Uint8Array> = {
    "gegevens.json": strToU8(JSON.stringify(data, null, 2)),
    "gegevens.pdf": new Uint8Array(pdf),
  };
  for (const c of certificatePdfs) files[certificateFileName(c.number)] = new Uint8Array(c.pdf);
  // Fixed timestamps: the same data gives the same bytes.
  const zip = zipSync(files, { level: 6, mtime: now });
  await audit(db, {
    actor: { id: participant.id, role: participant.role },
    action: "data.export",
    target: { type: "participant", id: participant.id },
    ip: opts.ip ?? null,
    details: { files: Object.keys(files).length },
    at: now,
  });
  return { zip, files: Object.keys(files) };
}
