import { z } from "zod";
import type { GopContent } from "../rules/gop";
import { tooLong } from "./fields";

export const GOP_GOAL_SLOTS = 6;
const text = (max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => v ?? "");
const goalShape = Object.fromEntries(
  Array.from({ length: GOP_GOAL_SLOTS }, (_, i) => ["doel", "actie", "wie", "wanneer"].map((f) => [`g${i + 1}_${f}`, text(1000)])).flat(),
) as Record<string, ReturnType<typeof text>>;

/** The GOP form: goal rows (doel · wat gaan we doen · wie · wanneer), agreements, evaluation, and the version it was loaded from. */
export const gopSchema = z
  .object({
    baseVersion: z.coerce.number({ error: "form.invalid" }).int().min(0),
    agreements: text(6000),
    evaluation: text(6000),
    ...goalShape,
  })
  .transform((v): { baseVersion: number; content: GopContent } => {
    const raw = v as unknown as Record<string, string>;
    return {
      baseVersion: v.baseVersion,
      content: {
        goals: Array.from({ length: GOP_GOAL_SLOTS }, (_, i) => ({
          doel: raw[`g${i + 1}_doel`] ?? "",
          actie: raw[`g${i + 1}_actie`] ?? "",
          wie: raw[`g${i + 1}_wie`] ?? "",
          wanneer: raw[`g${i + 1}_wanneer`] ?? "",
        })),
        agreements: v.agreements,
        evaluation: v.evaluation,
      },
    };
  });

export const gopStepSchema = z.object({
  version: z.coerce.number({ error: "form.invalid" }).int().positive(),
  note: z
    .string()
    .max(2000, tooLong)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null)),
});
