/**
 * Reference codes for requests, e.g. "LL-7K3Q-9XZD": short enough to read out on the phone, shown on
 * the error page and written in the log line with the detail, so support can find what went wrong.
 * Crockford's base32 (no I, L, O, U: nothing to confuse); 40 random bits.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const REF_CODE_PATTERN = /^LL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export function makeRefCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(8));
  let out = "";
  for (let i = 0; i < 8; i++) out += ALPHABET[bytes[i] & 31];
  return `LL-${out.slice(0, 4)}-${out.slice(4)}`;
}

export function isRefCode(value: unknown): value is string {
  return typeof value === "string" && REF_CODE_PATTERN.test(value);
}
