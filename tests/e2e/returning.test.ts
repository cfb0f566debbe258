import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { currentTime } from "../../app/clock.server";
import { DEMO_COHORT, DEMO_COHORT_FINISHED, DEMO_RETURNING } from "../../demo/seed";
import { daysFromToday } from "../support/clock";
import { readServerInfo } from "./server-info";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";

/*
 * Issue 29, point 9 in the browser: the demo's participant who came back after a break (left
 * 2025-2 for her health, now in 2026-1) sees on her own page which hours and the POP came from the
 * earlier group, and an examiner sees the same in the interview file. The interview is planned here
 * for her (no other browser test plans one for her).
 */
jest.setTimeout(180_000);

let browser: Browser;
let interviewId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  const db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
  try {
    const now = currentTime().toISOString();
    const id = (email: string) => (db.prepare("select id from users where email = ?").get(email) as { id: number }).id;
    const cohort = db.prepare("select id, leerlijn_version_id from cohorts where name = ?").get(DEMO_COHORT) as { id: number; leerlijn_version_id: number };
    const row = db
      .prepare(
        `insert into interviews (participant_id, cohort_id, leerlijn_version_id, date, start_time, location, status, created_by, created_at, updated_at)
         values (?, ?, ?, ?, '15:00', 'Vrijwilligersacademie, Amsterdam', 'gepland', ?, ?, ?) returning id`,
      )
      .get(id(DEMO_RETURNING.email), cohort.id, cohort.leerlijn_version_id, daysFromToday(20), id("coordinator@leerlijn.test"), now, now) as { id: number };
    for (const examiner of ["examinator@leerlijn.test", "examinator2@leerlijn.test"]) {
      db.prepare("insert into interview_assessors (interview_id, user_id, signed_at) values (?, ?, null)").run(row.id, id(examiner));
    }
    interviewId = row.id;
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>) => withCheckedPage(browser, fn);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

it("the participant who came back sees what came from the earlier group, under each requirement", async () => {
  await withPage(async (p) => {
    await p.login(DEMO_RETURNING.email);
    await p.page.getByRole("heading", { name: "Hoe ver ben je met je certificaat?" }).waitFor();
    const under = (code: string) => p.page.locator(`[data-requirement="${code}"] [data-carried-over]`);
    await expect(under("praktijk").textContent()).resolves.toBe(`Hiervan 24 uur uit de eerdere groep ${DEMO_COHORT_FINISHED}.`);
    await expect(under("aanwezigheid").textContent()).resolves.toMatch(
      new RegExp(`^Hiervan [\\d,]+ uur uit de eerdere groep ${escape(DEMO_COHORT_FINISHED)}\\.$`),
    );
    await expect(under("pop").textContent()).resolves.toBe(`Het goedgekeurde POP komt uit de eerdere groep ${DEMO_COHORT_FINISHED}.`);
    await expect(p.page.locator('[data-requirement="pop"]').getByRole("heading").textContent()).resolves.toBe("POP: in orde");
  });
});

it("the examiner's interview file names the earlier group with the hours and the POP it brought", async () => {
  await withPage(async (p) => {
    await p.login("examinator@leerlijn.test");
    await p.visit(`/eindgesprekken/${interviewId}`);
    await p.page.getByRole("heading", { level: 3, name: "Meegenomen uit een eerdere groep" }).waitFor();
    await expect(p.page.getByText(`${DEMO_RETURNING.name} kwam na een pauze terug in een latere groep.`, { exact: false }).count()).resolves.toBe(1);
    const line = p.page.locator("li[data-carried-over]");
    await expect(line.count()).resolves.toBe(1);
    await expect(line.textContent()).resolves.toMatch(
      new RegExp(`^${escape(DEMO_COHORT_FINISHED)}: [\\d,]+ uur leren en 24 praktijkuren\\. Het goedgekeurde POP komt ook uit deze groep\\.$`),
    );
  });
});
