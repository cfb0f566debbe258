import { z } from "zod";
import { parseHours, QUARTER } from "../rules/practice";
import { dateField, emailField, idField, nameField, tooLong, tooLongMessage } from "./fields";

const requiredText = (max: number) => z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(max, tooLong);
const optionalText = (max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null));

export const placementSchema = z.object({
  organisation: requiredText(160),
  team: optionalText(160),
  supervisorName: nameField,
  supervisorEmail: emailField,
  supervisorPhone: z
    .string()
    .trim()
    .max(30, tooLong)
    .optional()
    .refine((v) => !v || /^\+?[0-9 ()-]{6,}$/.test(v), { error: "placement.phoneInvalid" })
    .transform((v) => (v ? v : null)),
});
export type PlacementInput = z.output<typeof placementSchema>;

/** One practice log entry. Limits that need the leerlijn or today's date are checked on the server too. */
export const practiceEntrySchema = z.object({
  date: dateField,
  hours: z.string({ error: "practice.hoursInvalid" }).transform((v, ctx) => {
    const minutes = parseHours(v);
    if (minutes === undefined) {
      ctx.addIssue({ code: "custom", message: "practice.hoursInvalid" });
      return z.NEVER;
    }
    if (minutes <= 0) {
      ctx.addIssue({ code: "custom", message: "practice.hoursNotPositive" });
      return z.NEVER;
    }
    if (minutes % QUARTER !== 0) {
      ctx.addIssue({ code: "custom", message: "practice.hoursNotQuarter" });
      return z.NEVER;
    }
    return minutes;
  }),
  activity: z.string({ error: "practice.activityInvalid" }).min(1, { error: "practice.activityInvalid" }).max(40, { error: "practice.activityInvalid" }),
  description: requiredText(500),
  reflection: requiredText(4000),
});
export type PracticeEntryInput = z.output<typeof practiceEntrySchema>;

export const entryRefSchema = z.object({ entryId: idField });

export const DECISIONS = ["bevestigd", "afgewezen", "later"] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * Decisions on a list of entries: per entry e the fields decision-e, comment-e and revision-e,
 * plus the ids on the list in one hidden field. Rejecting needs a comment, so the participant
 * knows why. revision-e is the version of the entry the decider saw (hidden): the server refuses
 * a decision on an entry that changed since (issue 24, point 5).
 */
export const decisionsSchema = z
  .looseObject({
    entryIds: z
      .string({ error: "form.invalid" })
      .transform((v) => (v.trim() === "" ? [] : v.split(",").map(Number)))
      .pipe(z.array(z.number({ error: "form.invalid" }).int({ error: "form.invalid" }).positive({ error: "form.invalid" }))),
  })
  .transform((v, ctx) => {
    const raw = v as Record<string, unknown>;
    const rows = v.entryIds.map((id) => {
      const decision = raw[`decision-${id}`] ?? "later";
      const commentRaw = raw[`comment-${id}`];
      const comment = typeof commentRaw === "string" && commentRaw.trim() !== "" ? commentRaw.trim() : null;
      if (typeof decision !== "string" || !(DECISIONS as readonly string[]).includes(decision)) {
        ctx.addIssue({ code: "custom", message: "practice.decisionInvalid", path: [`decision-${id}`] });
      }
      if (comment && comment.length > 1000) ctx.addIssue({ code: "custom", message: tooLongMessage(1000), path: [`comment-${id}`] });
      if (decision === "afgewezen" && !comment) ctx.addIssue({ code: "custom", message: "practice.rejectNeedsComment", path: [`comment-${id}`] });
      const revisionRaw = raw[`revision-${id}`];
      const revision = typeof revisionRaw === "string" && /^[1-9][0-9]{0,8}$/.test(revisionRaw) ? Number(revisionRaw) : NaN;
      if (Number.isNaN(revision)) ctx.addIssue({ code: "custom", message: "form.invalid", path: ["_form"] });
      return { entryId: id, decision: decision as Decision, comment, revision };
    });
    if (rows.every((r) => r.decision === "later")) ctx.addIssue({ code: "custom", message: "practice.nothingDecided", path: ["_form"] });
    return rows.filter((r) => r.decision !== "later") as { entryId: number; decision: "bevestigd" | "afgewezen"; comment: string | null; revision: number }[];
  });

/**
 * What a refused decision form shows again: every choice and comment as sent, except the choice
 * on entries that changed in the meantime (those start at "later": decide on what is there now).
 */
export function keepDecisionsExcept(values: Record<string, string | string[]>, changed: number[]): Record<string, string | string[]> {
  const drop = new Set(changed.map((id) => `decision-${id}`));
  return Object.fromEntries(Object.entries(values).filter(([key]) => !drop.has(key)));
}

/**
 * For a route's `shouldRevalidate`: after a refusal because entries changed (409) the page must
 * read the entries again to show their new version; Remix skips that after a 4xx by default.
 */
export function refusedForChangedEntries(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && Array.isArray((actionResult as { changed?: unknown }).changed);
}

export const chooseTrainingSchema = z.object({
  trainingId: idField,
  leerdoel: z
    .string()
    .max(2000, tooLong)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : null)),
  waitingList: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

export const choiceRefSchema = z.object({ choiceId: idField });
export const moveChoiceSchema = z.object({ choiceId: idField, trainingId: idField });
export const assignTrainingSchema = z.object({ participantId: idField, trainingId: idField });
export const linkRefSchema = z.object({ linkId: idField });
