import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../rules/password-policy";
import { looksLikeRecoveryCode } from "../rules/recovery-code";
import { emailField } from "./fields";

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: "form.password.required" }).min(1, { error: "form.password.required" }),
  redirectTo: z.string().optional(),
  /** Honeypot: people leave it empty (it is off-screen); the server treats a filled one as a failed login. */
  website: z.string().optional(),
});

/** "Wachtwoord vergeten?": the address to send a link to, and the robot trap. */
export const forgotPasswordSchema = z.object({
  email: emailField,
  website: z.string().optional(),
});

export const newPasswordSchema = z
  .object({
    password: z
      .string({ error: "form.password.tooShort" })
      .min(PASSWORD_MIN_LENGTH, { error: "form.password.tooShort" })
      .max(PASSWORD_MAX_LENGTH, { error: "form.password.tooLong" }),
    confirm: z.string({ error: "form.required" }).min(1, { error: "form.required" }),
  })
  .refine((v) => v.password === v.confirm, { error: "form.password.mismatch", path: ["confirm"] });

export const changePasswordSchema = z
  .object({
    current: z.string({ error: "form.password.required" }).min(1, { error: "form.password.required" }),
    password: z
      .string({ error: "form.password.tooShort" })
      .min(PASSWORD_MIN_LENGTH, { error: "form.password.tooShort" })
      .max(PASSWORD_MAX_LENGTH, { error: "form.password.tooLong" }),
    confirm: z.string({ error: "form.required" }).min(1, { error: "form.required" }),
  })
  .refine((v) => v.password === v.confirm, { error: "form.password.mismatch", path: ["confirm"] });

/** A session on the account page, by its public id (never the token or its hash). */
export const sessionIdSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/),
});

/** Six digits from an authenticator app (spaces allowed, as apps show "123 456"). */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: "form.code.invalid" })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, { error: "form.code.invalid" })),
  redirectTo: z.string().optional(),
});

/**
 * A code from the app (six digits) or a one-time recovery code (16 letters and digits, dashes and
 * spaces allowed): at the sign-in step and to change the second factor itself.
 */
export const secondFactorCodeSchema = z.object({
  code: z
    .string({ error: "form.code.orRecovery" })
    .transform((v) => (looksLikeRecoveryCode(v) ? v.trim() : v.replace(/\s/g, "")))
    .pipe(z.string().refine((v) => /^\d{6}$/.test(v) || looksLikeRecoveryCode(v), { error: "form.code.orRecovery" })),
  redirectTo: z.string().optional(),
});

export const totpRequiredSchema = z.object({ required: z.literal("1").optional() });
