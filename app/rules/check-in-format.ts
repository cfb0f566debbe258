/**
 * How a check-in code looks (issue 29 point 4), without anything from the server: the form on the
 * participant's phone checks it with the same rule as the server (app/forms/check-in.ts).
 */

/** No 0/O, 1/I/L, 5/S, 8/B: letters and digits that cannot be mistaken for each other on a screen. */
export const CHECK_IN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679";
export const CHECK_IN_CODE_LENGTH = 6;

/** What the participant typed, as a code: upper case, without spaces or dashes. */
export function normaliseCheckInCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

/** True when the text has the shape of a code (six characters of the alphabet, once normalised). */
export function looksLikeCheckInCode(typed: string): boolean {
  const code = normaliseCheckInCode(typed);
  return code.length === CHECK_IN_CODE_LENGTH && [...code].every((c) => CHECK_IN_ALPHABET.includes(c));
}
