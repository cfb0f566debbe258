import type { Browser } from "playwright-core";
import { launchBrowser, withCheckedPage, type CheckedPage } from "./support";
import { daysFromToday } from "../support/clock";
import { makeGroup, uniqueTag, withServerDb } from "./factories";

/**
 * Issue 29 point 7: a trainer starts a new meeting from a lesson plan of the template, sees the form
 * filled in, makes the meeting shorter than the programme and gets a warning with the minutes too
 * many, and can still save. With JavaScript (the warning follows the typing) and without (the
 * plan is a plain link; the warning is rendered by the server).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PLAN = "Van ervaringskennis naar ervaringsdeskundigheid";

async function choosePlan(p: CheckedPage, groupId: number) {
  await p.visit(`/groepen/${groupId}/bijeenkomsten/nieuw`);
  await p.page.getByRole("heading", { name: "Begin met een lesplan" }).waitFor();
  await Promise.all([p.page.waitForURL(/\?lesplan=ervaringskennis&dagdeel=1$/), p.page.getByRole("link", { name: `${PLAN} (180 minuten)` }).click()]);
  await p.afterNavigation();
  await expect(p.page.getByLabel("Titel").inputValue()).resolves.toBe(PLAN);
  await expect(p.page.getByLabel("Programma").inputValue()).resolves.toMatch(/^15 min Welkom en terugblik \(groepsgesprek\)\n30 min Oefening "over de lijn"/);
  await expect(p.page.getByLabel("Oefenopdracht").inputValue()).resolves.toMatch(/^Beschrijf een moment uit je werk/);
  await p.page.getByRole("heading", { name: "Oefeningen uit het lesplan" }).waitFor();
  await p.page.getByText("Het programma duurt 180 minuten. Dat past in de bijeenkomst van 180 minuten.").waitFor();
}

async function stored(groupId: number, title: string) {
  return withServerDb((db) =>
    db
      .selectFrom("course_sessions")
      .select(["id", "programme", "assignment", "end_time", "lesson_plan_code", "lesson_plan_dagdeel"])
      .where("cohort_id", "=", groupId)
      .where("title", "=", title)
      .executeTakeFirst(),
  );
}

describe("a meeting from a lesson plan (issue 29 point 7)", () => {
  it("fills the form from the plan, warns when the programme is too long, and still saves", async () => {
    const group = await withServerDb((db) => makeGroup(db, { participants: 1 }));
    const title = `${PLAN} ${uniqueTag()}`;
    await withCheckedPage(browser, async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await choosePlan(p, group.id);
      await p.page.getByLabel("Titel").fill(title);
      await p.page.getByLabel("Datum").fill(daysFromToday(14));
      await p.page.getByLabel("Eindtijd").fill("16:00");
      await p.page.getByText("Het programma is dus 30 minuten te lang.", { exact: false }).waitFor();
      await Promise.all([p.page.waitForURL(/\/rooster\?gepland=\d+$/), p.page.getByRole("button", { name: "Bijeenkomst plannen" }).click()]);
      await p.afterNavigation();
      const row = await stored(group.id, title);
      expect(row?.end_time).toBe("16:00");
      expect(JSON.parse(row!.programme)).toHaveLength(7);
      expect(row?.assignment).toMatch(/^Beschrijf een moment uit je werk/);
      // The meeting keeps its plan: its own page shows the plan's exercises and reading.
      expect(row).toMatchObject({ lesson_plan_code: "ervaringskennis", lesson_plan_dagdeel: 1 });
      await p.visit(`/groepen/${group.id}/bijeenkomsten/${row!.id}`);
      const section = p.page.locator("section[data-lesson-plan=ervaringskennis]");
      await section.getByRole("heading", { name: "Lesplan", exact: true }).waitFor();
      await section.getByRole("heading", { name: "Oefeningen uit het lesplan" }).waitFor();
      await section.getByRole("heading", { name: "Om te lezen" }).waitFor();
    });
  });

  it("works without JavaScript: the server shows the warning after a failed save", async () => {
    const group = await withServerDb((db) => makeGroup(db, { participants: 1 }));
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await choosePlan(p, group.id);
        // No date: the form comes back with what was typed, and the programme's warning.
        await p.page.getByLabel("Eindtijd").fill("15:30");
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Bijeenkomst plannen" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("Het programma is dus 60 minuten te lang.", { exact: false }).waitFor();
        await expect(p.page.getByLabel("Oefenopdracht").inputValue()).resolves.toMatch(/^Beschrijf een moment uit je werk/);
      },
      { javaScriptEnabled: false },
    );
  });
});
