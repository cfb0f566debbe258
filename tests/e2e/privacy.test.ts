import type { Browser } from "playwright-core";
import { baseUrl, type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { makeGroup, makeSubmittedPop, type Group, type Person, withServerDb } from "./factories";

// Many pages, each scanned with axe: longer than the default.
jest.setTimeout(300_000);

/**
 * Data of its own (factories.ts): a group with a participant to anonymise, and a group whose
 * participant handed in a POP that its trainer reads. The demo people stay as they are.
 */
let browser: Browser;
let leaving: Group;
let wilma: Person;
let reading: Group;
let bram: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  [leaving, reading] = await withServerDb(async (db) => {
    const a = await makeGroup(db, { participants: ["Wilma"] });
    const b = await makeGroup(db, { participants: ["Bram"] });
    await makeSubmittedPop(db, b.participants[0]);
    return [a, b];
  });
  wilma = leaving.participants[0];
  bram = reading.participants[0];
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>) => withCheckedPage(browser, fn);

/** The value of the option in the anonymise list whose label contains `text`. */
async function personId(p: CheckedPage, text: string): Promise<number> {
  const value = await p.page.locator("select[name=userId] option", { hasText: text }).getAttribute("value");
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`no person ${text}`);
  return id;
}

describe("privacy", () => {
  it("a coordinator anonymises a person and every page of that cohort still renders without the name", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/coordinator\/privacy$/), p.page.getByRole("link", { name: "Privacy en bewaartermijnen" }).click()]);
      await p.afterNavigation();

      // Retention periods are settings, validated with a clear message.
      const months = p.page.getByLabel("Beoordelingsdossier (maanden na het besluit)");
      await months.fill("0");
      await p.page.getByRole("button", { name: "Bewaartermijnen opslaan" }).click();
      await p.page.getByText("Vul een heel aantal maanden in, van 1 tot en met 120.").first().waitFor();
      await months.fill("36");
      await Promise.all([
        p.page.waitForResponse((r) => r.request().method() === "POST"),
        p.page.getByRole("button", { name: "Bewaartermijnen opslaan" }).click(),
      ]);
      await p.page.getByText("De bewaartermijnen zijn opgeslagen.").waitFor();
      await expect(months.inputValue()).resolves.toBe("36");

      const wilmaId = await personId(p, wilma.name);
      const page = p.page;
      // The page says where the name stays after anonymising: with the certificate, nowhere else.
      await page.getByText("Dan blijft de naam bij het certificaat staan.", { exact: false }).waitFor();
      await page.getByText("Overal anders gaat de naam weg.", { exact: false }).waitFor();
      await page.getByText("Weg: naam en e-mailadres (ook uit het auditlog)", { exact: false }).waitFor();
      // Wilma signs in once, so the audit log has a sign-in line with her e-mail address as subject.
      await withPage(async (w) => {
        await w.login(wilma.email, wilma.password);
      });
      // The cohort of the person, found through the cohort list.
      await p.visit("/coordinator/cohorten");
      const cohortHref = await page.getByRole("link", { name: leaving.name }).first().getAttribute("href");
      const cohortId = Number(/\/(\d+)$/.exec(cohortHref ?? "")?.[1]);
      expect(cohortId).toBeGreaterThan(0);

      await p.visit("/coordinator/privacy");
      await page.getByLabel("Persoon").selectOption(String(wilmaId));
      // Without the tick nothing happens.
      await page.getByRole("button", { name: "Anoniem maken" }).click();
      await page.getByText("Vink aan dat je begrijpt dat dit niet ongedaan kan worden.").first().waitFor();
      await page.getByLabel("Ik begrijp dat dit niet ongedaan kan worden.").check();
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Anoniem maken" }).click()]);
      await page.getByText("De gegevens zijn anoniem gemaakt.").waitFor();
      await p.visit("/coordinator/privacy");
      await expect(page.locator("select[name=userId] option", { hasText: wilma.name }).count()).resolves.toBe(0);

      const pages = [
        `/coordinator/cohorten/${cohortId}`,
        `/groepen/${cohortId}/rooster`,
        `/groepen/${cohortId}/voortgang`,
        `/groepen/${cohortId}/voortgang/${wilmaId}`,
        `/groepen/${cohortId}/praktijk`,
        `/groepen/${cohortId}/praktijk/${wilmaId}`,
        `/groepen/${cohortId}/trainingen`,
        `/groepen/${cohortId}/opdrachten`,
        `/groepen/${cohortId}/intervisiegroepen`,
        `/deelnemers/${wilmaId}`,
        "/coordinator/rapportage",
        "/coordinator/eindgesprekken",
        "/coordinator/certificaten",
        "/coordinator/mensen",
      ];
      for (const path of pages) {
        const response = await p.visit(path);
        expect([path, response?.status()]).toEqual([path, 200]);
        await expect(page.content()).resolves.not.toContain(wilma.name);
      }
      // Downloads of that cohort hold no name either.
      for (const path of [`/groepen/${cohortId}/aanwezigheid.csv`, `/coordinator/rapportage/${cohortId}.csv`]) {
        const res = await page.request.get(`${baseUrl()}${path}`);
        expect([path, res.status()]).toEqual([path, 200]);
        expect(await res.text()).not.toContain(wilma.name.split(" ").pop()!);
      }

      // Her sign-in lines stay in the audit log (their subject is her account, never an address);
      // where they came from (the IP address) went with the anonymising.
      await p.visit(`/coordinator/auditlog?targetType=user&targetId=${wilmaId}&action=auth.login`);
      await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThan(0);
      await expect(page.locator("tbody tr").first().textContent()).resolves.toContain("auth.login");
      await expect(page.locator("tbody").textContent()).resolves.not.toMatch(/127\.0\.0\.1|::1/);
      await expect(page.content()).resolves.not.toContain(`${wilma.email.split("@")[0]}@`);

      // The decision is in the audit log, searchable.
      await p.visit("/coordinator/auditlog?action=person.anonymise");
      await expect(page.locator("tbody tr").first().textContent()).resolves.toContain("person.anonymise");
      await expect(page.locator("tbody tr").first().textContent()).resolves.toContain(`account ${wilmaId}`);
    });
  });

  it("a participant sees who read their POP and can keep their drafts", async () => {
    let bramId = 0;
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit("/coordinator/privacy");
      bramId = await personId(p, bram.email);
      // Coordinators do not read POPs: only the trainers of the group (and examiners, the approved one).
      const refused = await p.visit(`/pop/${bramId}`);
      expect(refused?.status()).toBe(404);
    });
    await withPage(async (p) => {
      await p.login(reading.trainer.email, reading.trainer.password);
      const response = await p.visit(`/pop/${bramId}`);
      expect(response?.status()).toBe(200);
    });
    await withPage(async (p) => {
      await p.login(bram.email, bram.password);
      await p.visit("/deelnemer/pop");
      await Promise.all([p.page.waitForURL(/\/deelnemer\/privacy$/), p.page.getByRole("link", { name: "Mijn privacy: wie las mijn POP?" }).click()]);
      await p.afterNavigation();
      const table = p.page.locator("section[aria-labelledby=readers-heading] table");
      await expect(table.locator("tbody tr").first().textContent()).resolves.toContain(reading.trainer.name);
      await expect(table.locator("tbody tr").first().textContent()).resolves.toContain("trainer");
      await expect(table.textContent()).resolves.not.toContain("Esther de Groot");
      await p.page.getByText("Je concepten gaan weg aan het einde van de leerlijn.").first().waitFor();
      await Promise.all([
        p.page.waitForResponse((r) => r.request().method() === "POST"),
        p.page.getByRole("button", { name: "Mijn concepten bewaren" }).click(),
      ]);
      await p.page.getByText("Je concepten blijven bewaard.").waitFor();
      await p.page.getByRole("button", { name: "Concepten toch weghalen na de leerlijn" }).waitFor();
    });
  });
});
