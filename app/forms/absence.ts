import { z } from "zod";
import { tooLong } from "./fields";

export const ABSENCE_REASON_MAX = 500;

/**
 * Reporting absence ahead (afmelden): an optional short reason, only for the cohort's trainers.
 * The meeting comes from the page's address and the person from the sign-in, never from the form.
 */
export const absenceSchema = z.object({
  reason: z
    .string()
    .max(ABSENCE_REASON_MAX, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
});
