import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../db/connect";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["1", "true", "yes"].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Load demo data into an empty database. Default: on, except in production. */
  DEMO: flag,
  /** Force the Secure flag on the session cookie. Default: on in production without demo data. */
  COOKIE_SECURE: flag,
  /** Trust X-Forwarded-* from a reverse proxy (for the client IP and host). */
  TRUST_PROXY: flag,
  /** Minutes without a request after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after sign-in after which a session ends, whatever the activity. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** How many app processes serve requests (on one machine, sharing the port and the database). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** The public address of the app, for links printed on certificates (QR code). */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: "moet een adres zijn zoals https://leerlijn.example.nl" })
    .optional(),
  /** Where people report an accessibility problem (the statement at /toegankelijkheid links to it). */
  CONTACT_EMAIL: z.string().email({ message: "moet een e-mailadres zijn" }).optional(),
  /** Extra server secret for the check-in codes (issue 29 point 4), at least 16 characters; unset: each meeting's random secret alone signs them. */
  CHECK_IN_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length >= 16, { message: "moet minstens 16 tekens lang zijn" }),
  /** Issue 30: the secret that seals the credential signing key in the database (docs/decisions/021-open-badges.md), at least 16 characters; unset: CHECK_IN_SECRET, else a built-in value (a warning in the log). */
  CREDENTIAL_KEY_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length >= 16, { message: "moet minstens 16 tekens lang zijn" }),
  /** The mail server (docs/operations.md, "E-mail"): smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465. Unset: no mail is sent. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || validSmtpUrl(v), {
      message: "moet een adres zijn zoals smtp://gebruiker:wachtwoord@mail.example.nl:587 of smtps://gebruiker:wachtwoord@mail.example.nl:465",
    }),
  /** The sender of every e-mail: "Leerlijn <leerlijn@example.nl>" or just the address. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || parseMailFrom(v) !== null, {
      message: 'moet een afzender zijn zoals "Leerlijn <leerlijn@example.nl>" of leerlijn@example.nl',
    }),
});

function validSmtpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "smtp:" || u.protocol === "smtps:") && u.hostname !== "" && (u.port === "" || Number(u.port) > 0);
  } catch {
    return false;
  }
}

const plainAddress = z.string().email();

/** "Name <address>" or "address": the name (may be empty) and the address, or null when it is not one. */
export function parseMailFrom(value: string): { name: string; address: string } | null {
  const m = /^\s*(?:"?([^"<>]*?)"?\s*)<([^<>\s]+)>\s*$/.exec(value);
  const name = m ? m[1].trim() : "";
  const address = m ? m[2] : value.trim();
  return plainAddress.safeParse(address).success ? { name, address } : null;
}

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string;
  port: number;
  host: string;
  demo: boolean;
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  publicUrl: string | null;
  processes: number;
  /** CONTACT_EMAIL: the address for accessibility problems, else none (the statement names the provider). */
  contactEmail: string | null;
  /** SMTP_URL and MAIL_FROM, or null when mail is off (the demo default): messages are then held for the coordinator. */
  mail: { smtpUrl: string; from: string } | null;
  /** CHECK_IN_SECRET, or "" when unset (the random secret per meeting in the database then signs the codes alone). */
  checkInSecret: string;
  /** CREDENTIAL_KEY_SECRET, else CHECK_IN_SECRET, else "" (the built-in value then seals the signing key: see docs/decisions/021-open-badges.md). */
  credentialKeySecret: string;
}

/** Checks the environment once; a wrong setting stops the app with a clear line. */
export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Ongeldige instelling in de omgeving:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new Error('Ongeldige instelling in de omgeving:\n  MAIL_FROM: nodig als SMTP_URL is ingesteld, bijvoorbeeld "Leerlijn <leerlijn@example.nl>"');
  }
  const demo = e.DEMO ?? e.NODE_ENV !== "production";
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    demo,
    cookieSecure: e.COOKIE_SECURE ?? (e.NODE_ENV === "production" && !demo),
    trustProxy: e.TRUST_PROXY ?? false,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/$/, "") : null,
    processes: e.WEB_CONCURRENCY,
    contactEmail: e.CONTACT_EMAIL ?? null,
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    checkInSecret: e.CHECK_IN_SECRET ?? "",
    credentialKeySecret: e.CREDENTIAL_KEY_SECRET ?? e.CHECK_IN_SECRET ?? "",
  };
}

let cached: AppConfig | null = null;
export function config(): AppConfig {
  cached ??= readConfig();
  return cached;
}

/** The address links the app hands out start with (in mail, on certificates, in calendars): PUBLIC_URL, or this request's own. */
export function publicBaseUrl(request: Request): string {
  return config().publicUrl ?? new URL(request.url).origin;
}
