/** Built once: an Intl formatter costs far more to build than to use. */
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });

let lastSecond = NaN;
let lastDay = "";

/**
 * The calendar date in Amsterdam of a moment, yyyy-mm-dd. Most calls ask about "now", many times
 * a second: the answer for the last second asked is kept (a day only changes on a whole second).
 */
export function amsterdamDay(moment: Date): string {
  const second = Math.floor(moment.getTime() / 1000);
  if (second !== lastSecond) {
    lastDay = DAY.format(moment);
    lastSecond = second;
  }
  return lastDay;
}

const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The time of day in Amsterdam of a moment, hh:mm (24 hours), as meeting start and end times are written. */
export function amsterdamTime(moment: Date): string {
  return TIME.format(moment);
}
