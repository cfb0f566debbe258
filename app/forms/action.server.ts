import type { MessageKey } from "../i18n/nl";
import type { Params } from "../i18n/translate";
import { dbErrorMessage } from "../services/db-errors";
import { UserInputError, UserInputErrors } from "../services/errors";
import type { FieldErrors } from "./parse.server";

export interface ActionFailure {
  ok: false;
  fieldErrors?: FieldErrors;
  formError?: { key: MessageKey; params?: Params };
  values?: Record<string, string | string[]>;
}

/** Turns a refusal the user can fix into field or form errors; anything else is a real fault. */
export function userErrorToFailure(error: unknown, values?: Record<string, string | string[]>): ActionFailure {
  if (error instanceof UserInputErrors) {
    return { ok: false, fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors).filter((e): e is [string, MessageKey] => Boolean(e[1]))), values };
  }
  if (error instanceof UserInputError) {
    return error.field ? { ok: false, fieldErrors: { [error.field]: error.messageKey }, values } : { ok: false, formError: { key: error.messageKey }, values };
  }
  // A full disk or a busy database: nothing was saved; say so calmly and keep what was typed.
  const dbKey = dbErrorMessage(error);
  if (dbKey) return { ok: false, formError: { key: dbKey }, values };
  throw error;
}

export function intentOf(formData: FormData): string {
  const v = formData.get("intent");
  return typeof v === "string" ? v : "";
}
