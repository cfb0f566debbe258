import { z } from "zod";
import { LEFT_REASONS } from "../../db/schema";
import { dateField, tooLong } from "./fields";

export const outflowSchema = z.object({
  leftOn: dateField,
  reason: z.enum(LEFT_REASONS, { error: "outflow.reasonInvalid" }),
  note: z
    .string()
    .max(300, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
});
export type OutflowInput = z.output<typeof outflowSchema>;
