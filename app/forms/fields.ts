import { z } from "zod";
import { ROLES } from "../../db/schema";
import { isCalendarDate } from "../rules/dates";

/* Building blocks for form schemas. Messages are dictionary keys, translated when shown. */

export const emailField = z
  .string({ error: "form.required" })
  .trim()
  .min(1, { error: "form.required" })
  .max(254, { error: "form.email.invalid" })
  .pipe(z.email({ error: "form.email.invalid" }));

export const nameField = z
  .string({ error: "form.name.required" })
  .trim()
  .min(1, { error: "form.name.required" })
  .max(120, { error: "form.name.tooLong" });

export const dateField = z
  .string({ error: "form.date.invalid" })
  .refine(isCalendarDate, { error: "form.date.invalid" });

export const roleField = z.enum(ROLES, { error: "form.role.invalid" });

/** A positive integer id as sent by a form (a string). */
export const idField = z.coerce.number({ error: "form.choice.invalid" }).int({ error: "form.choice.invalid" }).positive({ error: "form.choice.invalid" });

/** A list of ids from checkboxes: missing, one or many. */
export const idListField = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
  z.array(idField),
);
