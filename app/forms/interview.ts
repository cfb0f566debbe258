import { z } from "zod";
import { COMPETENCY_JUDGEMENTS, OUTCOMES } from "../rules/interview";
import { dateField, idField, idListField, tooLong, tooLongMessage } from "./fields";

const optionalText = (max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null));

const startTimeField = z.string({ error: "session.timeInvalid" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "session.timeInvalid" });

/** At least two distinct assessors (the server checks this too: app/services/interviews.server.ts). */
const assessorIdsField = idListField.refine((ids) => new Set(ids).size >= 2, { error: "interview.assessorsRequired" });

/**
 * A coordinator's reason, asked only when needed (the server says when: a participant who is not
 * ready yet, or the participant's own trainer or werkbegeleider as assessor).
 */
const coordinatorReason = optionalText(500);

export const planInterviewSchema = z.object({
  participantId: idField,
  date: dateField,
  startTime: startTimeField,
  location: optionalText(200),
  assessorIds: assessorIdsField,
  overrideReason: coordinatorReason,
  conflictReason: coordinatorReason,
});

/** The coordinator gives a planned interview another day, time or place. */
export const rescheduleInterviewSchema = z.object({
  date: dateField,
  startTime: startTimeField,
  location: optionalText(200),
});

/** The coordinator changes the assessors of a planned interview (the same rule as planning). */
export const changeAssessorsSchema = z.object({
  assessorIds: assessorIdsField,
  conflictReason: coordinatorReason,
});

/**
 * The judgement form: per criterion c the fields criterion-c ("1" aangetoond, "0" niet, "" open)
 * and justification-c; per competency k the field competency-k; outcome, motivation, advice.
 * A draft may be incomplete; completeness is checked when signing (app/rules/interview.ts).
 */
export const judgementSchema = z
  .looseObject({
    outcome: z
      .union([z.literal(""), z.enum(OUTCOMES, { error: "form.choice.invalid" })])
      .optional()
      .transform((v) => (v ? v : null)),
    motivation: optionalText(4000),
    advice: optionalText(4000),
  })
  .transform((v, ctx) => {
    const raw = v as Record<string, unknown>;
    const criteria: Record<string, { demonstrated: boolean | null; justification: string | null }> = {};
    const competencies: Record<string, (typeof COMPETENCY_JUDGEMENTS)[number] | null> = {};
    for (const [key, rawValue] of Object.entries(raw)) {
      // A hidden "" beside the radio buttons keeps an unanswered criterion in the form; when a
      // radio is chosen too, the two arrive together and the choice wins.
      const value = Array.isArray(rawValue) ? (rawValue.find((x) => x !== "") ?? "") : rawValue;
      if (typeof value !== "string") continue;
      if (key.startsWith("criterion-")) {
        const code = key.slice("criterion-".length);
        if (!["", "0", "1"].includes(value)) ctx.addIssue({ code: "custom", message: "form.choice.invalid", path: [key] });
        const justification = raw[`justification-${code}`];
        if (typeof justification === "string" && justification.length > 2000)
          ctx.addIssue({ code: "custom", message: tooLongMessage(2000), path: [`justification-${code}`] });
        criteria[code] = {
          demonstrated: value === "" ? null : value === "1",
          justification: typeof justification === "string" && justification.trim() ? justification.trim() : null,
        };
      } else if (key.startsWith("competency-")) {
        if (value !== "" && !(COMPETENCY_JUDGEMENTS as readonly string[]).includes(value))
          ctx.addIssue({ code: "custom", message: "form.choice.invalid", path: [key] });
        competencies[key.slice("competency-".length)] = value === "" ? null : (value as (typeof COMPETENCY_JUDGEMENTS)[number]);
      }
    }
    return { criteria, competencies, outcome: v.outcome, motivation: v.motivation, advice: v.advice };
  });

export const reasonSchema = z.object({
  reason: z.string({ error: "form.required" }).trim().min(3, { error: "form.required" }).max(500, tooLong),
});

/** The coordinator cancels a planned interview: always with a reason. */
export const cancelInterviewSchema = reasonSchema;

export const objectionSchema = z.object({
  text: z.string({ error: "form.required" }).trim().min(10, { error: "objection.tooShort" }).max(4000, tooLong),
});

export const resolveObjectionSchema = z.object({
  objectionId: idField,
  resolution: z.string({ error: "form.required" }).trim().min(3, { error: "form.required" }).max(2000, tooLong),
});

export const noticeSeenSchema = z.object({ noticeId: idField });

export const certificateActionSchema = z.object({
  certificateId: idField,
  reason: z.string({ error: "form.required" }).trim().min(3, { error: "form.required" }).max(500, tooLong),
});

/** Revoking cannot be undone: the coordinator ticks that they are sure (works without JavaScript). */
export const certificateRevokeSchema = certificateActionSchema.extend({
  confirm: z.literal("ja", { error: "register.confirmNeeded" }),
});
