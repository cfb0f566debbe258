import fs from "node:fs";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { readServerInfo } from "./server-info";
import { launchBrowser, withCheckedPage } from "./support";

jest.setTimeout(180_000);

/**
 * Issue 31, point 5: the coordinator opens the pool's figures for the funder on a phone-sized
 * screen (from the reports page) and downloads the CSV. The demo has one certified participant in
 * the pool (Lotte Brouwer): she shows only as "< 5", never by name. The page is scanned with axe.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

/** The names and e-mail addresses of the people in the pool now, from the app's database. */
function poolPeople(): { name: string; email: string }[] {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select u.name, u.email from pool_profiles p join users u on u.id = p.participant_id").all() as { name: string; email: string }[];
  } finally {
    db.close();
  }
}

async function fitsTheScreen(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe("the pool's figures for the funder", () => {
  it("a coordinator opens them on a 390 × 844 screen and downloads the CSV without names", async () => {
    await withCheckedPage(
      browser,
      async (p) => {
        const { page } = p;
        await p.login("coordinator@leerlijn.test");
        await p.visit("/coordinator/rapportage");
        await Promise.all([
          page.waitForURL(/\/coordinator\/rapportage\/pool$/),
          page.getByRole("link", { name: "Cijfers over de pool van ervaringsdeskundigen" }).click(),
        ]);
        await p.afterNavigation();
        await fitsTheScreen(page);
        await page.getByRole("heading", { level: 1, name: "Cijfers over de pool" }).waitFor();
        // Tables with captions, each in a region of its own that can scroll.
        await page.getByRole("region", { name: /Grootte van de pool in \d{4}, aan het eind van elke maand/ }).waitFor();
        await page.getByRole("table", { name: /^Leden per stadsdeel op / }).waitFor();
        await page.getByRole("table", { name: /^Vragen uit \d{4} per taal$/ }).waitFor();
        const people = poolPeople();
        expect(people.length).toBeGreaterThan(0);
        const inPool = page.getByRole("table", { name: /^In de pool op / }).getByRole("row", { name: /^In de pool / });
        if (people.length < 5) await expect(inPool.textContent()).resolves.toContain("< 5");
        const html = await page.content();
        for (const person of people) expect(html).not.toContain(person.name);

        const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Cijfers van \d{4} downloaden/ }).click()]);
        expect(download.suggestedFilename()).toMatch(/^pool-cijfers-\d{4}\.csv$/);
        const text = fs.readFileSync((await download.path())!, "utf8");
        expect(text.startsWith("\uFEFFTabel;Onderdeel;Aantal, uren of dagen\r\n")).toBe(true);
        if (people.length < 5) expect(text).toMatch(/;In de pool;< 5\r\n/);
        for (const person of people) expect(text).not.toContain(person.name);
        expect(text).not.toContain("@");
      },
      { viewport: PHONE },
    );
  });
});
