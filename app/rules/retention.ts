import { z } from "zod";

/**
 * How long the app keeps what (AVG). Defaults from the domain: the certificate register is kept;
 * the assessment file (interview texts) 2 years after the decision; POP/GOP drafts until the end of
 * the course unless the participant keeps them. Sign-in traces (failed attempts with e-mail and IP,
 * ended sessions, used invitations) are kept for a short time only.
 */
/** Whole numbers only as digits ("0x10", "1e2" and "2.5" are refused), or a number from stored JSON. */
const whole = (min: number, max: number, error: string) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,6}$/, { error }),
      ],
      { error },
    )
    .transform(Number)
    .pipe(z.number().int({ error }).min(min, { error }).max(max, { error }));

/** Error messages are dictionary keys, as in every form. */
export const retentionSchema = z.object({
  assessmentMonths: whole(1, 120, "privacy.retention.assessmentMonths.invalid"),
  draftsMonthsAfterEnd: whole(0, 60, "privacy.retention.draftsMonthsAfterEnd.invalid"),
  signInTraceDays: whole(1, 365, "privacy.retention.signInTraceDays.invalid"),
});
export type RetentionSettings = z.infer<typeof retentionSchema>;

export const RETENTION_DEFAULTS: RetentionSettings = {
  assessmentMonths: 24,
  draftsMonthsAfterEnd: 0,
  signInTraceDays: 90,
};

/** yyyy-mm-dd of `date` minus whole months (clamped to the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface RetentionCutoffs {
  /** interviews decided (finalised) before this instant lose their free texts */
  assessmentDecidedBefore: string;
  /** cohorts that ended on or before this day lose their drafts */
  draftsCohortEndedOnOrBefore: string;
  /** sign-in traces older than this instant go */
  signInTracesBefore: string;
}

/** The cut-off moments for a run at `now`. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): RetentionCutoffs {
  const today = now.toISOString().slice(0, 10);
  const time = now.toISOString().slice(10);
  return {
    assessmentDecidedBefore: monthsBefore(today, settings.assessmentMonths) + time,
    // A course that ends today is still running today: drafts go from the day after.
    draftsCohortEndedOnOrBefore: monthsBefore(
      new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
      settings.draftsMonthsAfterEnd,
    ),
    signInTracesBefore: new Date(now.getTime() - settings.signInTraceDays * 86_400_000).toISOString(),
  };
}
