import { z } from "zod";
import { ROLES } from "../../db/schema";
import { isCalendarDate } from "../rules/dates";
import { charactersOutsideNameScripts, hiddenCharacters, normaliseName } from "../rules/names";
import { messageWith } from "../i18n/translate";

/* Building blocks for form schemas. Messages are dictionary keys, translated when shown. */

/** "Too long", with the limit: the message for a text longer than `max` characters (a custom check). */
export function tooLongMessage(max: number): string {
  return messageWith("form.tooLong", { max });
}

/**
 * The error of `.max(n, tooLong)`: zod hands its error function the limit of the check, so the
 * message names it ("… maximaal 2000 tekens."), the same in the browser and on the server.
 */
export const tooLong = { error: (issue: { maximum?: unknown }) => tooLongMessage(Number(issue.maximum)) };

export const emailField = z
  .string({ error: "form.required" })
  .trim()
  .min(1, { error: "form.required" })
  .max(254, { error: "form.email.invalid" })
  .pipe(z.email({ error: "form.email.invalid" }));

/** A name (of a group, a person, a supervisor): normalised, at most 120 characters, nothing hidden. */
export const nameField = z
  .string({ error: "form.name.required" })
  .transform(normaliseName)
  .pipe(
    z
      .string()
      .min(1, { error: "form.name.required" })
      .max(120, { error: "form.name.tooLong" })
      .refine((name) => hiddenCharacters(name).length === 0, { error: "form.name.hidden" }),
  );

/** A person's name, as printed on their certificate: also only letters the certificate can print. */
export const personNameField = nameField.pipe(z.string().refine((name) => charactersOutsideNameScripts(name).length === 0, { error: "form.name.script" }));

export const dateField = z.string({ error: "form.date.invalid" }).refine(isCalendarDate, { error: "form.date.invalid" });

export const roleField = z.enum(ROLES, { error: "form.role.invalid" });

/** A positive integer id as sent by a form (a string). */
export const idField = z.coerce.number({ error: "form.choice.invalid" }).int({ error: "form.choice.invalid" }).positive({ error: "form.choice.invalid" });

/** A list of ids from checkboxes: missing, one or many. */
export const idListField = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []), z.array(idField));
