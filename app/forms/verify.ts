import { z } from "zod";

/** The code from what someone typed or pasted: the code itself, or the whole address from the QR code. */
export function codeFrom(input: string): string {
  const text = input.trim();
  const inUrl = /\/verify\/([^/?#\s]+)/.exec(text);
  return safeDecode(inUrl?.[1] ?? text).trim();
}

/** "%41" → "A"; a stray "%" (typed by hand) stays as it is instead of throwing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const verifyCodeSchema = z.object({
  code: z
    .string({ error: "verify.form.code.required" })
    .trim()
    .min(1, { error: "verify.form.code.required" })
    .max(500, { error: "verify.form.code.invalid" })
    .transform(codeFrom)
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { error: "verify.form.code.invalid" })),
  /** Honeypot: people leave it empty (it is off-screen). */
  website: z.string().optional(),
});
