import type { Browser } from "playwright-core";
import { CheckedPage, launchBrowser } from "./support";
import { makeGroup, type Group, withServerDb } from "./factories";

/** A group of its own (factories.ts): its GOP starts empty and only this file writes it. */
// Two people sign in and every page is scanned by axe, on a busy shared machine: room, not a limit.
jest.setTimeout(180_000);
let browser: Browser;
let group: Group;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb((db) => makeGroup(db, { participants: 2 }));
});
afterAll(async () => {
  await browser?.close();
});

describe("GOP written together", () => {
  it("two people edit at once; the second sees a conflict with both texts and nothing is lost", async () => {
    const a = await CheckedPage.open(browser);
    const b = await CheckedPage.open(browser);
    try {
      const [first, second] = group.participants;
      await a.login(first.email, first.password);
      await b.login(second.email, second.password);
      for (const p of [a, b]) {
        await Promise.all([
          p.page.waitForURL(/\/groepen\/\d+\/gop$/),
          p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Ons GOP" }).click(),
        ]);
        await p.afterNavigation();
      }
      await a.page.getByLabel("Groepsafspraken").fill("We beginnen en eindigen op tijd.");
      await b.page.getByLabel("Groepsafspraken").fill("Telefoons gaan uit tijdens de les.");

      await a.page.getByRole("button", { name: "GOP opslaan" }).click();
      await a.page.getByText(/Opgeslagen als versie \d+\./).waitFor();
      await a.afterNavigation();

      await b.page.getByRole("button", { name: "GOP opslaan" }).click();
      await b.page.getByText(`${first.name} heeft dit onderdeel net ook veranderd`, { exact: false }).waitFor();
      await b.afterNavigation();
      await expect(b.page.getByTestId("theirs-agreements").textContent()).resolves.toBe("We beginnen en eindigen op tijd.");
      await expect(b.page.getByLabel("Groepsafspraken").inputValue()).resolves.toBe("Telefoons gaan uit tijdens de les.");

      // B chooses: keep both agreements, and saves on top of the newest version.
      await b.page.getByLabel("Groepsafspraken").fill("We beginnen en eindigen op tijd.\nTelefoons gaan uit tijdens de les.");
      await b.page.getByRole("button", { name: "GOP opslaan" }).click();
      await b.page.getByText(/Opgeslagen als versie \d+\./).waitFor();
      await b.afterNavigation();
      await b.page.getByText(`${second.name}: 1 keer opgeslagen`, { exact: false }).waitFor();
      a.assertAllChecked();
      b.assertAllChecked();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
