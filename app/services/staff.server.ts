import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { getCohort, getCohortHeader, type CohortDetail, type CohortHeader } from "./cohorts.server";

/**
 * The cohort as its staff may see it: a coordinator any cohort, a trainer only one they
 * teach (the check is in the query). Anyone else, or another trainer's cohort: undefined.
 */
export async function cohortForStaff(
  db: DB,
  user: Pick<User, "id" | "role">,
  cohortId: number,
): Promise<CohortDetail | undefined> {
  if (user.role === "coordinator") return getCohort(db, cohortId);
  if (user.role === "trainer") return getCohort(db, cohortId, { trainerId: user.id });
  return undefined;
}

/** The same check as cohortForStaff, for the cohort's own row only (one query, no people). */
export async function cohortHeaderForStaff(
  db: DB,
  user: Pick<User, "id" | "role">,
  cohortId: number,
): Promise<CohortHeader | undefined> {
  if (user.role === "coordinator") return getCohortHeader(db, cohortId);
  if (user.role === "trainer") return getCohortHeader(db, cohortId, { trainerId: user.id });
  return undefined;
}
