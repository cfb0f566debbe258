import type { Figures, Missing } from "../rules/eligibility";
import type { MessageKey } from "./nl";
import { formatDate, formatNumber, translate, type Lang } from "./translate";

/**
 * Who reads a reason of the engine. The participant reads it addressed to them ("Je hebt …");
 * staff (trainer, examiner, coordinator) and reports read it about the person, by name ("Sanne
 * heeft …", or "De deelnemer …" when no name is at hand). The caller chooses; never a string
 * replacement of one form into the other.
 */
export type ReasonReader = { as: "participant" } | { as: "staff"; name: string | null };

export const FOR_PARTICIPANT: ReasonReader = { as: "participant" };
export const forStaff = (name: string | null | undefined): ReasonReader => ({ as: "staff", name: name ?? null });

/** Every reason's third-person form; a reason without one does not compile. */
export const STAFF_FORM: Record<Missing["key"], MessageKey> = {
  "eligibility.left": "eligibility.left.staff",
  "eligibility.praktijk.missing": "eligibility.praktijk.missing.staff",
  "eligibility.rate.missing": "eligibility.rate.missing.staff",
  "eligibility.hours.missing": "eligibility.hours.missing.staff",
  "eligibility.intervisie.missing": "eligibility.intervisie.missing.staff",
  "eligibility.pop.notStarted": "eligibility.pop.notStarted.staff",
  "eligibility.pop.notApproved": "eligibility.pop.notApproved.staff",
  "eligibility.gop.notStarted": "eligibility.gop.notStarted.staff",
  "eligibility.gop.notApproved": "eligibility.gop.notApproved.staff",
  "eligibility.interview.notHeld": "eligibility.interview.notHeld.staff",
  "eligibility.interview.failed": "eligibility.interview.failed.staff",
  "eligibility.interview.retake": "eligibility.interview.retake.staff",
};

/** Reasons that are no engine reason (e.g. a certificate refusal) are the same for every reader. */
const isEngineReason = (key: string): key is Missing["key"] => Object.prototype.hasOwnProperty.call(STAFF_FORM, key);

/**
 * The engine's "what is missing" as a sentence for its reader, with numbers written the reader's
 * way (7,5).
 */
export function describeMissing(lang: Lang, m: { key: MessageKey; params: Missing["params"] }, reader: ReasonReader): string {
  const params: Record<string, string | number> = Object.fromEntries(
    Object.entries(m.params).map(([k, v]) => [
      k,
      typeof v === "number" ? formatNumber(lang, v) : k === "date" && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(lang, v) : v,
    ]),
  );
  if (reader.as === "participant" || !isEngineReason(m.key)) return translate(lang, m.key, params);
  return translate(lang, STAFF_FORM[m.key], { ...params, name: reader.name || translate(lang, "eligibility.someone") });
}

/** "52,5 van 60 uur", "14 van 16 lessen en trainingen", "stap 2 van 3". */
export function describeFigure(lang: Lang, f: Figures): string {
  return translate(lang, `progress.figure.${f.unit}`, { value: formatNumber(lang, f.value), target: formatNumber(lang, f.target) });
}
