import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { getCohortHeader, type CohortHeader } from "./cohorts.server";

/**
 * The cohort as its staff may see it (its own row, one query): a coordinator any cohort, a
 * trainer only one they teach (the check is in the query). Anyone else, or another trainer's
 * cohort: undefined. Add the people with `withPeople` where a page needs them.
 */
export async function cohortForStaff(db: DB, user: Pick<User, "id" | "role">, cohortId: number): Promise<CohortHeader | undefined> {
  if (user.role === "coordinator") return getCohortHeader(db, cohortId);
  if (user.role === "trainer") return getCohortHeader(db, cohortId, { trainerId: user.id });
  return undefined;
}
