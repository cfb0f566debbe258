/**
 * Which set of words a browser loads (issue 26 point 3, docs/decisions/013-page-weight.md):
 * participants and visitors get the dictionary without the words only staff pages use ("public",
 * chosen at build time by scripts/lib/public-words.ts); trainers, examiners and coordinators the
 * whole one ("all"). An unknown role gets all of it.
 */
export type WordSet = "public" | "all";

/** The attribute on <html> that tells the browser which set the page needs. */
export const WORD_SET_ATTRIBUTE = "data-ll-words";

export function wordSetFor(role: string | null | undefined): WordSet {
  return !role || role === "participant" ? "public" : "all";
}
