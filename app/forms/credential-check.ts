import { z } from "zod";

/**
 * Issue 30: a pasted credential (JSON text). A chosen file's content fills the same field on the
 * server, so the field may be empty here; the action then asks for one of the two.
 */
export const credentialCheckSchema = z.object({
  credential: z.string().trim().max(100_000, { error: "credential.check.tooBig" }).optional(),
  /** Honeypot: people leave it empty (it is off-screen). */
  website: z.string().optional(),
});
