import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTimeMs } from "../../app/clock.server";
import { daysFromToday } from "../support/clock";
import { makeGroup, makeMeeting, type Group, type Person, withServerDb } from "./factories";

/**
 * A group of its own (factories.ts): a trainer, two participants and one lesson last week (so the
 * rooster has earlier meetings). The demo group's hours stay as they are.
 */
let browser: Browser;
let group: Group;
let fatima: Person;
let jeroen: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: ["Fatima", "Jeroen"] });
    await makeMeeting(db, g, { date: daysFromToday(-7), startTime: "09:00", endTime: "12:00" });
    return g;
  });
  [fatima, jeroen] = group.participants;
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]) => withCheckedPage(browser, fn, opts);

function yesterdayInAmsterdam(): string {
  const d = new Date(currentTimeMs() - 24 * 3600 * 1000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

describe("planning and attendance", () => {
  const title = `Les over eigen regie ${currentTimeMs()}`;
  let schedulePath = "";

  it("the trainer plans a meeting and records attendance: everyone present plus two exceptions", async () => {
    await withPage(async (p) => {
      await p.login(group.trainer.email, group.trainer.password);
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/rooster$/), p.page.getByRole("link", { name: "Rooster" }).click()]);
      await p.afterNavigation();
      schedulePath = new URL(p.page.url()).pathname;
      await expect(p.page.getByRole("heading", { name: "Eerdere bijeenkomsten" }).count()).resolves.toBe(1);

      await Promise.all([p.page.waitForURL(/\/bijeenkomsten\/nieuw$/), p.page.getByRole("link", { name: "Nieuwe bijeenkomst" }).click()]);
      await p.afterNavigation();
      await p.page.getByLabel("Titel").fill(title);
      await p.page.getByLabel("Datum").fill(yesterdayInAmsterdam());
      await p.page.getByLabel("Begintijd").fill("09:00");
      await p.page.getByLabel("Eindtijd").fill("12:00");
      await p.page.getByLabel("Programma").fill("15 min welkom\n120 min thema eigen regie\n45 min oefenen");
      await Promise.all([p.page.waitForURL(/\/rooster\?gepland=\d+$/), p.page.getByRole("button", { name: "Bijeenkomst plannen" }).click()]);
      await p.afterNavigation();

      await Promise.all([p.page.waitForURL(/\/aanwezigheid$/), p.page.getByRole("link", { name: new RegExp(`^Aanwezigheid: ${title}`) }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("button", { name: "Iedereen aanwezig" }).click();
      await p.page.getByText("De aanwezigheid is opgeslagen.").waitFor();
      await p.afterNavigation();

      await p.page.getByLabel(`Aanwezigheid: ${fatima.name}`).selectOption("te_laat");
      await p.page.getByLabel(`Minuten te laat of eerder weg: ${fatima.name}`).fill("30");
      await p.page.getByLabel(`Aanwezigheid: ${jeroen.name}`).selectOption("afgemeld");
      await p.page.getByLabel(`Notitie: ${jeroen.name}`).fill("Afspraak bij de huisarts");
      await p.page.getByRole("button", { name: "Aanwezigheid opslaan" }).click();
      await p.page.getByText(`Laatst opgeslagen door ${group.trainer.name}`).waitFor();
      await p.page.getByText("De aanwezigheid is opgeslagen.").waitFor();
      await p.afterNavigation();
      await expect(p.page.getByLabel(`Aanwezigheid: ${fatima.name}`).inputValue()).resolves.toBe("te_laat");
      // Jeroen can now get a make-up assignment.
      await p.page.getByLabel(`Vervangende opdracht voor ${jeroen.name}`).waitFor();
    });
  });

  it("the participant then sees the credited hours for that meeting", async () => {
    await withPage(async (p) => {
      await p.login(fatima.email, fatima.password);
      await Promise.all([p.page.waitForURL(/\/deelnemer\/rooster$/), p.page.getByRole("link", { name: "Rooster en aanwezigheid" }).click()]);
      await p.afterNavigation();
      const row = p.page.getByRole("row").filter({ hasText: title });
      await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("Te laat");
      await expect(row.getByRole("cell").nth(2).textContent()).resolves.toBe("2,5");
      await p.page
        .locator('[data-figure="hours"]')
        .getByText(/van 60 uur/)
        .waitFor();
      // Nobody else's records are on this page.
      await expect(p.page.getByText(jeroen.name).count()).resolves.toBe(0);
    });
  });

  it("a trainer of another cohort cannot open this cohort's schedule", async () => {
    await withPage(async (p) => {
      await p.login("trainer2@leerlijn.test");
      const res = await p.visit(schedulePath);
      expect(res?.status()).toBe(404);
    });
  });
});
