import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTimeMs } from "../../app/clock.server";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
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
      await p.login("trainer@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: "Leerlijn Buurtteams 2026-1" }).click()]);
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

      await Promise.all([
        p.page.waitForURL(/\/aanwezigheid$/),
        p.page.getByRole("link", { name: new RegExp(`^Aanwezigheid: ${title}`) }).click(),
      ]);
      await p.afterNavigation();
      await p.page.getByRole("button", { name: "Iedereen aanwezig" }).click();
      await p.page.getByText("De aanwezigheid is opgeslagen.").waitFor();
      await p.afterNavigation();

      await p.page.getByLabel("Aanwezigheid: Fatima El Amrani").selectOption("te_laat");
      await p.page.getByLabel("Minuten te laat of eerder weg: Fatima El Amrani").fill("30");
      await p.page.getByLabel("Aanwezigheid: Jeroen de Vries").selectOption("afgemeld");
      await p.page.getByLabel("Notitie: Jeroen de Vries").fill("Afspraak bij de huisarts");
      await p.page.getByRole("button", { name: "Aanwezigheid opslaan" }).click();
      await p.page.getByText("Laatst opgeslagen door Marieke Hoekstra").waitFor();
      await p.page.getByText("De aanwezigheid is opgeslagen.").waitFor();
      await p.afterNavigation();
      await expect(p.page.getByLabel("Aanwezigheid: Fatima El Amrani").inputValue()).resolves.toBe("te_laat");
      // Jeroen can now get a make-up assignment.
      await p.page.getByLabel("Vervangende opdracht voor Jeroen de Vries").waitFor();
    });
  });

  it("the participant then sees the credited hours for that meeting", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer1@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/deelnemer\/rooster$/), p.page.getByRole("link", { name: "Rooster en aanwezigheid" }).click()]);
      await p.afterNavigation();
      const row = p.page.getByRole("row").filter({ hasText: title });
      await expect(row.getByRole("cell").nth(1).textContent()).resolves.toBe("Te laat");
      await expect(row.getByRole("cell").nth(2).textContent()).resolves.toBe("2,5");
      await p.page.getByText(/van 60 uur/).waitFor();
      // Nobody else's records are on this page.
      await expect(p.page.getByText("Jeroen de Vries").count()).resolves.toBe(0);
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
