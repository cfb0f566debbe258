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
  // Everyone manages their own password and sessions.
  account: ["participant", "trainer", "examiner", "coordinator"],
};

export function canEnter(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

const HOME: Record<Role, string> = {
  participant: "/deelnemer",
  trainer: "/trainer",
  examiner: "/examinator",
  coordinator: "/coordinator",
};

export function homePathFor(role: Role): string {
  return HOME[role];
}

/** Only local paths are followed after sign-in, never another site. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
