import { currentTime } from "../../app/clock.server";
import { amsterdamDay } from "../../app/rules/amsterdam";

/**
 * The tests' view of the app's one clock (app/clock.server.ts). jest.config.js sets LEERLIJN_NOW to
 * a fixed moment for every test process and the app server the e2e tests start, so no test depends
 * on the real calendar. Run with another LEERLIJN_NOW to try a different day.
 */
export const TODAY = amsterdamDay(currentTime());

/** The date `days` days from the clock's today, yyyy-mm-dd. */
export function daysFromToday(days: number): string {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
