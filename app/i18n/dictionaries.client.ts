import type { Dictionary, PageDictionary } from "./nl";
import type { Lang } from "./translate";

/*
 * The browser's dictionaries: only the page's language, loaded by entry.client.tsx before hydration,
 * each its own chunk. Stands in for dictionaries.ts in the client build (vite.config.ts), so neither
 * dictionary is in the JavaScript every page loads. Changing language reloads the page (the form in
 * app-shell.tsx), which loads the other one. docs/decisions/013-page-weight.md.
 */
// The pages' words only: the e-mails' words (nl-mail.ts) are never needed in the browser.
const loaded: Partial<Record<Lang, PageDictionary>> = {};

export function dictionaryFor(lang: Lang): Dictionary {
  const dictionary = loaded[lang];
  if (!dictionary) throw new Error(`The ${lang} dictionary is not loaded`);
  return dictionary as Dictionary;
}

/** A dictionary to check keys against (every language has every key: tests/unit/i18n.test.ts). */
export function someDictionary(): Dictionary {
  const dictionary = loaded.nl ?? loaded.en;
  if (!dictionary) throw new Error("No dictionary is loaded");
  return dictionary as Dictionary;
}

export async function loadDictionary(lang: Lang): Promise<void> {
  loaded[lang] ??= lang === "en" ? (await import("./en")).en : (await import("./nl")).nl;
}
