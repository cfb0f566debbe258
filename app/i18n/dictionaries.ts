import { en } from "./en";
import { enMail } from "./en-mail";
import { nl, type Dictionary } from "./nl";
import { nlMail } from "./nl-mail";
import type { Lang } from "./translate";
import type { WordSet } from "./words";

/*
 * Both dictionaries, each with its e-mails' words, for the server (and scripts and tests). The browser gets dictionaries.client.ts in
 * this module's place (the plugin `oneDictionaryInTheBrowser` in vite.config.ts): only the page's
 * language, loaded before hydration. docs/decisions/013-page-weight.md.
 */
const DICTIONARIES: Record<Lang, Dictionary> = { nl: { ...nl, ...nlMail }, en: { ...en, ...enMail } };

export function dictionaryFor(lang: Lang): Dictionary {
  return DICTIONARIES[lang];
}

/** A dictionary to check keys against (every language has every key: tests/unit/i18n.test.ts). */
export function someDictionary(): Dictionary {
  return DICTIONARIES.nl;
}

/** On the server every word is always here (the browser loads them: dictionaries.client.ts). */
export function hasWords(_lang: Lang, _set: WordSet): boolean {
  return true;
}

export async function loadDictionary(_lang: Lang, _set: WordSet): Promise<void> {}
