import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { TODAY } from "../support/clock";
import { makeFinishedGroup, type Person, withServerDb } from "./factories";

/**
 * A finished group of its own (factories.ts): its participant who is ready for the final interview,
 * planned in three days with the two demo examiners as assessors, is judged, certified and revoked
 * here. The demo's finished group stays as it is.
 */
jest.setTimeout(180_000);
let browser: Browser;
let ready: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  ready = (await withServerDb((db) => makeFinishedGroup(db))).ready;
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

async function openInterview(p: CheckedPage, name: string) {
  await Promise.all([
    p.page.waitForURL(/\/eindgesprekken\/\d+$/),
    p.page
      .getByRole("link", { name: `Eindgesprek ${name}` })
      .first()
      .click(),
  ]);
  await p.afterNavigation();
}

describe("the final interview and the certificate", () => {
  let interviewPath = "";
  let verifyPath = "";

  it("signing opens on the planned day; the coordinator records that the interview is held today", async () => {
    await withPage(async (p) => {
      await p.login("examinator@leerlijn.test");
      await openInterview(p, ready.name);
      interviewPath = new URL(p.page.url()).pathname;
      // Planned in three days: no signing yet, and the page says from when.
      await p.page.getByText(/^Tekenen kan vanaf /).waitFor();
      await expect(p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).count()).resolves.toBe(0);
    });
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await p.visit(interviewPath);
      await p.page.getByLabel("Datum", { exact: true }).fill(TODAY);
      await p.page.getByRole("button", { name: "Datum, tijd en plaats opslaan" }).click();
      await p.page.getByText("De nieuwe datum, tijd en plaats zijn opgeslagen.").waitFor();
      await p.afterNavigation();
    });
  });

  it("the examiner judges every criterion and signs; signing is refused while something is missing", async () => {
    await withPage(async (p) => {
      await p.login("examinator@leerlijn.test");
      await openInterview(p, ready.name);
      await p.page.getByRole("heading", { name: "Dossier" }).waitFor();
      // Sign too early: the missing items are listed, nothing is final.
      await p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).click();
      await p.page.getByText("Ondertekenen kan nog niet. Dit ontbreekt nog:").waitFor();
      await p.afterNavigation();
      const yes = p.page.getByLabel("Aangetoond", { exact: true });
      for (let i = 0; i < (await yes.count()); i++) await yes.nth(i).check();
      const why = p.page.getByLabel("Waar blijkt dat uit?");
      for (let i = 0; i < (await why.count()); i++) await why.nth(i).fill("Gaf een eigen voorbeeld uit het buurtteam (STARR).");
      const judgements = p.page.getByLabel(/^Oordeel over /);
      for (let i = 0; i < (await judgements.count()); i++) await judgements.nth(i).selectOption("voldoende");
      await p.page.getByLabel("Uitslag").selectOption("geslaagd");
      await p.page.getByLabel("Motivatie").fill("Alle criteria zijn aangetoond met voorbeelden uit de eigen praktijk.");
      await p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).click();
      await p.page.getByText("Je hebt ondertekend. De andere beoordelaar moet nog tekenen.").waitFor();
      await p.afterNavigation();
    });
  });

  it("the second assessor signs with their own account; the judgement is then final and the certificate issued", async () => {
    await withPage(async (p) => {
      await p.login("examinator2@leerlijn.test");
      await p.visit(interviewPath);
      await p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).click();
      await p.page.getByText("Iedereen heeft getekend. De beoordeling is afgerond en ligt vast.").waitFor();
      await p.afterNavigation();
      await expect(p.page.getByRole("button", { name: "Opslaan en ondertekenen" }).count()).resolves.toBe(0);
      await Promise.all([p.page.waitForURL(/uitgegeven=1$/), p.page.getByRole("button", { name: "Certificaat uitgeven" }).click()]);
      await p.afterNavigation();
      await p.page.getByText(/Certificaat LLB-\d{4}-\d{4} is uitgegeven\./).waitFor();
      const href = (await p.page.getByRole("link", { name: "Download het certificaat (PDF)" }).getAttribute("href"))!;
      const pdf = await p.page.request.get(href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const file = path.join(os.tmpdir(), `cert-e2e-${process.pid}.pdf`);
      fs.writeFileSync(file, await pdf.body());
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");
      expect(text).toContain(ready.name);
      const m = /\/verify\/([A-Za-z0-9_-]{24})/.exec(text);
      expect(m).not.toBeNull();
      verifyPath = `/verify/${m![1]}`;
    });
  });

  it("anyone can verify it without an account: geldig, and after the coordinator revokes it: ingetrokken", async () => {
    await withPage(async (p) => {
      await p.visit(verifyPath);
      await p.page.getByText("Geldig.", { exact: true }).waitFor();
      await expect(p.page.getByText(ready.name).count()).resolves.toBeGreaterThan(0);
      await expect(p.page.getByTestId("fingerprint").textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    });
    await withPage(async (p) => {
      await p.login("coordinator@leerlijn.test");
      await Promise.all([
        p.page.waitForURL(/\/coordinator\/certificaten$/),
        p.page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Certificaten" }).click(),
      ]);
      await p.afterNavigation();
      const row = p.page.getByRole("row").filter({ hasText: ready.name }).filter({ hasText: "Geldig" });
      await row.getByLabel(/^Reden/).fill("Uitgegeven onder een verkeerde naam.");
      await row.getByLabel(/^Ik weet zeker dat ik certificaat .* wil intrekken\./).check();
      await row.getByRole("button", { name: "Intrekken" }).click();
      await p.page.getByText("Het certificaat is ingetrokken.", { exact: false }).waitFor();
      await p.afterNavigation();
    });
    await withPage(async (p) => {
      await p.visit(verifyPath);
      await p.page.getByText("Ingetrokken.", { exact: true }).waitFor();
    });
  });

  it("an unknown code says so and shows nothing else", async () => {
    await withPage(async (p) => {
      const res = await p.visit("/verify/DitIsGeenEchteCodeMaarWelLang");
      expect(res?.status()).toBe(404);
      await p.page.getByText("Deze code is onbekend.", { exact: false }).waitFor();
      const api = await p.page.request.get("/api/verify/DitIsGeenEchteCodeMaarWelLang");
      expect(api.status()).toBe(404);
      expect(await api.json()).toEqual({ found: false });
    });
  });
});
