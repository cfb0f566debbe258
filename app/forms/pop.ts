import { z } from "zod";
import { LEERDOEL_FIELDS, type Leerdoel, type PopContent } from "../rules/pop";
import { idField, tooLong } from "./fields";

export const LEERDOEL_SLOTS = 5;
const text = (max: number) =>
  z
    .string()
    .max(max, tooLong)
    .optional()
    .transform((v) => v ?? "");

const leerdoelShape = Object.fromEntries(
  Array.from({ length: LEERDOEL_SLOTS }, (_, i) => LEERDOEL_FIELDS.map((f) => [`ld${i + 1}_${f}`, text(2000)])).flat(),
) as Record<string, ReturnType<typeof text>>;

/** The POP form: the three sections, the story consent and five leerdoel slots (empty slots are ignored). */
export const popSchema = z
  .object({
    wieBenIk: text(4000),
    storyConsent: z.union([z.literal("on"), z.literal("1"), z.literal(true), z.literal(false), z.literal("")]).optional(),
    sterkeKanten: text(4000),
    ontwikkelpunten: text(4000),
    ...leerdoelShape,
  })
  .transform((v): { content: PopContent; storyConsent: boolean } => {
    const raw = v as Record<string, string>;
    const leerdoelen: Leerdoel[] = Array.from(
      { length: LEERDOEL_SLOTS },
      (_, i) => Object.fromEntries(LEERDOEL_FIELDS.map((f) => [f, raw[`ld${i + 1}_${f}`] ?? ""])) as Leerdoel,
    );
    return {
      content: { wieBenIk: v.wieBenIk, sterkeKanten: v.sterkeKanten, ontwikkelpunten: v.ontwikkelpunten, leerdoelen },
      storyConsent: v.storyConsent === "on" || v.storyConsent === "1" || v.storyConsent === true,
    };
  })
  .refine((v) => !v.content.wieBenIk.trim() || v.storyConsent, { error: "pop.consentRequired", path: ["storyConsent"] });

export const popCommentSchema = z.object({
  section: z.string().regex(/^(wie-ben-ik|sterke-kanten|ontwikkelpunten|leerdoel-[1-5])$/, { error: "form.invalid" }),
  text: z.string({ error: "form.required" }).trim().min(1, { error: "form.required" }).max(2000, tooLong),
  replyTo: z
    .union([z.literal(""), idField])
    .optional()
    .transform((v) => (typeof v === "number" ? v : null)),
});

export const popDecisionSchema = z.object({
  version: z.coerce.number({ error: "form.invalid" }).int().positive(),
  note: z
    .string()
    .max(2000, tooLong)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null)),
});

export const popRestoreSchema = z.object({ version: z.coerce.number({ error: "form.invalid" }).int().positive() });
