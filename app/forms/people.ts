import { z } from "zod";
import { emailField, idField, personNameField, roleField } from "./fields";

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
