import { execFileSync } from "node:child_process";
import { nl } from "../../app/i18n/nl";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTime } from "../../app/clock.server";
import { DEMO_PARTICIPANT_NAMES } from "../../demo/seed";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>) => withCheckedPage(browser, fn);

describe("progress toward the certificate", () => {
  it("the demo participant sees their progress per requirement, with a next step", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer1@leerlijn.test");
      await p.page.getByRole("heading", { name: "Hoe ver ben je met je certificaat?" }).waitFor();
      await p.page.getByRole("heading", { name: "Je volgende stap" }).waitFor();
      const items = p.page.locator("[data-requirement]");
      await expect(items.count()).resolves.toBe(5);
      const practice = p.page.locator('[data-requirement="praktijk"]');
      await expect(practice.getByRole("heading").textContent()).resolves.toMatch(/^Werken in de praktijk: nog niet klaar$/);
      await expect(practice.textContent()).resolves.toMatch(/[\d,]+ van 60 uur/);
      await expect(practice.textContent()).resolves.toMatch(/Nog [\d,]+ uur praktijk nodig/);
      await expect(p.page.locator('[data-requirement="pop"]').getByRole("heading").textContent()).resolves.toBe("POP: in orde");
      await expect(p.page.locator('[data-requirement="interview"]').textContent()).resolves.toContain("Je hebt het eindgesprek nog niet gehad.");
      // Every bar says in words what it shows.
      const bars = p.page.getByRole("progressbar");
      for (let i = 0; i < (await bars.count()); i++) await expect(bars.nth(i).getAttribute("aria-label")).resolves.toMatch(/: \d+% klaar$/);
      // The course's words are explained where they are met: closed, calm, opened with the keyboard.
      const whatIsPop = p.page.locator('[data-requirement="pop"] details[data-term="pop"]');
      await expect(whatIsPop.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
      await whatIsPop.getByText("Wat is een POP?").focus();
      await p.page.keyboard.press("Enter");
      await whatIsPop.getByText("POP betekent persoonlijk ontwikkelingsplan.", { exact: false }).waitFor();
      for (const term of ["leerplek", "werkbegeleider", "intervisie", "gop", "eindgesprek"]) {
        await expect(p.page.locator(`details[data-term="${term}"]`).count()).resolves.toBe(1);
      }
      // The home page and the rooster give the same attendance figures (issue 27: not "10 van 17" here and "10 van 11" there).
      const attendance = (await p.page.locator('[data-requirement="aanwezigheid"]').innerText()).replace(/\s+/g, " ");
      await p.visit("/deelnemer/rooster");
      for (const unit of ["sessions", "hours", "meetings"]) {
        const figure = ((await p.page.locator(`[data-figure="${unit}"]`).textContent()) ?? "").trim();
        expect(figure).toMatch(/^[\d,]+ van [\d,]+ /);
        expect(attendance).toContain(figure);
      }
    });
  });

  it("the trainer reads a participant's reasons about them by name, never addressed with 'je'", async () => {
    await withPage(async (p) => {
      await p.login("trainer@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: "Leerlijn Buurtteams 2026-1" }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/voortgang$/), p.page.getByRole("link", { name: "Voortgang van de groep" }).click()]);
      await p.afterNavigation();
      // deelnemer1: no final interview yet (tests/integration/progress.test.ts).
      const name = DEMO_PARTICIPANT_NAMES[0];
      const link = p.page.locator("tbody tr th a", { hasText: name });
      await Promise.all([p.page.waitForURL(/\/voortgang\/\d+$/), link.click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { name: `Voortgang van ${name}` }).waitFor();
      const reasons = (await p.page.locator(".ll-progress-list").innerText()).replace(/\s+/g, " ");
      expect(reasons).not.toMatch(/\b(je|jij|jou|jouw)\b/i);
      expect(reasons).toContain(`${name} heeft het eindgesprek nog niet gehad.`);
      // Staff know the words: no "Wat is …?" toggles on their page.
      await expect(p.page.locator("details.ll-explain").count()).resolves.toBe(0);
    });
  });

  it("the trainer sorts the overview by risk and follows a cell to the records", async () => {
    await withPage(async (p) => {
      await p.login("trainer@leerlijn.test");
      await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: "Leerlijn Buurtteams 2026-1" }).click()]);
      await p.afterNavigation();
      await Promise.all([p.page.waitForURL(/\/voortgang$/), p.page.getByRole("link", { name: "Voortgang van de groep" }).click()]);
      await p.afterNavigation();
      const rows = p.page.locator("tbody tr");
      // deelnemer1..12 and the participant who came back after a break (deelnemer20).
      await expect(rows.count()).resolves.toBe(13);
      // Every link in the table is named with its visible text in it (WCAG 2.5.3, label in name).
      const names = await p.page
        .locator("table a")
        .evaluateAll((links) => links.map((a) => ({ text: (a.textContent ?? "").trim(), label: a.getAttribute("aria-label") })));
      expect(names.length).toBeGreaterThan(12 * 5);
      for (const { text, label } of names) if (label !== null) expect(label).toContain(text);
      await Promise.all([p.page.waitForURL(/sorteer=naam$/), p.page.getByRole("link", { name: "Deelnemer (sorteer hierop)" }).click()]);
      await p.afterNavigation();
      const sortedNames = await p.page.locator("tbody tr th").allTextContents();
      expect(sortedNames.map((n) => n.replace(" Risico", "").trim())).toEqual(
        [...sortedNames.map((n) => n.replace(" Risico", "").trim())].sort((a, b) => a.localeCompare(b, "nl")),
      );
      await Promise.all([p.page.waitForURL(/sorteer=risico$/), p.page.getByRole("link", { name: "Sorteer op risico" }).click()]);
      await p.afterNavigation();
      // At risk first: once a row without the flag appears, no flagged row follows.
      const flags = await p.page.locator("tbody tr th").evaluateAll((ths) => ths.map((th) => th.querySelector(".ll-flag") !== null));
      expect(flags.indexOf(false) === -1 || flags.slice(flags.indexOf(false)).every((f) => !f)).toBe(true);
      // Follow the practice cell of the first row to that participant's practice records. The table's
      // links are plain links; with JavaScript the router follows them without loading a new document.
      const first = rows.first();
      const name = ((await first.locator("th a").textContent()) ?? "").trim();
      await p.page.evaluate(() => Object.assign(window, { llSameDocument: true }));
      await Promise.all([p.page.waitForURL(/\/praktijk\/\d+$/), first.getByRole("link", { name: new RegExp(`^Werken in de praktijk ${name}`) }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { name: `Praktijkuren van ${name}` }).waitFor();
      await expect(p.page.evaluate(() => (window as unknown as { llSameDocument?: boolean }).llSameDocument)).resolves.toBe(true);
    });
  });

  it("the coordinator downloads the CSV and the PDF report and both hold the cohort's figures", async () => {
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await Promise.all([
        p.page.waitForURL(/\/coordinator\/rapportage$/),
        p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Rapportage" }).click(),
      ]);
      await p.afterNavigation();
      // Other browser tests add groups of their own to this server, newer than the demo groups: with 10
      // groups a page (newest first) a demo group can be on a later page. Older pages until it is there.
      const findRow = async (name: string) => {
        const found = p.page.getByRole("row").filter({ hasText: name });
        for (let i = 0; i < 30 && (await found.count()) === 0; i++) {
          const older = p.page.getByRole("navigation", { name: "Pagina's met groepen" }).getByRole("link", { name: nl["report.older"] });
          await Promise.all([p.page.waitForURL(/pagina=\d+/), older.click()]);
          await p.afterNavigation();
        }
        return found;
      };
      const row = await findRow("Leerlijn Buurtteams 2026-1");
      await expect(row.getByRole("cell").first().textContent()).resolves.toBe("13");

      const csvHref = (await p.page.getByRole("link", { name: "CSV voor Excel: Leerlijn Buurtteams 2026-1" }).getAttribute("href"))!;
      const csv = await p.page.request.get(csvHref);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const body = (await csv.body()).toString("utf8");
      expect(body.charCodeAt(0)).toBe(0xfeff);
      const lines = body.slice(1).trim().split(/\r?\n/);
      // For funders: aggregates only, no person.
      expect(lines[0]).toBe("Onderdeel;Aantal of uren");
      expect(lines).toContain("Deelnemers;13");
      // One of them came back from an earlier group: counted as "< 5", with the hours she brought.
      expect(lines).toContain("Teruggekomen uit een eerdere groep;< 5");
      expect(lines.find((l) => l.startsWith("Uren leren meegenomen uit een eerdere groep"))).toMatch(/;[1-9][\d,]*$/);
      expect(body).not.toContain("Ingrid Hofman");
      expect(body).not.toContain("Fatima El Amrani");
      expect(body).not.toContain("@leerlijn.test");

      const pdfHref = (await p.page.getByRole("link", { name: "PDF om te printen: Leerlijn Buurtteams 2026-1" }).getAttribute("href"))!;
      const pdf = await p.page.request.get(pdfHref);
      expect(pdf.status()).toBe(200);
      const file = path.join(os.tmpdir(), `rapportage-e2e-${process.pid}.pdf`);
      fs.writeFileSync(file, await pdf.body());
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
      expect(text).toContain("Rapportage Leerlijn Buurtteams 2026-1");
      expect(text).toContain("Deelnemers: 13");
      expect(text).toContain("Teruggekomen uit een eerdere groep: < 5");
      expect(text).not.toContain("Sevda Yılmaz");

      // The page opens on the current year; "Alle jaren" shows every cohort, the chosen year marked.
      const years = p.page.getByRole("navigation", { name: "Kies een jaar" });
      await expect(
        years
          .getByRole("link", { name: new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric" }).format(currentTime()) })
          .getAttribute("aria-current"),
      ).resolves.toBe("page");
      await Promise.all([p.page.waitForURL(/\?jaar=alle$/), years.getByRole("link", { name: "Alle jaren" }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("table", { name: "Cijfers per groep, alle jaren" }).waitFor();
      await expect(years.getByRole("link", { name: "Alle jaren" }).getAttribute("aria-current")).resolves.toBe("page");
      await expect((await findRow("Leerlijn Buurtteams 2025-2")).count()).resolves.toBe(1);
      expect(p.page.url()).toMatch(/jaar=alle/);
    });
  });
});
