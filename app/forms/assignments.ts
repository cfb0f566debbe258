import { z } from "zod";
import { ANSWER_MAX, FEEDBACK_MAX } from "../rules/assignments";
import { idField } from "./fields";

/** A participant's written answer to an oefenopdracht. */
export const answerSchema = z.object({
  text: z
    .string({ error: "assignments.answerRequired" })
    .trim()
    .min(1, { error: "assignments.answerRequired" })
    .max(ANSWER_MAX, { error: "assignments.answerTooLong" }),
});

/**
 * The trainer's review of one answer: optional short feedback. With intent "feedback" the
 * feedback is required; with intent "done" it may stay empty.
 */
export const reviewSchema = z.object({
  participantId: idField,
  feedback: z
    .string()
    .max(FEEDBACK_MAX, { error: "assignments.feedbackTooLong" })
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
});

export const reopenSchema = z.object({ participantId: idField });
