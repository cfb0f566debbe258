import type { Missing } from "../rules/eligibility";
import { formatNumber, translate, type Lang } from "./translate";

/** The engine's "what is missing" as a sentence, with numbers written the reader's way (7,5). */
export function describeMissing(lang: Lang, m: Missing): string {
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === "number" ? formatNumber(lang, v) : v]));
  return translate(lang, m.key, params);
}
