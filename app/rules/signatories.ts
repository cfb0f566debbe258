import { z } from "zod";

/*
 * Who signs the certificate (issue 24, point 14): configuration a coordinator sets in the app,
 * not fixed text in a template. One to three people, each with a name and a function.
 */
export const SIGNATORIES_MAX = 3;
export const SIGNATORY_NAME_MAX = 80;
export const SIGNATORY_ROLE_MAX = 120;

export interface Signatory {
  name: string;
  role: string;
}

/** The stored list (and what the service accepts): checked again on every read and write. */
export const signatoryListSchema = z
  .array(
    z.object({
      name: z.string().trim().min(1).max(SIGNATORY_NAME_MAX),
      role: z.string().trim().min(1).max(SIGNATORY_ROLE_MAX),
    }),
  )
  .min(1)
  .max(SIGNATORIES_MAX);
