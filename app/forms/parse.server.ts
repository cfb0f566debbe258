import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string | string[]> };

/** No form of the app has more than a few hundred fields (the attendance sheet of a big cohort). */
export const MAX_FORM_FIELDS = 1000;

/** Thrown for a form with more fields than any page sends: the calm 413 page, nothing processed. */
function tooManyFields(): Response {
  return new Response("Too many form fields", { status: 413, statusText: "Payload Too Large" });
}

/** The number of fields in an urlencoded body: one more than its separators, in one pass. */
export function countUrlencodedFields(body: string): number {
  if (body.length === 0) return 0;
  let n = 1;
  for (let i = body.indexOf("&"); i !== -1; i = body.indexOf("&", i + 1)) n++;
  return n;
}

/**
 * Reads a request's form, refusing one with more than MAX_FORM_FIELDS fields before it is parsed
 * (a 413 Response is thrown). Every action reads its form through this (a lint rule forbids
 * `request.formData()` elsewhere), so the public forms (sign-in, /verify, /bevestigen) cannot be
 * made to parse tens of thousands of fields before any check.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    const body = await request.text();
    if (countUrlencodedFields(body) > MAX_FORM_FIELDS) throw tooManyFields();
    const formData = new FormData();
    for (const [key, value] of new URLSearchParams(body)) formData.append(key, value);
    return formData;
  }
  // eslint-disable-next-line no-restricted-syntax -- the one place that parses other encodings (multipart)
  const formData = await request.formData();
  let fields = 0;
  for (const _key of formData.keys()) if (++fields > MAX_FORM_FIELDS) throw tooManyFields();
  return formData;
}

/**
 * FormData to a plain object in one pass; keys that occur more than once (checkbox groups) become
 * arrays. A key with only files gets "". Built with Object.fromEntries, so a field named
 * "__proto__" is an ordinary own property.
 */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const fields = new Map<string, string[]>();
  let count = 0;
  for (const [key, value] of formData.entries()) {
    if (++count > MAX_FORM_FIELDS) throw tooManyFields();
    let all = fields.get(key);
    if (all === undefined) fields.set(key, (all = []));
    if (typeof value === "string") all.push(value);
  }
  return Object.fromEntries([...fields].map(([key, all]) => [key, all.length > 1 ? all : (all[0] ?? "")]));
}

/** Parses a form with the same zod schema the page uses; errors keep their dictionary keys. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): ParseResult<z.output<S>> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    fieldErrors[field] ??= issue.message;
  }
  // Never echo passwords back into the page.
  for (const key of Object.keys(values)) if (/password|confirm/i.test(key)) values[key] = "";
  return { ok: false, fieldErrors, values };
}
