import type { Dictionary, PageDictionary } from "./nl";
import type { Lang } from "./translate";
import type { WordSet } from "./words";

/*
 * The browser's dictionaries: only the page's language, and for participants and visitors only the
 * words their pages can use (app/i18n/words.ts), loaded by entry.client.tsx before hydration, each
 * its own chunk. Stands in for dictionaries.ts in the client build (vite.config.ts), so no
 * dictionary is in the JavaScript every page loads. Changing language reloads the page (the form in
 * app-shell.tsx); signing in as staff loads the whole dictionary before the next page renders
 * (root.tsx). docs/decisions/013-page-weight.md.
 */
// The pages' words only: the e-mails' words (nl-mail.ts) are never needed in the browser.
const loaded: Partial<Record<Lang, { words: PageDictionary; set: WordSet }>> = {};

export function dictionaryFor(lang: Lang): Dictionary {
  const dictionary = loaded[lang];
  if (!dictionary) throw new Error(`The ${lang} dictionary is not loaded`);
  return dictionary.words as Dictionary;
}

/** A dictionary to check keys against (every language has every key: tests/unit/i18n.test.ts). */
export function someDictionary(): Dictionary {
  const dictionary = loaded.nl ?? loaded.en;
  if (!dictionary) throw new Error("No dictionary is loaded");
  return dictionary.words as Dictionary;
}

/** Whether the words of `set` in `lang` are here (the whole dictionary holds the public words too). */
export function hasWords(lang: Lang, set: WordSet): boolean {
  const have = loaded[lang];
  return !!have && (have.set === "all" || set === "public");
}

export async function loadDictionary(lang: Lang, set: WordSet): Promise<void> {
  if (hasWords(lang, set)) return;
  const words =
    set === "all"
      ? lang === "en"
        ? (await import("./en")).en
        : (await import("./nl")).nl
      : lang === "en"
        ? ((await import("virtual:ll-words/en")).default as PageDictionary)
        : ((await import("virtual:ll-words/nl")).default as PageDictionary);
  if (!hasWords(lang, set)) loaded[lang] = { words, set };
}
