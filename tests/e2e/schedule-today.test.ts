import type { Browser } from "playwright-core";
import { saveAttendance } from "../../app/services/attendance.server";
import { getMeeting } from "../../app/services/schedule.server";
import { TODAY } from "../support/clock";
import { makeGroup, makeMeeting, withServerDb } from "./factories";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";

/**
 * Issue 23 point 8: a lesson of today whose attendance is recorded is behind the participant at
 * once: on their rooster under the past meetings with its status, and no longer "Je volgende
 * bijeenkomst" on the home page. (The rule itself: tests/integration/schedule-past.test.ts.)
 *
 * Data of its own (factories.ts): a group with one participant and its trainer, and a lesson
 * today, all day, recorded for the participant (late, 20 minutes).
 */
let browser: Browser;
let email = "";
let password = "";
const title = `Les van vandaag ${Date.now()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDb(async (db) => {
    const group = await makeGroup(db, { participants: ["Rooster Vandaag"] });
    const participant = group.participants[0];
    email = participant.email;
    password = participant.password;
    const actor = { id: group.trainer.id, role: "trainer" as const };
    const id = await makeMeeting(db, group, { title, date: TODAY, startTime: "08:00", endTime: "23:45" });
    const meeting = (await getMeeting(db, group.id, id))!;
    await saveAttendance(
      db,
      meeting,
      { revision: 0, rows: [{ participantId: participant.id, status: "te_laat", minutesMissed: 20, active: true, note: null }] },
      actor,
    );
  });
});
afterAll(async () => {
  await browser?.close();
});

it("today's recorded lesson is on the rooster with its status, and not the next meeting on the home page", async () => {
  await withCheckedPage(browser, async (p: CheckedPage) => {
    await p.login(email, password);
    const next = p.page.getByRole("region", { name: "Je volgende bijeenkomst" });
    await next.waitFor();
    await expect(next.getByText(title).count()).resolves.toBe(0);

    await p.visit("/deelnemer/rooster");
    await expect(p.page.getByRole("region", { name: "Komende bijeenkomsten" }).getByText(title).count()).resolves.toBe(0);
    const row = p.page.getByRole("row").filter({ hasText: title });
    await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("Te laat");
  });
});
