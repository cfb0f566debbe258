import { z } from "zod";
import { idField } from "./fields";

/** Why a coordinator downloads the list with names; the choice goes into the audit log. */
export const NAMED_LIST_PURPOSES = ["begeleiding", "certificering", "administratie"] as const;

/** The query of the list-with-names download: the cohort and the stated purpose. */
export const namedListSchema = z.object({
  groep: idField,
  doel: z.enum(NAMED_LIST_PURPOSES, { error: "report.named.invalid" }),
});
