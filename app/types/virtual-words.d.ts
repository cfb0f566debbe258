/** The dictionaries without the words only staff pages use, made by the build (vite.config.ts, wordsPerAudience). */
declare module "virtual:ll-words/*" {
  const words: Record<string, string>;
  export default words;
}
