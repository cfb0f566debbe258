import type { Figures, Missing } from "../rules/eligibility";
import { formatDate, formatNumber, translate, type Lang } from "./translate";

/** The engine's "what is missing" as a sentence, with numbers written the reader's way (7,5). */
export function describeMissing(lang: Lang, m: Missing): string {
  const params = Object.fromEntries(
    Object.entries(m.params).map(([k, v]) => [
      k,
      typeof v === "number" ? formatNumber(lang, v) : k === "date" && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(lang, v) : v,
    ]),
  );
  return translate(lang, m.key, params);
}

/** "52,5 van 60 uur", "14 van 16 lessen en trainingen", "stap 2 van 3". */
export function describeFigure(lang: Lang, f: Figures): string {
  return translate(lang, `progress.figure.${f.unit}`, { value: formatNumber(lang, f.value), target: formatNumber(lang, f.target) });
}
