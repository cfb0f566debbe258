import { z } from "zod";
import { idField } from "./fields";

/**
 * Issue 30, point 1: on the participant's certificate (/deelnemer), whether their name is in the
 * digital certificate. "ja" (the default) or "nee"; the certificate is checked on the server (their own).
 */
export const credentialNameSchema = z.object({
  certificateId: idField,
  showName: z.enum(["ja", "nee"], { error: "form.choice.invalid" }),
});
