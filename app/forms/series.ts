import { z } from "zod";
import { parseSkipList, SERIES_MAX_COUNT, SERIES_MIN_COUNT, type SeriesInterval } from "../rules/series";
import { dateField, tooLong } from "./fields";
import { meetingFields } from "./meetings";

/**
 * A series of meetings in one form (issue 29 point 6): the fields of a single meeting, but a first
 * day, a rhythm, a number of times and days to skip instead of one date. The same schema checks
 * the form in the browser and in the action.
 */
export const seriesSchema = z
  .object({
    ...meetingFields,
    firstDate: dateField,
    everyWeeks: z.enum(["1", "2"], { error: "series.everyInvalid" }).transform((v) => Number(v) as SeriesInterval),
    count: z.coerce
      .number({ error: "series.countInvalid" })
      .int({ error: "series.countInvalid" })
      .min(SERIES_MIN_COUNT, { error: "series.countInvalid" })
      .max(SERIES_MAX_COUNT, { error: "series.countInvalid" }),
    skip: z
      .string()
      .max(2000, tooLong)
      .optional()
      .transform((v, ctx) => {
        const parsed = parseSkipList(v ?? "");
        if (!parsed.ok) {
          ctx.addIssue({ code: "custom", message: `series.${parsed.problem}` });
          return z.NEVER;
        }
        return parsed.days;
      }),
    /** the days shown in the preview the person confirmed, comma-separated (empty before the preview) */
    previewed: z
      .string()
      .max(SERIES_MAX_COUNT * 11, tooLong)
      .optional()
      .transform((v) => (v ? v.split(",") : [])),
  })
  .refine((v) => v.endTime > v.startTime, { error: "session.endBeforeStart", path: ["endTime"] })
  .refine((v) => v.type !== "training" || v.trainingId !== null, { error: "session.trainingRequired", path: ["trainingId"] })
  .refine((v) => v.type !== "intervisie" || v.intervisieGroupId !== null, { error: "session.groupRequired", path: ["intervisieGroupId"] });

export type SeriesForm = z.output<typeof seriesSchema>;

/** On a meeting of a series: change only this one, or this one and the later ones of the series. */
export const SERIES_SCOPES = ["one", "later"] as const;
export const seriesScopeSchema = z.object({
  scope: z.enum(SERIES_SCOPES, { error: "form.choice.invalid" }).optional().default("one"),
});

/**
 * "Cancel this one and all later ones" (issue 29 point 6): the reason (optional, as for one
 * meeting) and, in the confirmation step, the meetings the person saw listed (ids, comma-separated).
 */
export const cancelLaterSchema = z.object({
  reason: z.string().max(300, tooLong).optional(),
  expected: z
    .string()
    .max(SERIES_MAX_COUNT * 12, tooLong)
    .regex(/^(\d+(,\d+)*)?$/, { error: "form.invalid" })
    .optional()
    .transform((v) => (v ? v.split(",").map(Number) : [])),
});
