import type { Browser, Page } from "playwright-core";
import { launchBrowser, withCheckedPage } from "./support";

jest.setTimeout(180_000);

/**
 * Issue 31, point 2: a certified demo participant (Lotte Brouwer, deelnemer15) joins the pool of
 * ervaringsdeskundigen on a phone-sized screen. The demo has her in the pool already, so she first
 * leaves (the profile goes at once), then joins again with the consent box. Every page is scanned
 * with axe; a script error fails the test.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function fitsTheScreen(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe("the pool of ervaringsdeskundigen", () => {
  it("a certified participant leaves and joins again on a 390 × 844 screen", async () => {
    await withCheckedPage(
      browser,
      async (p) => {
        const { page } = p;
        await p.login("deelnemer15@leerlijn.test");
        await Promise.all([
          page.waitForURL(/\/deelnemer\/pool$/),
          page.getByRole("link", { name: "De pool van ervaringsdeskundigen: meedoen of je profiel bekijken" }).click(),
        ]);
        await p.afterNavigation();
        await fitsTheScreen(page);
        await page.getByText("Je staat in de pool. Buurtteams kunnen je vinden.").waitFor();

        // Leaving without the box: refused in the browser, nothing sent.
        await page.getByRole("button", { name: "Stoppen en profiel weghalen" }).click();
        await page.getByText("Zet een vinkje als je echt wilt stoppen.").first().waitFor();
        await p.checkErrorsLinked();
        await page.getByLabel("Ja, haal mijn profiel weg.").check();
        await Promise.all([
          page.waitForResponse((r) => r.request().method() === "POST"),
          page.getByRole("button", { name: "Stoppen en profiel weghalen" }).click(),
        ]);
        await page.getByText("Je bent gestopt. Je profiel is weggehaald.").waitFor();
        await p.afterNavigation();

        // Joining: the consent text is there before the form.
        await page.getByText("Alleen de coördinatoren van de buurtteams zien wat jij kiest.", { exact: false }).waitFor();
        await page
          .getByLabel("Vanuit welke ervaring wil je werken?")
          .fill("Ik weet hoe het is om schulden te hebben. Ik help graag met brieven en instanties.");
        await page.getByLabel("Schulden", { exact: true }).check();
        await page.getByLabel("Noord", { exact: true }).check();
        await page.getByLabel("Zuidoost", { exact: true }).check();
        await page.getByLabel("Hoeveel uur per week kun je?").fill("8");
        await page.getByLabel("Telefoonnummer").fill("06 98 76 54 32");
        // Without the consent box: refused in the browser.
        await page.getByRole("button", { name: "Meedoen aan de pool" }).click();
        await page.getByText("Zet een vinkje als je wilt meedoen.").first().waitFor();
        await p.checkErrorsLinked();
        await page.getByLabel("Ik heb dit gelezen en ik wil meedoen aan de pool.").check();
        await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Meedoen aan de pool" }).click()]);
        await page.getByText("Je doet mee aan de pool. Dank je wel!").waitFor();
        await p.afterNavigation();
        await fitsTheScreen(page);
        // The profile as she chose it, now with the save button instead of the consent box.
        await expect(page.getByLabel("Schulden", { exact: true }).isChecked()).resolves.toBe(true);
        await expect(page.getByLabel("Hoeveel uur per week kun je?").inputValue()).resolves.toBe("8");
        await expect(page.getByLabel("Ik heb dit gelezen en ik wil meedoen aan de pool.").count()).resolves.toBe(0);
        await page.getByRole("button", { name: "Profiel opslaan" }).waitFor();
      },
      { viewport: PHONE },
    );
  });
});

describe("the pool page without JavaScript", () => {
  it("saves a change, pauses and resumes with plain form posts", async () => {
    await withCheckedPage(
      browser,
      async (p) => {
        const { page } = p;
        await p.login("deelnemer15@leerlijn.test");
        await p.visit("/deelnemer/pool");
        await fitsTheScreen(page);
        const hours = page.getByLabel("Hoeveel uur per week kun je?");
        // A wrong value comes back from the server, with the typed text kept.
        await hours.fill("99");
        await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Profiel opslaan" }).click()]);
        await page.getByText("Vul een heel getal in van 1 tot en met 40.").first().waitFor();
        await p.afterNavigation();
        await page.getByLabel("Hoeveel uur per week kun je?").fill("12");
        await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Profiel opslaan" }).click()]);
        await page.getByText("Je profiel is opgeslagen.").waitFor();
        await p.afterNavigation();
        await expect(page.getByLabel("Hoeveel uur per week kun je?").inputValue()).resolves.toBe("12");

        await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Pauzeren" }).click()]);
        await page.getByText("Je hebt gepauzeerd.").first().waitFor();
        await p.afterNavigation();
        await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Weer meedoen" }).click()]);
        await page.getByText("Je doet weer mee. Buurtteams kunnen je weer vinden.").waitFor();
        await p.afterNavigation();
      },
      { viewport: PHONE, javaScriptEnabled: false },
    );
  });
});
