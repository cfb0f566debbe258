import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { looksLikeRecoveryCode, normaliseRecoveryCode } from "./recovery-code";

export { looksLikeRecoveryCode, normaliseRecoveryCode };

/**
 * Time-based one-time passwords (RFC 6238 on top of HOTP, RFC 4226): HMAC-SHA1, 30-second steps,
 * 6 digits, and one step of clock drift either way. Secrets are 160 random bits, shown as base32
 * (RFC 4648, no padding) for authenticator apps.
 */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32; spaces, dashes, padding and lower case are allowed. Throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error("Ongeldig base32-teken");
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226) for a key and counter. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function totpStep(now: Date, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(now.getTime() / 1000 / stepSeconds);
}

/** The code for a base32 secret at a moment. */
export function totp(secret: string, now: Date, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secret), totpStep(now), digits);
}

/**
 * Checks a code against the current step and one step either side. Returns the matching step, so
 * the caller can refuse a code that was already used (a step at or before the last used one), or null.
 */
export function verifyTotp(secret: string, code: string, now: Date, opts: { afterStep?: number | null } = {}): number | null {
  const clean = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const key = base32Decode(secret);
  const current = totpStep(now);
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    if (opts.afterStep != null && step <= opts.afterStep) continue;
    const expected = Buffer.from(hotp(key, step));
    if (timingSafeEqual(expected, Buffer.from(clean))) return step;
  }
  return null;
}

/** The otpauth:// address that authenticator apps read (also from the QR code). */
export function otpauthUri(secret: string, account: string, issuer = "Leerlijn Buurtteams"): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The secret in groups of four, easier to type over. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/*
 * One-time recovery codes, for when the phone with the authenticator app is lost. Each code is
 * 16 base32 characters (80 random bits), shown in groups of four ("abcd-efgh-ijkl-mnop").
 * Stored as a plain SHA-256 hash: with 80 random bits a fast hash cannot be reversed by trying
 * (2^80 guesses per code), so a slow password hash (scrypt) would only cost time at every sign-in,
 * and a keyed hash would tie the codes to a server secret that may change.
 */
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  return base32Encode(randomBytes(10)).toLowerCase();
}

/** In groups of four with dashes, easier to read and type over. */
export function formatRecoveryCode(code: string): string {
  return normaliseRecoveryCode(code)
    .toLowerCase()
    .replace(/(.{4})(?=.)/g, "$1-");
}

export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}
