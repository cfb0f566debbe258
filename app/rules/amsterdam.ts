/** Built once: an Intl formatter costs far more to build than to use. */
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Amsterdam of a moment, yyyy-mm-dd. */
export function amsterdamDay(moment: Date): string {
  return DAY.format(moment);
}
