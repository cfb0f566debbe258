import type { Role } from "../../db/schema";

/**
 * Who may enter which part of the app, by role. Object-level checks (which cohort,
 * which participant) live in the services' queries; this decides the door.
 */
export type Area =
  | "participant-home"
  | "trainer-home"
  | "examiner-home"
  | "coordinator-home"
  | "people"
  | "cohorts-manage"
  | "cohorts-teach"
  | "curriculum"
  | "participant-profile"
  | "cohort-staff"
  | "participant-schedule"
  | "reports"
  | "interviews"
  | "privacy"
  | "messages"
  | "team-home"
  | "buurtteams-manage"
  | "account";

const AREA_ROLES: Record<Area, readonly Role[]> = {
  "participant-home": ["participant"],
  "trainer-home": ["trainer"],
  "examiner-home": ["examiner"],
  "coordinator-home": ["coordinator"],
  people: ["coordinator"],
  "cohorts-manage": ["coordinator"],
  "cohorts-teach": ["trainer"],
  // Participants know the criteria beforehand, so everyone may read the curriculum.
  curriculum: ["participant", "trainer", "examiner", "coordinator"],
  "participant-profile": ["participant", "trainer", "examiner", "coordinator"],
  // Planning, attendance, intervisie: the cohort's trainers and coordinators (cohort checked in the query).
  "cohort-staff": ["trainer", "coordinator"],
  "participant-schedule": ["participant"],
  // Figures across cohorts, for funders: coordinators only.
  reports: ["coordinator"],
  // Planning and judging final interviews: examiners (their own), coordinators (all).
  interviews: ["examiner", "coordinator"],
  // Retention settings, anonymising, the audit trail: coordinators only.
  privacy: ["coordinator"],
  // The mail outbox (who was sent what kind of message, and did it arrive): coordinators only.
  messages: ["coordinator"],
  // Requests to the pool of ervaringsdeskundigen: buurtteam-coördinatoren only (their own team, in the query).
  // They never reach a course record: no other area lets them in (issue 31).
  "team-home": ["team_coordinator"],
  // The buurtteams and who coordinates them: coordinators only.
  "buurtteams-manage": ["coordinator"],
  // Everyone manages their own password and sessions.
  account: ["participant", "trainer", "examiner", "coordinator", "team_coordinator"],
};

export function canEnter(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/**
 * What someone may do with one participant's record. The relation comes from the database
 * (who teaches the cohort, who holds the interview); ids from the request are never trusted.
 */
export type RecordAction =
  /** the POP: the owner, the trainers of their cohort, the examiners of their interview (approved version) */
  | "pop.read"
  /** the issued certificate PDF: the owner, coordinators, the examiners of the interview */
  | "certificate.download"
  /** progress, attendance, practice: the owner, the trainers of their cohort, coordinators */
  | "participant.view";

export type PolicyAction = `enter:${Area}` | RecordAction;

export interface RecordRelation {
  ownerId?: number | null;
  /** trainers of the cohort the record belongs to */
  trainerIds?: readonly number[];
  /** examiners of the interview the record belongs to */
  assessorIds?: readonly number[];
}

/**
 * The one decision on who may do what. Areas decide the door by role; record actions add the
 * relation to the record. The services' queries apply the same relations when they fetch, so a
 * record outside them is never loaded at all (the route answers 404).
 */
export function can(user: { id: number; role: Role } | null | undefined, action: PolicyAction, record: RecordRelation = {}): boolean {
  if (!user) return false;
  if (action.startsWith("enter:")) return canEnter(user.role, action.slice("enter:".length) as Area);
  const owner = record.ownerId != null && record.ownerId === user.id && user.role === "participant";
  const teaches = user.role === "trainer" && (record.trainerIds ?? []).includes(user.id);
  const assesses = user.role === "examiner" && (record.assessorIds ?? []).includes(user.id);
  switch (action as RecordAction) {
    case "pop.read":
      return owner || teaches || assesses;
    case "certificate.download":
      return owner || assesses || user.role === "coordinator";
    case "participant.view":
      return owner || teaches || user.role === "coordinator";
  }
}

const HOME: Record<Role, string> = {
  participant: "/deelnemer",
  trainer: "/trainer",
  examiner: "/examinator",
  coordinator: "/coordinator",
  team_coordinator: "/buurtteam",
};

export function homePathFor(role: Role): string {
  return HOME[role];
}

/** Only local paths are followed after sign-in, never another site. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to) return fallback;
  // Browsers drop tabs and newlines from a URL and read "\" as "/": "/\t/host" becomes "//host".
  // A control character or a backslash anywhere is refused, nothing is removed; and a CR or LF
  // would otherwise break the Location header after a successful sign-in.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (to === "/" || /^\/[^/]/.test(to)) return to;
  return fallback;
}
