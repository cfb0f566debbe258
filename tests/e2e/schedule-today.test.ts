import type { Browser } from "playwright-core";
import { createDb } from "../../db/connect";
import { DEMO_COHORT_FINISHED } from "../../demo/seed";
import { saveAttendance } from "../../app/services/attendance.server";
import { createMeeting, getMeeting } from "../../app/services/schedule.server";
import { cohortByName, FACTORY_PASSWORD, makeUser, userByEmail } from "../support/factories";
import { TODAY } from "../support/clock";
import { readServerInfo } from "./server-info";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";

/**
 * Issue 23 point 8: a lesson of today whose attendance is recorded is behind the participant at
 * once: on their rooster under the past meetings with its status, and no longer "Je volgende
 * bijeenkomst" on the home page. (The rule itself: tests/integration/schedule-past.test.ts.)
 *
 * Data: a participant of its own in the finished demo cohort (no other browser test signs in as
 * them), and a lesson today, all day, recorded for them only (late, 20 minutes).
 */
let browser: Browser;
let email = "";
const title = `Les van vandaag ${Date.now()}`;

beforeAll(async () => {
  browser = await launchBrowser();
  const db = createDb(readServerInfo().dbFile);
  try {
    const cohort = await cohortByName(db, DEMO_COHORT_FINISHED);
    const trainer = await userByEmail(db, "trainer@leerlijn.test");
    const participant = await makeUser(db, { role: "participant", name: "Rooster Vandaag" });
    email = participant.email;
    await db.insertInto("enrolments").values({ cohort_id: cohort.id, participant_id: participant.id, enrolled_at: `${cohort.start_date}T00:00:00.000Z` }).execute();
    const actor = { id: trainer.id, role: "trainer" as const };
    const id = await createMeeting(
      db,
      cohort.id,
      { type: "les", title, date: TODAY, startTime: "08:00", endTime: "23:45", location: "Buurthuis", onlineUrl: null, trainerIds: [trainer.id], trainingId: null, intervisieGroupId: null, programme: [], assignment: null },
      actor,
    );
    const meeting = (await getMeeting(db, cohort.id, id))!;
    await saveAttendance(db, meeting, { revision: 0, rows: [{ participantId: participant.id, status: "te_laat", minutesMissed: 20, active: true, note: null }] }, actor);
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  await browser?.close();
});

it("today's recorded lesson is on the rooster with its status, and not the next meeting on the home page", async () => {
  await withCheckedPage(browser, async (p: CheckedPage) => {
    await p.login(email, FACTORY_PASSWORD);
    const next = p.page.getByRole("region", { name: "Je volgende bijeenkomst" });
    await next.waitFor();
    await expect(next.getByText(title).count()).resolves.toBe(0);

    await p.visit("/deelnemer/rooster");
    await expect(p.page.getByRole("region", { name: "Komende bijeenkomsten" }).getByText(title).count()).resolves.toBe(0);
    const row = p.page.getByRole("row").filter({ hasText: title });
    await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("Te laat");
  });
});
