/** The shape of a one-time recovery code (see rules/totp.ts); no crypto here, so forms can use it in the browser. */
export const RECOVERY_CODE_LENGTH = 16;

/** Upper case without spaces or dashes; 0 and 1 (not in base32) read as O and I. */
export function normaliseRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, "").replace(/0/g, "O").replace(/1/g, "I");
}

/** True for something shaped like a recovery code (16 base32 characters), not like a six-digit code from the app. */
export function looksLikeRecoveryCode(text: string): boolean {
  return /^[A-Z2-7]{16}$/.test(normaliseRecoveryCode(text));
}
