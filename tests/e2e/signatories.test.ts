import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { readServerInfo } from "./server-info";
import { CheckedPage, launchBrowser } from "./support";

/**
 * Issue 24, point 14 in a real browser, without JavaScript (the form must work without it): a
 * coordinator sets who signs new certificates on the certificates page. The setting is removed
 * afterwards, so other browser tests see the template's defaults.
 */
jest.setTimeout(180_000);

let browser: Browser;
let db: Database.Database;

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
});
afterAll(async () => {
  db?.prepare("delete from settings where key = 'certificate_signatories'").run();
  db?.close();
  await browser?.close();
});

describe("certificate signatories", () => {
  it("are set by a coordinator on the certificates page, checked on the server, and logged", async () => {
    const p = await CheckedPage.open(browser, { javaScriptEnabled: false });
    try {
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/certificaten");
      const section = p.page.getByRole("region", { name: "Ondertekening" });
      await expect(section.getByText("Er is nog niets ingesteld.", { exact: false }).count()).resolves.toBe(1);
      // The template's fictional default is filled in, ready to be replaced.
      await expect(section.getByLabel("Naam van ondertekenaar 1").inputValue()).resolves.toBe("J. Voorbeeld");

      // A name without a function: refused by the server, what was typed stays.
      await section.getByLabel("Naam van ondertekenaar 1").fill("K. Verzinsel");
      await section.getByLabel("Naam van ondertekenaar 2").fill("L. Bedacht");
      await Promise.all([p.page.waitForLoadState("load"), section.getByRole("button", { name: "Ondertekening opslaan" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByText("Vul ook de functie in.").count()).resolves.toBe(1);
      await expect(p.page.getByRole("region", { name: "Ondertekening" }).getByLabel("Naam van ondertekenaar 2").inputValue()).resolves.toBe("L. Bedacht");
      expect(db.prepare("select count(*) as n from settings where key = 'certificate_signatories'").get()).toEqual({ n: 0 });

      const again = p.page.getByRole("region", { name: "Ondertekening" });
      await again.getByLabel("Functie van ondertekenaar 2").fill("Secretaris (fictief)");
      await Promise.all([p.page.waitForLoadState("load"), again.getByRole("button", { name: "Ondertekening opslaan" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("status").first().textContent()).resolves.toContain("Nieuwe certificaten krijgen deze namen.");
      const stored = db.prepare("select value from settings where key = 'certificate_signatories'").get() as { value: string };
      expect(JSON.parse(stored.value)).toEqual([
        { name: "K. Verzinsel", role: "Directeur Vrijwilligersacademie Amsterdam" },
        { name: "L. Bedacht", role: "Secretaris (fictief)" },
      ]);
      const log = db.prepare("select details from audit_log where action = 'settings.certificate_signatories' order by id desc limit 1").get() as {
        details: string;
      };
      expect(JSON.parse(log.details).after).toEqual(JSON.parse(stored.value));

      // After reloading, the page says who set it and shows the saved names.
      await p.visit("/coordinator/certificaten");
      const saved = p.page.getByRole("region", { name: "Ondertekening" });
      await expect(saved.getByText("Ingesteld door", { exact: false }).count()).resolves.toBe(1);
      await expect(saved.getByLabel("Naam van ondertekenaar 2").inputValue()).resolves.toBe("L. Bedacht");
      p.assertAllChecked();
    } finally {
      await p.close();
    }
  });
});
