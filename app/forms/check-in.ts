import { z } from "zod";
import { looksLikeCheckInCode, normaliseCheckInCode } from "../rules/check-in-format";

/**
 * Self check-in: the code from the trainer's screen. The meeting follows from the code and the
 * person from the sign-in, never from the form.
 */
export const checkInSchema = z.object({
  code: z
    .string({ error: "checkIn.codeInvalid" })
    .max(40, { error: "checkIn.codeInvalid" })
    .refine(looksLikeCheckInCode, { error: "checkIn.codeInvalid" })
    .transform(normaliseCheckInCode),
});
