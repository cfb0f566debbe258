import { en } from "./en";
import { nl, type Dictionary } from "./nl";
import type { Lang } from "./translate";

/*
 * Both dictionaries, for the server (and scripts and tests). The browser gets dictionaries.client.ts in
 * this module's place (the plugin `oneDictionaryInTheBrowser` in vite.config.ts): only the page's
 * language, loaded before hydration. docs/decisions/013-page-weight.md.
 */
const DICTIONARIES: Record<Lang, Dictionary> = { nl, en };

export function dictionaryFor(lang: Lang): Dictionary {
  return DICTIONARIES[lang];
}

/** A dictionary to check keys against (every language has every key: tests/unit/i18n.test.ts). */
export function someDictionary(): Dictionary {
  return nl;
}
