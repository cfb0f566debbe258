import { z } from "zod";
import type { Role } from "../../db/schema";
import { emailField, idField, personNameField } from "./fields";

/**
 * The roles given on /coordinator/mensen. A buurtteam-coördinator belongs to a team, so that role
 * is given on /coordinator/buurtteams (issue 31).
 */
export const PEOPLE_ROLES = ["participant", "trainer", "examiner", "coordinator"] as const satisfies readonly Role[];
const roleField = z.enum(PEOPLE_ROLES, { error: "form.role.invalid" });

export const invitePersonSchema = z.object({
  name: personNameField,
  email: emailField,
  role: roleField,
  cohortId: z.union([z.literal(""), idField]).optional(),
});

export const changeRoleSchema = z.object({
  userId: idField,
  role: roleField,
});

export const userIdSchema = z.object({ userId: idField });
