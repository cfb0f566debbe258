import { z } from "zod";
import { EVALUATION_COMMENT_MAX } from "../rules/evaluation";
import { tooLong } from "./fields";

/** The short evaluation after a meeting (issue 29 point 8): a score of 1–5 and one optional line. */
export const evaluationSchema = z.object({
  score: z.enum(["1", "2", "3", "4", "5"], { error: "evaluation.scoreInvalid" }).transform(Number),
  comment: z
    .string()
    .max(EVALUATION_COMMENT_MAX, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
});
