import { z } from "zod";
import { retentionSchema } from "../rules/retention";
import { idField } from "./fields";
import { isCalendarDate } from "../rules/dates";

export { retentionSchema };

/** Anonymising cannot be undone: the coordinator ticks that they understand. */
export const anonymiseSchema = z.object({
  userId: idField,
  confirm: z.literal("ja", { error: "privacy.anonymise.confirm.required" }),
});

export const keepDraftsSchema = z.object({ keep: z.enum(["1", "0"], { error: "form.choice.invalid" }) });

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v && isCalendarDate(v) ? v : undefined));

/** The filters of the audit search (a GET form: wrong values are ignored, never an error). */
export const auditFilterSchema = z.object({
  action: optionalText,
  actor: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined)),
  targetType: optionalText,
  targetId: optionalText,
  outcome: z
    .string()
    .optional()
    .transform((v) => (v === "success" || v === "failure" || v === "denied" ? v : undefined)),
  from: optionalDate,
  to: optionalDate,
  page: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,5}$/.test(v) && Number(v) > 0 ? Number(v) : 1)),
});
export type AuditFilterInput = z.output<typeof auditFilterSchema>;
