import { z } from "zod";
import { dateField, idField, idListField, tooLong } from "./fields";
import { POOL_LANGUAGES, POOL_THEMES, STADSDELEN } from "./pool";

/*
 * Requests from buurtteams to the pool of ervaringsdeskundigen (issue 31, point 3): the same
 * schemas in the browser and on the server. The codes are those of the pool profile
 * (app/forms/pool.ts); their words are in the dictionary under pool.theme.*, pool.language.* and
 * pool.stadsdeel.*.
 */

export const poolRequestSchema = z
  .object({
    theme: z.enum(POOL_THEMES, { error: "poolRequest.theme.required" }),
    description: z.string({ error: "poolRequest.description.required" }).trim().min(1, { error: "poolRequest.description.required" }).max(2000, tooLong),
    stadsdeel: z.enum(STADSDELEN, { error: "poolRequest.stadsdeel.required" }),
    // Empty: any language.
    language: z
      .union([z.literal(""), z.enum(POOL_LANGUAGES)], { error: "form.choice.invalid" })
      .optional()
      .transform((v) => (v ? v : null)),
    periodFrom: dateField,
    periodUntil: dateField,
    hoursPerWeek: z
      .string({ error: "pool.hours.invalid" })
      .trim()
      .regex(/^\d{1,2}$/, { error: "pool.hours.invalid" })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: "pool.hours.invalid" }).max(40, { error: "pool.hours.invalid" })),
  })
  .superRefine((v, ctx) => {
    if (v.periodUntil < v.periodFrom) ctx.addIssue({ code: "custom", path: ["periodUntil"], message: "pool.until.beforeFrom" });
  });
export type PoolRequestInput = z.output<typeof poolRequestSchema>;

/** Inviting: one or more pool members from the suggestions (checked again on the server). */
export const poolInviteSchema = z.object({
  participants: idListField.refine((ids) => ids.length > 0, { error: "poolRequest.invite.none" }),
});

/** The member's answer to an invitation. */
export const poolRespondSchema = z.object({
  invitation: idField,
  answer: z.enum(["accept", "decline"], { error: "form.choice.invalid" }),
});

/** The team withdraws one invitation. */
export const poolWithdrawSchema = z.object({ invitation: idField });

/** Closing a request: only with the box ticked. */
export const poolCloseSchema = z.object({ confirm: z.literal("ja", { error: "poolRequest.close.confirmRequired" }) });

export const POOL_REQUEST_INTENTS = ["invite", "withdraw", "close"] as const;
