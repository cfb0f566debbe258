import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from "kysely";

/** Roles as stored. The Dutch names live in the dictionary, never here. */
export const ROLES = ["participant", "trainer", "examiner", "coordinator", "team_coordinator"] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ["invited", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** ISO-8601 timestamp text (UTC), e.g. 2026-11-22T12:00:00.000Z. */
type Timestamp = string;
/** ISO date text, e.g. 2026-09-07. */
type DateText = string;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  password_hash: string | null;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  updated_at: Timestamp;
  /** set when a coordinator anonymised the person: name and e-mail are placeholders from then on */
  anonymised_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** base32 TOTP secret; set while enrolling, in use once totp_enabled_at is set. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last accepted 30-second step: a code is accepted only once. */
  totp_last_step: number | null;
  /** The language of the person's e-mail (0026): set when they change the interface language; null: Dutch. */
  lang: ColumnType<"nl" | "en" | null, "nl" | "en" | null | undefined, "nl" | "en" | null>;
}

export interface AuthSessionsTable {
  /** sha256 of the token in the cookie, hex; the token itself is never stored. */
  id: string;
  /** Random, non-secret id for the account page (end this session); never the token hash. */
  public_id: string;
  user_id: number;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  /** Absolute end: sign-in time plus SESSION_MAX_HOURS, whatever the activity. */
  expires_at: Timestamp;
  /** Refreshed at most once a minute; idle for SESSION_IDLE_MINUTES ends the session. */
  last_seen_at: Timestamp;
  /** Short summary such as "Firefox op Windows", not the full header. */
  user_agent: string | null;
  ip: string | null;
}

/** Password accepted, second factor still to come. */
export interface LoginChallengesTable {
  /** sha256 of the token in the challenge cookie. */
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
}

/** Text typed into a form that arrived after the session ended by time; offered once at the next sign-in (0020). */
export interface KeptFormsTable {
  id: Generated<number>;
  user_id: number;
  /** The page the form was sent from (a path, without the query). */
  path: string;
  /** JSON: field name → value (or values). */
  fields: string;
  /** The button's intent the form was sent with (which of the page's forms it was), or null. */
  intent: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export const MAIL_STATUSES = ["pending", "sending", "sent", "failed", "held", "cancelled"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One e-mail in the outbox (0023), written in the transaction of the action that causes it and
 * delivered by the sender (app/services/mail/outbox.server.ts). The body columns are emptied once
 * the message is sent, or by retention; the row (who, what kind, when, how it went) stays.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  /** What kind of message, e.g. "invitation" (the words are in the dictionary: mail.type.*). */
  type: string;
  status: MailStatus;
  recipient_user_id: number | null;
  recipient_email: string;
  lang: "nl" | "en";
  subject: string;
  body_text: string | null;
  body_html: string | null;
  /** JSON: [{ filename, contentType, content }] (content as text), or null. */
  attachments: string | null;
  /** JSON: extra headers (e.g. List-Unsubscribe), or null. */
  headers: string | null;
  /** The one link the message is about (an invitation link): shown to coordinators while mail is off. */
  action_url: string | null;
  /** Unique when set: the same event never queues twice. */
  dedupe_key: string | null;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** The process that claimed the row, and until when its claim (lease) holds. */
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  /** A short line of the last failure (SMTP answer), never the body. */
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  body_purged_at: Timestamp | null;
}

/** One-time recovery codes for the second factor: only the SHA-256 hash is stored (0018). */
export interface TotpRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 (hex) of the normalised code */
  code_hash: string;
  created_at: Timestamp;
  /** set when the code was used to sign in (or to confirm a change); a used code never works again */
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  succeeded: number;
  created_at: Timestamp;
}

/** One counted hit of a rate limit (app/services/rate-limit.server.ts); kept only for the limit's window. */
export interface RateLimitHitsTable {
  id: Generated<number>;
  /** the limit and whom it counts, e.g. `verify:203.0.113.7` */
  key: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 of the token in the link, hex. */
  token_hash: string;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A "Wachtwoord vergeten?" link (issue 28): valid an hour, once; a newer one revokes the older. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 of the secret in the link, hex. */
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LeerlijnenTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface LeerlijnVersionsTable {
  id: Generated<number>;
  leerlijn_id: number;
  version: number;
  valid_from: DateText;
  /** The whole validated template as JSON text: the source of truth for this version. */
  definition: string;
  loaded_at: Timestamp;
}

export interface TrainingsTable {
  id: Generated<number>;
  leerlijn_version_id: number;
  code: string;
  title: string;
  description: string;
  hours: number;
  capacity: number | null;
  position: number;
}

export interface CompetenciesTable {
  id: Generated<number>;
  leerlijn_version_id: number;
  code: string;
  title: string;
  description: string;
  position: number;
}

export interface CriteriaTable {
  id: Generated<number>;
  competency_id: number;
  code: string;
  text: string;
  position: number;
}

export interface CohortsTable {
  id: Generated<number>;
  name: string;
  leerlijn_version_id: number;
  start_date: DateText;
  end_date: DateText;
  /** 'course', or 'alumni': the container of one city-wide intervisie group, never a course (0039, decision 025) */
  kind: ColumnType<CohortKind, CohortKind | undefined, never>;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  updated_at: Timestamp;
}

export type CohortKind = "course" | "alumni";

export interface CohortTrainersTable {
  cohort_id: number;
  user_id: number;
}

export const LEFT_REASONS = ["werk", "gezondheid", "persoonlijk", "niet_passend", "anders"] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

export interface EnrolmentsTable {
  id: Generated<number>;
  cohort_id: number;
  participant_id: number;
  enrolled_at: Timestamp;
  /**
   * uitgestroomd: the day the participant left the cohort; null = still in it. A person may have
   * several enrolments over time (coming back after a break), at most one open
   * (index enrolments_one_open); see app/services/enrolment.server.ts.
   */
  left_on: ColumnType<DateText | null, DateText | null | undefined, DateText | null>;
  left_reason: ColumnType<LeftReason | null, LeftReason | null | undefined, LeftReason | null>;
  left_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: "success" | "failure" | "denied";
  ip: string | null;
  details: string | null;
}

/**
 * The personal traces of an audit line (IP address, the e-mail address typed at sign-in), kept
 * apart so that retention and anonymising can remove them while the audit log stays append-only.
 */
export interface AuditTracesTable {
  audit_id: number;
  ip: string | null;
  email: string | null;
  created_at: Timestamp;
}

export interface IntervisieGroupsTable {
  id: Generated<number>;
  cohort_id: number;
  name: string;
  created_at: Timestamp;
}

export interface IntervisieGroupMembersTable {
  group_id: number;
  participant_id: number;
}

export type MeetingTypeCode = "les" | "training" | "intervisie";
export type AttendanceStatusCode = "aanwezig" | "te_laat" | "afgemeld" | "afwezig";
/** How a meeting is held (0029): in a room, on a video call, or both. */
export type MeetingModeCode = "in_person" | "online" | "hybrid";
/** For a hybrid meeting: how one person took part (0029). */
export type AttendanceModeCode = "in_person" | "online";

/** A meeting (bijeenkomst) on the rooster. The table keeps its name `course_sessions`, see docs/glossary.md. */
export interface MeetingsTable {
  id: Generated<number>;
  cohort_id: number;
  type: MeetingTypeCode;
  title: string;
  date: DateText;
  /** "HH:MM", Amsterdam local time */
  start_time: string;
  end_time: string;
  location: string | null;
  online_url: string | null;
  training_id: number | null;
  intervisie_group_id: number | null;
  /** JSON: [{ minutes: number, title: string }] */
  programme: ColumnType<string, string | undefined, string>;
  /** the oefenopdracht (homework) text, if any */
  assignment: string | null;
  /** the last day (yyyy-mm-dd) to hand in the oefenopdracht; null = before the next meeting */
  assignment_due: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<"planned" | "cancelled", "planned" | "cancelled" | undefined, "planned" | "cancelled">;
  cancel_reason: string | null;
  /** bumped at every attendance save: a stale form is a conflict, not an overwrite */
  attendance_revision: ColumnType<number, number | undefined, number>;
  /** the iCalendar SEQUENCE: a trigger raises it when title, kind, day, times, place or status change (0024) */
  calendar_sequence: ColumnType<number, never, never>;
  /** in person, online or both (0029) */
  mode: ColumnType<MeetingModeCode, MeetingModeCode | undefined, MeetingModeCode>;
  /** the series (reeks) this meeting was planned in, or null (0030) */
  series_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** the lesson plan (its code in the leerlijn version's lessonPlans) it was planned from, or null (0034) */
  lesson_plan_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** which dagdeel of that plan, from 1 (0034) */
  lesson_plan_dagdeel: ColumnType<number | null, number | null | undefined, number | null>;
  /** the meeting where "cancel this one and all later ones" started, on each meeting it cancelled (0034) */
  cancelled_from: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  updated_at: Timestamp;
}

/** A series of meetings planned in one form (0030): how it was planned; the meetings are ordinary rows. */
export interface MeetingSeriesTable {
  id: Generated<number>;
  cohort_id: number;
  first_date: DateText;
  /** 1: every week; 2: every two weeks */
  every_weeks: number;
  count: number;
  /** JSON list of the skipped days, yyyy-mm-dd */
  skip_dates: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
}

/** An anonymous evaluation of a meeting (0030): no person, no time, a random key. */
export interface MeetingEvaluationsTable {
  id: string;
  session_id: number;
  /** 1–5 */
  score: number;
  comment: string | null;
}

/** That a participant answered a meeting's evaluation (0030), kept apart from the answer. */
export interface MeetingEvaluationAnsweredTable {
  session_id: number;
  participant_id: number;
}

export interface MeetingTrainersTable {
  session_id: number;
  user_id: number;
}

export interface AttendanceTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  status: AttendanceStatusCode;
  minutes_missed: number;
  active: number;
  note: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
  makeup_status: "granted" | "done" | null;
  makeup_description: string | null;
  makeup_granted_by: number | null;
  makeup_granted_at: Timestamp | null;
  makeup_done_by: number | null;
  makeup_done_at: Timestamp | null;
  /** for a hybrid meeting: in person or online; null otherwise (0029) */
  mode: ColumnType<AttendanceModeCode | null, AttendanceModeCode | null | undefined, AttendanceModeCode | null>;
}

/** A participant's report ahead that they will miss a meeting (afmelden, 0029). Withdrawn = deleted. */
export interface AbsenceReportsTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  /** optional; only the cohort's trainers see it */
  reason: string | null;
  reported_at: Timestamp;
}

/** A meeting's own random secret for its check-in codes (0031); made when the check-in screen is first opened. */
export interface CheckInKeysTable {
  session_id: number;
  secret: string;
  created_at: Timestamp;
}

/** A participant checked in with a code (0031): present, pending the trainer's confirmation on the list. */
export interface CheckInsTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  checked_in_at: Timestamp;
}

export interface IntervisieMeetingsTable {
  session_id: number;
  method: string;
  method_other: string | null;
  inbrenger_id: number | null;
  theme: string;
  learning_points: string;
  recorded_by: number | null;
  updated_at: Timestamp;
}

export interface IntervisieReflectionsTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PopStatus = "concept" | "ingediend" | "goedgekeurd" | "terug";

export interface PopsTable {
  id: Generated<number>;
  participant_id: number;
  status: PopStatus;
  /** number of the newest version; 0 before the first save */
  current_version: number;
  /** when the participant agreed to keep the optional personal story; null = not given or withdrawn */
  story_consent_at: Timestamp | null;
  /** the participant chose to keep their drafts after the course; null = drafts go at the end */
  keep_drafts_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  updated_at: Timestamp;
}

export interface PopVersionsTable {
  id: Generated<number>;
  pop_id: number;
  number: number;
  /** JSON of PopContent */
  content: string;
  author_id: number | null;
  restored_from: number | null;
  created_at: Timestamp;
}

export interface PopEventsTable {
  id: Generated<number>;
  pop_id: number;
  version_number: number;
  action: "submit" | "approve" | "return";
  actor_id: number | null;
  note: string | null;
  at: Timestamp;
}

export interface PopCommentsTable {
  id: Generated<number>;
  pop_id: number;
  version_number: number;
  section: string;
  author_id: number | null;
  reply_to: number | null;
  text: string;
  created_at: Timestamp;
}

export interface GopsTable {
  id: Generated<number>;
  cohort_id: number;
  status: PopStatus;
  current_version: number;
  created_at: ColumnType<Timestamp, Timestamp, never>;
  updated_at: Timestamp;
}

export interface GopVersionsTable {
  id: Generated<number>;
  gop_id: number;
  number: number;
  content: string;
  /** JSON array of the section codes this version changed */
  changed_sections: string;
  author_id: number | null;
  created_at: Timestamp;
}

export interface GopEventsTable {
  id: Generated<number>;
  gop_id: number;
  version_number: number;
  action: "submit" | "approve" | "return";
  actor_id: number | null;
  note: string | null;
  at: Timestamp;
}

export type TrainingChoiceStatus = "gekozen" | "bevestigd" | "wachtlijst";

export interface TrainingChoicesTable {
  id: Generated<number>;
  cohort_id: number;
  participant_id: number;
  training_id: number;
  status: TrainingChoiceStatus;
  /** the text of the POP leerdoel this choice serves, as chosen; null = none */
  leerdoel: string | null;
  /** set when a trainer placed the participant, rather than the participant choosing */
  assigned_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlacementsTable {
  participant_id: number;
  organisation: string;
  team: string | null;
  supervisor_name: string;
  supervisor_email: string;
  supervisor_phone: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type PracticeStatus = "open" | "bevestigd" | "afgewezen";

export interface PracticeEntriesTable {
  id: Generated<number>;
  participant_id: number;
  date: DateText;
  /** whole quarter hours, stored as minutes (15..720) */
  minutes: number;
  /** an activity code from the leerlijn template */
  activity: string;
  description: string;
  reflection: string;
  status: PracticeStatus;
  decided_how: "trainer" | "werkbegeleider" | null;
  decided_by: number | null;
  /** who decided, as a name: the trainer's, or the werkbegeleider's from the link */
  decided_by_name: string | null;
  decided_link_id: number | null;
  decision_comment: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /**
   * 1 when written, +1 on every change (a correction, a decision). A decision carries the
   * revision the decider saw and is refused when the entry changed since (issue 24, point 5).
   */
  revision: Generated<number>;
}

export interface SupervisorLinksTable {
  id: Generated<number>;
  participant_id: number;
  /** sha256 of the token in the link, hex. */
  token_hash: string;
  supervisor_name: string;
  supervisor_email: string;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** set when every entry the link covers has been decided: the link is spent */
  used_at: Timestamp | null;
}

export interface SupervisorLinkEntriesTable {
  link_id: number;
  entry_id: number;
}

export interface AssignmentAnswersTable {
  id: Generated<number>;
  session_id: number;
  participant_id: number;
  text: string;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  feedback: string | null;
  feedback_by: number | null;
  feedback_at: Timestamp | null;
  done_at: Timestamp | null;
  done_by: number | null;
}

export type InterviewOutcome = "geslaagd" | "niet_geslaagd" | "herkansing";
export type CompetencyJudgement = "onvoldoende" | "voldoende" | "goed";

export interface InterviewsTable {
  id: Generated<number>;
  participant_id: number;
  cohort_id: number;
  /** the leerlijn version whose criteria this interview judges */
  leerlijn_version_id: number;
  date: DateText;
  start_time: string;
  location: string | null;
  /** gepland: planned or being judged (draft); afgerond: every assessor signed, locked */
  status: "gepland" | "afgerond";
  outcome: InterviewOutcome | null;
  motivation: string | null;
  advice: string | null;
  /** a correction of a finalised interview points at the record it corrects */
  corrects_id: number | null;
  correction_reason: string | null;
  /** set on a finalised record once a correction of it is finalised */
  superseded_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finalised_at: Timestamp | null;
  /** set when the retention run removed the file's free texts (motivation, advice, justifications) */
  purged_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** the iCalendar SEQUENCE: a trigger raises it when the day, time or place change (0024) */
  calendar_sequence: ColumnType<number, never, never>;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface InterviewAssessorsTable {
  interview_id: number;
  user_id: number;
  signed_at: Timestamp | null;
}

export interface InterviewCriteriaTable {
  interview_id: number;
  criterion_code: string;
  /** 1 aangetoond, 0 niet aangetoond, null not judged yet */
  demonstrated: number | null;
  justification: string | null;
}

export interface InterviewCompetenciesTable {
  interview_id: number;
  competency_code: string;
  judgement: CompetencyJudgement | null;
}

export interface ObjectionsTable {
  id: Generated<number>;
  interview_id: number;
  text: string;
  lodged_at: Timestamp;
  lodged_by: number | null;
  resolution: string | null;
  resolved_at: Timestamp | null;
  resolved_by: number | null;
}

export interface CertificatesTable {
  id: Generated<number>;
  /** LLB-2026-0007 */
  number: string;
  year: number;
  seq: number;
  /** public, unguessable (144 random bits); the key of /verify/<code> */
  verification_code: string;
  participant_id: number;
  cohort_id: number;
  interview_id: number | null;
  /** JSON of CertificateSnapshot: what it certifies, frozen at issue */
  snapshot: string;
  /**
   * The name printed on the certificate: generated by the database from `snapshot` (0015). The
   * register shows and searches this, so anonymising the person (users.name) leaves it alone.
   */
  participant_name: GeneratedAlways<string | null>;
  pdf_sha256: string;
  /** the issued PDF, byte for byte */
  pdf: Buffer;
  issued_at: Timestamp;
  issued_by: number | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
  revoke_reason: string | null;
  /** null: revoked by hand; 'correctie': ended by a finalised correction of the interview (0014) */
  revoke_kind: "correctie" | null;
  supersedes_id: number | null;
  superseded_by_id: number | null;
}

/** In-app notices for the coordinators (0014); seen once one of them marks it. */
export interface CoordinatorNoticesTable {
  id: Generated<number>;
  kind: "certificate.revokedAfterCorrection";
  participant_id: number | null;
  certificate_id: number | null;
  interview_id: number | null;
  created_at: Timestamp;
  seen_at: Timestamp | null;
  seen_by: number | null;
}

/** A person's calendar feed link (0024): only the SHA-256 of the token in the link; renewing replaces it. */
/** Issue 30 (0035): the app's credential signing keys; the secret half sealed, never shown or exported. */
export interface IssuerKeysTable {
  id: Generated<number>;
  key_ref: string;
  public_key_multibase: string;
  secret_key_sealed: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

/** Issue 30 (0035): the signed Open Badges 3.0 credential of a certificate, exactly as issued. */
export interface OpenBadgeCredentialsTable {
  id: Generated<number>;
  certificate_id: number;
  status_index: number;
  key_ref: string;
  base_url: string;
  credential: string;
  issued_at: Timestamp;
  /** Issue 30, migration 0037: 1 the participant's name is in this credential (the default), 0 only the identity hash. */
  show_name: Generated<number>;
  /** set: a newer credential of the same certificate replaced this one (its status bit is on) */
  replaced_at: Timestamp | null;
}

export interface CalendarFeedsTable {
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
}

/** Moved on by database triggers whenever anything a cohort's progress reads changes (0011). */
export interface ProgressVersionsTable {
  cohort_id: number;
  version: number;
}

/**
 * One row (id 1) that database triggers move on whenever any cohort's progress version or any
 * certificate changes (0021): the overviews across all cohorts are kept per value of it.
 */
export interface OverviewEpochTable {
  id: number;
  version: ColumnType<number | string, number, number>;
  /** PostgreSQL: the transaction that moved it last */
  txid: ColumnType<number | string | null, number | null | undefined, number | null>;
}

/**
 * A person's choice for one optional category of e-mail (0026); no row: on. The token is the key
 * in the one-click unsubscribe link of that category's mails (turns only this category off).
 */
export interface MailPreferencesTable {
  user_id: number;
  category: "updates" | "schedule" | "reminders" | "digest";
  /** 1 on, 0 off */
  enabled: number;
  unsubscribe_token: string;
  updated_at: Timestamp;
}

/**
 * A certified person's profile in the city-wide pool of ervaringsdeskundigen (0036, issue 31):
 * only what they chose to show. Leaving deletes the row (and its tags).
 */
export interface PoolProfilesTable {
  participant_id: number;
  /** the areas of lived experience they want to work from, in their own words */
  experience: string;
  hours_per_week: number;
  available_from: DateText | null;
  available_until: DateText | null;
  /** shown to a buurtteam only after the person accepted its request (a later part of issue 31) */
  contact_phone: string | null;
  contact_email: string | null;
  /** when they agreed to the consent text on /deelnemer/pool */
  consent_at: Timestamp;
  /** set: in the pool, but not to be suggested until they resume */
  paused_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const POOL_TAG_KINDS = ["theme", "language", "stadsdeel"] as const;
export type PoolTagKind = (typeof POOL_TAG_KINDS)[number];

/** One chosen theme, language or stadsdeel of a pool profile (0036). */
export interface PoolProfileTagsTable {
  participant_id: number;
  kind: PoolTagKind;
  code: string;
}

/** A buurtteam (0038): the team a buurtteam-coördinator works for, in one stadsdeel (a code of STADSDELEN). */
export interface BuurtteamsTable {
  id: Generated<number>;
  name: string;
  stadsdeel: string;
  created_at: Timestamp;
}

/** Which buurtteam a buurtteam-coördinator (role team_coordinator) works for: exactly one (0038). */
export interface TeamCoordinatorsTable {
  user_id: number;
  buurtteam_id: number;
}

export type PoolRequestStatus = "open" | "closed";

/** A request from a buurtteam to the pool (0038): what support, where, in which language, when, how much. */
export interface PoolRequestsTable {
  id: Generated<number>;
  buurtteam_id: number;
  created_by: number | null;
  /** a code of POOL_THEMES: the kind of lived experience asked for */
  theme: string;
  /** the request in the team's own words */
  description: string;
  /** a code of STADSDELEN */
  stadsdeel: string;
  /** a code of POOL_LANGUAGES, or null: any language */
  language: string | null;
  period_from: DateText;
  period_until: DateText;
  hours_per_week: number;
  status: ColumnType<PoolRequestStatus, PoolRequestStatus | undefined, PoolRequestStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export type PoolInvitationStatus = "invited" | "accepted" | "declined" | "withdrawn";

/** A pool member invited for a request (0038). Contact details are read from pool_profiles, only when accepted. */
export interface PoolInvitationsTable {
  id: Generated<number>;
  request_id: number;
  participant_id: number;
  status: ColumnType<PoolInvitationStatus, PoolInvitationStatus | undefined, PoolInvitationStatus>;
  invited_by: number | null;
  invited_at: Timestamp;
  decided_at: Timestamp | null;
}

/** A city-wide intervisie group for alumni (0039, decision 025): its container cohort, place and number of places. */
export interface AlumniIntervisieGroupsTable {
  group_id: number;
  /** the container cohort (kind 'alumni'); nobody is enrolled in it */
  cohort_id: number;
  place: string;
  /** a code of STADSDELEN */
  stadsdeel: string;
  max_members: number;
  created_by: number | null;
  created_at: Timestamp;
}

export type AlumniIntervisieRequestStatus = "open" | "accepted" | "refused" | "removed";

/** An alum's request to join a city-wide intervisie group (0039); accepted = a member. */
export interface AlumniIntervisieRequestsTable {
  id: Generated<number>;
  group_id: number;
  participant_id: number;
  status: AlumniIntervisieRequestStatus;
  requested_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: number | null;
}

export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  login_challenges: LoginChallengesTable;
  totp_recovery_codes: TotpRecoveryCodesTable;
  kept_forms: KeptFormsTable;
  login_attempts: LoginAttemptsTable;
  rate_limit_hits: RateLimitHitsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  leerlijnen: LeerlijnenTable;
  leerlijn_versions: LeerlijnVersionsTable;
  trainings: TrainingsTable;
  competencies: CompetenciesTable;
  criteria: CriteriaTable;
  cohorts: CohortsTable;
  cohort_trainers: CohortTrainersTable;
  enrolments: EnrolmentsTable;
  audit_log: AuditLogTable;
  audit_traces: AuditTracesTable;
  intervisie_groups: IntervisieGroupsTable;
  intervisie_group_members: IntervisieGroupMembersTable;
  course_sessions: MeetingsTable;
  session_trainers: MeetingTrainersTable;
  meeting_series: MeetingSeriesTable;
  meeting_evaluations: MeetingEvaluationsTable;
  meeting_evaluation_answered: MeetingEvaluationAnsweredTable;
  attendance: AttendanceTable;
  absence_reports: AbsenceReportsTable;
  check_in_keys: CheckInKeysTable;
  check_ins: CheckInsTable;
  intervisie_meetings: IntervisieMeetingsTable;
  intervisie_reflections: IntervisieReflectionsTable;
  pops: PopsTable;
  pop_versions: PopVersionsTable;
  pop_events: PopEventsTable;
  pop_comments: PopCommentsTable;
  gops: GopsTable;
  gop_versions: GopVersionsTable;
  gop_events: GopEventsTable;
  training_choices: TrainingChoicesTable;
  placements: PlacementsTable;
  practice_entries: PracticeEntriesTable;
  supervisor_links: SupervisorLinksTable;
  supervisor_link_entries: SupervisorLinkEntriesTable;
  assignment_answers: AssignmentAnswersTable;
  interviews: InterviewsTable;
  interview_assessors: InterviewAssessorsTable;
  interview_criteria: InterviewCriteriaTable;
  interview_competencies: InterviewCompetenciesTable;
  objections: ObjectionsTable;
  certificates: CertificatesTable;
  coordinator_notices: CoordinatorNoticesTable;
  settings: SettingsTable;
  progress_versions: ProgressVersionsTable;
  overview_epoch: OverviewEpochTable;
  mail_outbox: MailOutboxTable;
  calendar_feeds: CalendarFeedsTable;
  issuer_keys: IssuerKeysTable;
  open_badge_credentials: OpenBadgeCredentialsTable;
  mail_preferences: MailPreferencesTable;
  pool_profiles: PoolProfilesTable;
  pool_profile_tags: PoolProfileTagsTable;
  buurtteams: BuurtteamsTable;
  team_coordinators: TeamCoordinatorsTable;
  pool_requests: PoolRequestsTable;
  pool_invitations: PoolInvitationsTable;
  alumni_intervisie_groups: AlumniIntervisieGroupsTable;
  alumni_intervisie_requests: AlumniIntervisieRequestsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Cohort = Selectable<CohortsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type Meeting = Selectable<MeetingsTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
