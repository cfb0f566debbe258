import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

/**
 * Is a new password strong enough? On top of the length rule (password-policy.ts) a password is
 * refused when zxcvbn scores it below 3, or when one part of it that covers at least half of it is
 * (close to) an entry of the shipped list of common passwords, or the person's own name or e-mail,
 * or the name of the course. Server only: the dictionaries are large and never go to the browser.
 */
export const MIN_SCORE = 3;
/** One dictionary hit this big (share of the password's length) is too much. */
export const MAX_DICTIONARY_SHARE = 0.5;
/** zxcvbn slows down on very long input; a long passphrase is judged on its start. */
const MAX_CHECKED_LENGTH = 100;
/** Words that belong to this app; a password built on them is easy to guess for anyone who knows it. */
export const APP_WORDS = ["leerlijn", "buurtteam", "buurtteams", "vrijwilligersacademie"];

export type PasswordStrength = { ok: true } | { ok: false; reason: "personal" | "common" | "guessable" };

let configured = false;
function configure() {
  if (configured) return;
  zxcvbnOptions.setOptions({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  configured = true;
}

/** The person's own words: full name and its parts, the e-mail address and its parts. */
export function userInputsFor(person: { name?: string | null; email?: string | null }): string[] {
  const words = new Set<string>(APP_WORDS);
  const add = (w: string) => {
    const v = w.trim().toLowerCase();
    if (v.length >= 3) words.add(v);
  };
  if (person.name) {
    add(person.name);
    add(person.name.replace(/\s+/g, ""));
    for (const part of person.name.split(/[\s.-]+/)) add(part);
  }
  if (person.email) {
    add(person.email);
    const [local, domain] = person.email.split("@");
    add(local ?? "");
    for (const part of (local ?? "").split(/[._+-]+/)) add(part);
    if (domain) add(domain.split(".")[0] ?? "");
  }
  return [...words];
}

export function checkPasswordStrength(password: string, person: { name?: string | null; email?: string | null } = {}): PasswordStrength {
  configure();
  const checked = password.slice(0, MAX_CHECKED_LENGTH);
  const result = zxcvbn(checked, userInputsFor(person));
  const bigHit = (dictionaryName: string) =>
    result.sequence.some((m) => m.pattern === "dictionary" && m.dictionaryName === dictionaryName && m.token.length >= checked.length * MAX_DICTIONARY_SHARE);
  const anyHit = (dictionaryName: string) => result.sequence.some((m) => m.pattern === "dictionary" && m.dictionaryName === dictionaryName);
  if (bigHit("userInputs")) return { ok: false, reason: "personal" };
  if (bigHit("passwords")) return { ok: false, reason: "common" };
  if (result.score < MIN_SCORE) {
    if (anyHit("userInputs")) return { ok: false, reason: "personal" };
    if (anyHit("passwords")) return { ok: false, reason: "common" };
    return { ok: false, reason: "guessable" };
  }
  return { ok: true };
}
