/**
 * Names of people, as they appear on a certificate, its public check and every page (issue 24,
 * point 9). One rule for the forms (client and server) and the services:
 * - normalised: Unicode NFC, runs of white space as one space, no space at either end;
 * - no hidden characters: control characters, format characters (bidi overrides and isolates,
 *   zero-width spaces and joiners, soft hyphens) and line or paragraph separators. They make
 *   look-alike names, or a name that reads differently on the web than on the PDF;
 * - only letters of the scripts the certificate's font prints (Latin including Turkish and
 *   Polish letters, Greek, Cyrillic, Arabic, Tifinagh), their accents, spaces, hyphens,
 *   apostrophes and full stops: an emoji or a Chinese character would print as an empty box.
 */

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const NAME_CHARACTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Tifinagh}\p{M} '’.-]/u;
const RIGHT_TO_LEFT_LETTER = /\p{Script=Arabic}/u;
const LEFT_TO_RIGHT_LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

export function normaliseName(raw: string): string {
  // Only spaces are merged and trimmed: any other hidden character (also at either end) is refused.
  return raw
    .normalize("NFC")
    .replace(/[\p{Zs}\t]+/gu, " ")
    .replace(/^ | $/g, "");
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The hidden characters in a name, as U+XXXX (none: an empty list). */
export function hiddenCharacters(name: string): string[] {
  return [...name].filter((ch) => HIDDEN.test(ch)).map(codePoint);
}

/** The characters of a name that are no letters of the certificate's scripts (none: empty). */
export function charactersOutsideNameScripts(name: string): string[] {
  return [...new Set([...name].filter((ch) => !HIDDEN.test(ch) && !NAME_CHARACTER.test(ch)))];
}

/**
 * A name written right to left (Arabic letters and no Latin, Greek or Cyrillic ones): the PDF
 * puts its words in right-to-left order (the font engine orders the letters within a word).
 */
export function isRightToLeftName(name: string): boolean {
  return RIGHT_TO_LEFT_LETTER.test(name) && !LEFT_TO_RIGHT_LETTER.test(name);
}
