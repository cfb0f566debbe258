import type { Browser, Page } from "playwright-core";
import { daysFromToday } from "../support/clock";
import { launchBrowser, withCheckedPage } from "./support";

jest.setTimeout(180_000);

/**
 * Issue 31 point 4 (decision 025): city-wide intervisie for alumni. A coordinator makes a group
 * with the demo trainer as facilitator, the trainer plans a meeting, the certified demo
 * participant (Lotte Brouwer, deelnemer15) asks to join on a phone-sized screen, the coordinator
 * accepts, and she sees the group's next meeting. Every page is scanned with axe; a script error
 * fails the test. Dates come from the app clock (LEERLIJN_NOW).
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

async function submit(page: Page, button: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
}

describe("city-wide intervisie for alumni", () => {
  it("an alum asks to join on a 390 px screen, the coordinator accepts, and she sees the next meeting", async () => {
    const name = `Stadsbrede intervisie Noord ${Date.now() % 100000}`;
    const meetingTitle = `Intervisie ${name.slice(-5)}`;
    let groupPath = "";

    // The coordinator makes the group.
    await withCheckedPage(browser, async (p) => {
      const { page } = p;
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/cohorten");
      await Promise.all([page.waitForURL(/\/coordinator\/intervisie-alumni$/), page.getByRole("link", { name: "Stadsbrede intervisie voor alumni" }).click()]);
      await p.afterNavigation();
      await page.getByLabel("Naam van de groep").fill(name);
      await page.getByLabel("Begeleider").selectOption({ label: "Marieke Hoekstra" });
      await page.getByLabel("Plaats (adres of gebouw)").fill("Buurtkamer Noord");
      await page.getByLabel("Stadsdeel").selectOption({ label: "Noord" });
      await Promise.all([page.waitForURL(/\/coordinator\/intervisie-alumni\/\d+\?nieuw=1$/), page.getByRole("button", { name: "Groep maken" }).click()]);
      await p.afterNavigation();
      await page.getByText("De groep is gemaakt.").waitFor();
      groupPath = new URL(page.url()).pathname;
    });
    const groupId = groupPath.split("/").pop()!;

    // The facilitator plans a meeting, from their home page.
    await withCheckedPage(browser, async (p) => {
      const { page } = p;
      await p.login("trainer@leerlijn.test");
      await p.visit("/trainer");
      await Promise.all([page.waitForURL(new RegExp(`/trainer/intervisie-alumni/${groupId}$`)), page.getByRole("link", { name }).click()]);
      await p.afterNavigation();
      await page.getByLabel("Titel").fill(meetingTitle);
      await page.getByLabel("Datum").fill(daysFromToday(10));
      await submit(page, page.getByRole("button", { name: "Plannen" }));
      await page.getByText("De bijeenkomst is gepland.").waitFor();
      await p.afterNavigation();
      await page.getByText(meetingTitle, { exact: false }).first().waitFor();
    });

    // Lotte asks to join, on a phone.
    await withCheckedPage(
      browser,
      async (p) => {
        const { page } = p;
        await p.login("deelnemer15@leerlijn.test");
        await p.visit("/deelnemer/pool");
        await Promise.all([
          page.waitForURL(/\/deelnemer\/intervisie-alumni$/),
          page.getByRole("link", { name: "Stadsbrede intervisie: blijf leren met andere ervaringsdeskundigen" }).click(),
        ]);
        await p.afterNavigation();
        await fitsTheScreen(page);
        const card = page.getByRole("article", { name });
        await card.getByText("Vrije plaatsen: 8").waitFor();
        await card.getByText("Begeleider: Marieke Hoekstra").waitFor();
        await submit(page, card.getByRole("button", { name: "Ik wil meedoen" }));
        await page.getByText("Je verzoek is verstuurd.", { exact: false }).waitFor();
        await p.afterNavigation();
        await page.getByRole("article", { name }).getByText("Je hebt gevraagd om mee te doen.", { exact: false }).waitFor();
        await fitsTheScreen(page);
      },
      { viewport: PHONE },
    );

    // The coordinator accepts.
    await withCheckedPage(browser, async (p) => {
      const { page } = p;
      await p.login("coordinator@leerlijn.test");
      await p.visit(groupPath);
      const request = page.getByRole("listitem").filter({ hasText: "Lotte Brouwer" });
      await submit(page, request.getByRole("button", { name: "Aannemen" }));
      await page.getByText("Het verzoek is aangenomen.").waitFor();
      await p.afterNavigation();
      await page.getByRole("region", { name: "Leden" }).getByText("Lotte Brouwer").waitFor();
    });

    // Lotte sees the group's next meeting.
    await withCheckedPage(
      browser,
      async (p) => {
        const { page } = p;
        await p.login("deelnemer15@leerlijn.test");
        await p.visit("/deelnemer/intervisie-alumni");
        await fitsTheScreen(page);
        await page.getByRole("article", { name }).getByText("Je doet mee in deze groep.").waitFor();
        const mine = page.getByRole("region", { name: "Bijeenkomsten van je groep" });
        await mine.getByText(name, { exact: false }).first().waitFor();
        await mine.getByText("19:00–21:00", { exact: false }).first().waitFor();
        await expect(mine.getByRole("listitem").filter({ hasText: name }).count()).resolves.toBe(1);
      },
      { viewport: PHONE },
    );
  });
});
