import { z } from "zod";
import { isCalendarDate } from "../rules/dates";
import { emailField, tooLong } from "./fields";

/*
 * The pool profile of a certified person (issue 31, point 2): the same schema in the browser and
 * on the server. The lists are fixed here (never taken from the POP); their words are in the
 * dictionary under pool.theme.*, pool.language.* and pool.stadsdeel.*.
 */

/** A few themes of lived experience to choose from; the person's own words go in `experience`. */
export const POOL_THEMES = [
  "psychische_kwetsbaarheid",
  "verslaving",
  "armoede",
  "schulden",
  "dakloosheid",
  "huiselijk_geweld",
  "migratie",
  "jeugdhulp",
  "eenzaamheid",
  "mantelzorg",
] as const;

/** Languages a pool member can work in. */
export const POOL_LANGUAGES = ["nl", "en", "ar", "tzm", "tr", "pap", "srn", "es", "fr", "pl", "so", "ti"] as const;

/** Amsterdam's stadsdelen (Weesp included since 2022). */
export const STADSDELEN = ["centrum", "nieuw_west", "noord", "oost", "west", "zuid", "zuidoost", "weesp"] as const;

const list = <T extends readonly [string, ...string[]]>(values: T, min: number, message: string) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z
      .array(z.enum(values, { error: message }))
      .min(min, { error: message })
      .transform((a) => [...new Set(a)]),
  );

const optionalDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isCalendarDate(v), { error: "form.date.invalid" })
  .transform((v) => (v ? v : null));

export const poolProfileSchema = z
  .object({
    experience: z.string({ error: "pool.experience.required" }).trim().min(1, { error: "pool.experience.required" }).max(2000, tooLong),
    themes: list(POOL_THEMES, 0, "form.choice.invalid"),
    languages: list(POOL_LANGUAGES, 1, "pool.languages.required"),
    stadsdelen: list(STADSDELEN, 1, "pool.stadsdelen.required"),
    hoursPerWeek: z
      .string({ error: "pool.hours.invalid" })
      .trim()
      .regex(/^\d{1,2}$/, { error: "pool.hours.invalid" })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: "pool.hours.invalid" }).max(40, { error: "pool.hours.invalid" })),
    availableFrom: optionalDate,
    availableUntil: optionalDate,
    contactPhone: z
      .string()
      .trim()
      .max(30, tooLong)
      .optional()
      .refine((v) => !v || /^\+?[0-9 ()-]{6,}$/.test(v), { error: "pool.phone.invalid" })
      .transform((v) => (v ? v : null)),
    contactEmail: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.union([z.null(), emailField])),
  })
  .superRefine((v, ctx) => {
    if (v.availableFrom && v.availableUntil && v.availableUntil < v.availableFrom)
      ctx.addIssue({ code: "custom", path: ["availableUntil"], message: "pool.until.beforeFrom" });
    if (!v.contactPhone && !v.contactEmail) ctx.addIssue({ code: "custom", path: ["contactEmail"], message: "pool.contact.required" });
  });
export type PoolProfileInput = z.output<typeof poolProfileSchema>;

/** Joining: the same fields, and the consent box ticked. */
export const poolJoinSchema = poolProfileSchema.and(z.object({ consent: z.literal("ja", { error: "pool.consent.required" }) }));

/** Leaving removes the profile at once: only with the box "yes, remove it" ticked. */
export const poolLeaveSchema = z.object({ confirm: z.literal("ja", { error: "pool.leave.confirmRequired" }) });

export const POOL_INTENTS = ["save", "pause", "resume", "leave"] as const;

/**
 * What a pool member chose to show (issue 31): their own words, the chosen themes, languages and
 * stadsdelen, hours and period. A buurtteam sees this and nothing more until the member says yes.
 */
export interface ShownProfile {
  experience: string;
  themes: string[];
  languages: string[];
  stadsdelen: string[];
  hoursPerWeek: number;
  availableFrom: string | null;
  availableUntil: string | null;
}
