import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { daysFromToday } from "../support/clock";
import { makeGroup, uniqueTag, withServerDb, type Group } from "./factories";

/**
 * Issue 29 point 6: a trainer plans a series of 10 weekly meetings with one skipped day in one
 * form (first the dates, then "plan"), on a phone-sized screen, and the rooster lists all 10.
 * The same without JavaScript, and "this and all later ones" on a meeting of the series.
 * Each test has a group of its own (factories.ts).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function newGroup(): Promise<Group> {
  return withServerDb((db) => makeGroup(db, { participants: 2 }));
}

async function seriesDays(groupId: number): Promise<string[]> {
  return withServerDb(async (db) =>
    (await db.selectFrom("course_sessions").select("date").where("cohort_id", "=", groupId).where("series_id", "is not", null).orderBy("date").execute()).map(
      (r) => r.date,
    ),
  );
}

async function noSidewaysScroll(p: CheckedPage) {
  const { scrollWidth, innerWidth } = await p.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Fills the series form and asks for the dates; returns the first day and the skipped day. */
async function fillSeries(p: CheckedPage, title: string) {
  const first = daysFromToday(14);
  const skipped = daysFromToday(14 + 3 * 7);
  await p.page.getByLabel("Titel").fill(title);
  await p.page.getByLabel("Eerste datum").fill(first);
  await p.page.getByLabel("Hoe vaak").selectOption("1");
  await p.page.getByLabel("Aantal bijeenkomsten").fill("10");
  await p.page.getByLabel("Begintijd").fill("13:30");
  await p.page.getByLabel("Eindtijd").fill("16:30");
  await p.page.getByLabel("Plaats").fill("Buurthuis De Meeuw");
  await p.page.getByLabel("Programma").fill("15 min welkom\n120 min thema herstel\n45 min oefenen");
  await p.page.getByLabel("Dagen overslaan (mag leeg blijven)").fill(skipped);
  return { first, skipped };
}

function expectedDays(first: string, skipped: string): string[] {
  const days: string[] = [];
  for (let week = 0; days.length < 10; week++) {
    const d = new Date(`${first}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * week);
    const day = d.toISOString().slice(0, 10);
    if (day !== skipped) days.push(day);
  }
  return days;
}

describe("a series of meetings in one form (issue 29 point 6)", () => {
  it("a trainer plans 10 weekly meetings with one skipped day on a phone, and the rooster lists the 10", async () => {
    const group = await newGroup();
    const title = `Reeks herstel ${uniqueTag()}`;
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await p.visit(`/groepen/${group.id}/rooster`);
        await Promise.all([p.page.waitForURL(/\/bijeenkomsten\/reeks$/), p.page.getByRole("link", { name: "Reeks plannen" }).click()]);
        await p.afterNavigation();
        await noSidewaysScroll(p);
        const { first, skipped } = await fillSeries(p, title);
        await p.page.getByRole("button", { name: "Data bekijken" }).click();
        await p.page.getByRole("heading", { name: "Deze 10 bijeenkomsten worden gepland" }).waitFor();
        await p.afterNavigation();
        await noSidewaysScroll(p);
        await expect(p.page.locator(`section[aria-labelledby="series-preview"] li`).count()).resolves.toBe(10);
        await p.page.getByText("Deze dagen worden overgeslagen:").waitFor();
        // Nothing is planned before the confirmation.
        expect(await seriesDays(group.id)).toEqual([]);

        await Promise.all([p.page.waitForURL(/\/rooster\?reeks=\d+$/), p.page.getByRole("button", { name: "Plan deze 10 bijeenkomsten" }).click()]);
        await p.afterNavigation();
        await p.page.getByText(/^10 bijeenkomsten zijn gepland/).waitFor();
        await expect(p.page.getByRole("row", { name: new RegExp(title) }).count()).resolves.toBe(10);
        await noSidewaysScroll(p);
        expect(await seriesDays(group.id)).toEqual(expectedDays(first, skipped));
      },
      { viewport: PHONE },
    );
  });

  it("works without JavaScript; a change to the form after the preview shows the new dates before anything is planned", async () => {
    const group = await newGroup();
    const title = `Reeks zonder script ${uniqueTag()}`;
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await p.visit(`/groepen/${group.id}/bijeenkomsten/reeks`);
        const { first, skipped } = await fillSeries(p, title);
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Data bekijken" }).click()]);
        await p.afterNavigation();
        await p.page.getByRole("heading", { name: "Deze 10 bijeenkomsten worden gepland" }).waitFor();
        // The form kept what was typed; now fewer meetings, then straight to "plan": the new dates are shown first.
        await expect(p.page.getByLabel("Titel").inputValue()).resolves.toBe(title);
        await p.page.getByLabel("Aantal bijeenkomsten").fill("9");
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Plan deze 10 bijeenkomsten" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("Je hebt iets veranderd. Kijk de data nog een keer na.").waitFor();
        expect(await seriesDays(group.id)).toEqual([]);
        await p.page.getByLabel("Aantal bijeenkomsten").fill("10");
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Data bekijken" }).click()]);
        await p.afterNavigation();
        await Promise.all([p.page.waitForURL(/\/rooster\?reeks=\d+$/), p.page.getByRole("button", { name: "Plan deze 10 bijeenkomsten" }).click()]);
        await p.afterNavigation();
        await expect(p.page.getByRole("row", { name: new RegExp(title) }).count()).resolves.toBe(10);
        expect(await seriesDays(group.id)).toEqual(expectedDays(first, skipped));

        // "This and all later ones" from the 8th meeting: the 8th, 9th and 10th change, the rest stay.
        const eighth = await withServerDb((db) =>
          db
            .selectFrom("course_sessions")
            .select("id")
            .where("cohort_id", "=", group.id)
            .where("series_id", "is not", null)
            .orderBy("date")
            .offset(7)
            .limit(1)
            .executeTakeFirstOrThrow(),
        );
        await p.visit(`/groepen/${group.id}/bijeenkomsten/${eighth.id}`);
        await p.page.getByText("Na deze bijeenkomst komen er nog 2 van deze reeks.").waitFor();
        await p.page.getByLabel("Begintijd").fill("10:00");
        await p.page.getByLabel("Eindtijd").fill("12:00");
        await p.page.getByLabel("Wat wil je veranderen?").selectOption("later");
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Veranderingen opslaan" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("Ook de latere bijeenkomsten van de reeks zijn veranderd (2).").waitFor();
        const times = await withServerDb(async (db) =>
          (
            await db
              .selectFrom("course_sessions")
              .select("start_time")
              .where("cohort_id", "=", group.id)
              .where("series_id", "is not", null)
              .orderBy("date")
              .execute()
          ).map((r) => r.start_time),
        );
        expect(times).toEqual([...Array(7).fill("13:30"), "10:00", "10:00", "10:00"]);

        // "Cancel this and all later ones" from the 9th: first the list to confirm, then the 9th and 10th are cancelled; and put back.
        const statuses = async () =>
          withServerDb(async (db) =>
            (
              await db
                .selectFrom("course_sessions")
                .select("status")
                .where("cohort_id", "=", group.id)
                .where("series_id", "is not", null)
                .orderBy("date")
                .execute()
            ).map((r) => r.status),
          );
        const ninth = await withServerDb((db) =>
          db
            .selectFrom("course_sessions")
            .select("id")
            .where("cohort_id", "=", group.id)
            .where("series_id", "is not", null)
            .orderBy("date")
            .offset(8)
            .limit(1)
            .executeTakeFirstOrThrow(),
        );
        await p.visit(`/groepen/${group.id}/bijeenkomsten/${ninth.id}`);
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Bekijk welke bijeenkomsten" }).click()]);
        await p.afterNavigation();
        await p.page.getByRole("heading", { name: "Weet je het zeker?" }).waitFor();
        expect(await statuses()).toEqual(Array(10).fill("planned"));
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Ja, annuleer deze 2 bijeenkomsten" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("2 bijeenkomsten zijn geannuleerd.", { exact: false }).waitFor();
        expect(await statuses()).toEqual([...Array(8).fill("planned"), "cancelled", "cancelled"]);
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Deze en de latere weer laten doorgaan" }).click()]);
        await p.afterNavigation();
        await p.page.getByText("2 bijeenkomsten gaan weer door.").waitFor();
        expect(await statuses()).toEqual(Array(10).fill("planned"));
      },
      { javaScriptEnabled: false },
    );
  });

  it("one lesson plan for the whole series, without JavaScript: the plan's programme is filled in with the dates, with the warning that it is too long", async () => {
    const group = await newGroup();
    const title = `Reeks lesplan ${uniqueTag()}`;
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await p.visit(`/groepen/${group.id}/bijeenkomsten/reeks`);
        await p.page.getByLabel("Titel").fill(title);
        await p.page.getByLabel("Eerste datum").fill(daysFromToday(14));
        await p.page.getByLabel("Aantal bijeenkomsten").fill("3");
        await p.page.getByLabel("Begintijd").fill("13:30");
        await p.page.getByLabel("Eindtijd").fill("15:30");
        await p.page.getByLabel("Lesplan", { exact: true }).selectOption("ervaringskennis:1");
        await Promise.all([p.page.waitForNavigation(), p.page.getByRole("button", { name: "Data bekijken" }).click()]);
        await p.afterNavigation();
        await p.page.getByRole("heading", { name: "Deze 3 bijeenkomsten worden gepland" }).waitFor();
        await expect(p.page.getByLabel("Programma").inputValue()).resolves.toMatch(/^15 min Welkom en terugblik/);
        await p.page.getByText("Het programma is dus 60 minuten te lang.", { exact: false }).waitFor();
        await Promise.all([p.page.waitForURL(/\/rooster\?reeks=\d+$/), p.page.getByRole("button", { name: "Plan deze 3 bijeenkomsten" }).click()]);
        await p.afterNavigation();
        const rows = await withServerDb((db) =>
          db
            .selectFrom("course_sessions")
            .select(["lesson_plan_code", "assignment"])
            .where("cohort_id", "=", group.id)
            .where("series_id", "is not", null)
            .execute(),
        );
        expect(rows).toHaveLength(3);
        expect(rows.every((r) => r.lesson_plan_code === "ervaringskennis" && /^Beschrijf een moment uit je werk/.test(r.assignment ?? ""))).toBe(true);
      },
      { javaScriptEnabled: false },
    );
  });

  it("with JavaScript, choosing the lesson plan fills the empty programme at once, and the fit note follows", async () => {
    const group = await newGroup();
    await withCheckedPage(browser, async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await p.visit(`/groepen/${group.id}/bijeenkomsten/reeks`);
      await p.page.waitForFunction(() => "__remixRouter" in window);
      await p.page.getByLabel("Lesplan", { exact: true }).selectOption("ervaringskennis:1");
      await expect(p.page.getByLabel("Programma").inputValue()).resolves.toMatch(/^15 min Welkom en terugblik/);
      await expect(p.page.getByLabel("Oefenopdracht").inputValue()).resolves.toMatch(/^Beschrijf een moment uit je werk/);
      await p.page.getByText("Het programma duurt 180 minuten. Dat past in de bijeenkomst van 180 minuten.").waitFor();
      await p.page.getByLabel("Eindtijd").fill("16:00");
      await p.page.getByText("Het programma is dus 30 minuten te lang.", { exact: false }).waitFor();
    });
  });
});
