import { z } from "zod";
import { SIGNATORIES_MAX, SIGNATORY_NAME_MAX, SIGNATORY_ROLE_MAX, type Signatory } from "../rules/signatories";

const text = (max: number, tooLong: "signatories.name.tooLong" | "signatories.role.tooLong") =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .optional()
    .transform((v) => v ?? "");

/** Row numbers of the form: name1/role1 … name3/role3. */
export const SIGNATORY_ROWS = Array.from({ length: SIGNATORIES_MAX }, (_, i) => i + 1);

/**
 * The signatories form: up to three rows of name and function; empty rows are left out, a row
 * needs both, and at least one row is filled in. The result is the list in row order.
 */
export const signatoriesSchema = z
  .object({
    name1: text(SIGNATORY_NAME_MAX, "signatories.name.tooLong"),
    role1: text(SIGNATORY_ROLE_MAX, "signatories.role.tooLong"),
    name2: text(SIGNATORY_NAME_MAX, "signatories.name.tooLong"),
    role2: text(SIGNATORY_ROLE_MAX, "signatories.role.tooLong"),
    name3: text(SIGNATORY_NAME_MAX, "signatories.name.tooLong"),
    role3: text(SIGNATORY_ROLE_MAX, "signatories.role.tooLong"),
  })
  .superRefine((v, ctx) => {
    const rows = SIGNATORY_ROWS.map((n) => ({ n, name: v[`name${n}` as keyof typeof v], role: v[`role${n}` as keyof typeof v] }));
    for (const row of rows) {
      if (row.name && !row.role) ctx.addIssue({ code: "custom", path: [`role${row.n}`], message: "signatories.role.required" });
      if (row.role && !row.name) ctx.addIssue({ code: "custom", path: [`name${row.n}`], message: "signatories.name.required" });
    }
    if (rows.every((row) => !row.name && !row.role)) ctx.addIssue({ code: "custom", path: ["name1"], message: "signatories.none" });
  })
  .transform((v): Signatory[] =>
    SIGNATORY_ROWS.map((n) => ({ name: v[`name${n}` as keyof typeof v], role: v[`role${n}` as keyof typeof v] })).filter((s) => s.name && s.role),
  );
