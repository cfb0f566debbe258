import type { Browser, Page } from "playwright-core";
import { createDb } from "../../db/connect";
import { savePoolProfile } from "../../app/services/pool.server";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { makeFinishedGroup } from "./factories";
import { readServerInfo } from "./server-info";
import { launchBrowser, withCheckedPage } from "./support";

jest.setTimeout(240_000);

/**
 * Issue 31, point 3, in the browser: a buurtteam-coördinator posts a request, sees a suggested pool
 * member with why (no name, no contact), invites them; the member accepts on a 390 × 844 screen; only
 * then the team sees name and contact details. The team, its coördinator and two certified pool
 * members are this file's own (Weesp, Tigrinya: no demo member matches), so no other test changes
 * what is suggested. Dates are fixed; the app's clock is LEERLIJN_NOW. Every page is scanned with axe.
 */
let browser: Browser;
const stamp = Date.now();
const teamName = `Buurtteam Weesp ${stamp}`;
const member = { email: "", name: `Selam Tesfay ${stamp}`, phone: "06 21 43 65 87", contactEmail: `selam.${stamp}@voorbeeld.test` };
const experience = `Ik kwam alleen naar Nederland en weet hoe eenzaam dat is (${stamp}).`;
let coordinatorEmail = "";

beforeAll(async () => {
  browser = await launchBrowser();
  const db = createDb(readServerInfo().dbFile);
  try {
    const team = await db
      .insertInto("buurtteams")
      .values({ name: teamName, stadsdeel: "weesp", created_at: "2026-11-01T09:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const coordinator = await makeUser(db, { role: "team_coordinator", name: `Robin Teamleider ${stamp}` });
    coordinatorEmail = coordinator.email;
    await db.insertInto("team_coordinators").values({ user_id: coordinator.id, buurtteam_id: team.id }).execute();
    // Certified the way the demo certifies (a finished group: interview held, certificate issued),
    // so the shared database holds only real certificates.
    const certifiedPerson = async (name: string) => {
      const group = await makeFinishedGroup(db);
      await db.updateTable("users").set({ name }).where("id", "=", group.certified.id).execute();
      return { id: group.certified.id, role: "participant" as const, email: group.certified.email };
    };
    const selam = await certifiedPerson(member.name);
    member.email = selam.email;
    await savePoolProfile(db, selam, {
      experience,
      themes: ["eenzaamheid", "migratie"],
      languages: ["nl", "ti"],
      stadsdelen: ["weesp"],
      hoursPerWeek: 6,
      availableFrom: null,
      availableUntil: null,
      contactPhone: member.phone,
      contactEmail: member.contactEmail,
      consent: "ja",
    });
    // A second member who fits too (without the theme): suggested after Selam.
    const other = await certifiedPerson(`Tweede Lid ${stamp}`);
    await savePoolProfile(db, other, {
      experience: `Ik help graag met formulieren (${stamp}).`,
      themes: [],
      languages: ["ti"],
      stadsdelen: ["weesp"],
      hoursPerWeek: 10,
      availableFrom: "2026-12-01",
      availableUntil: null,
      contactPhone: null,
      contactEmail: `tweede.${stamp}@voorbeeld.test`,
      consent: "ja",
    });
  } finally {
    await db.destroy();
  }
});
afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function fitsTheScreen(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

async function noContactShown(page: Page) {
  const text = await page.content();
  for (const secret of [member.name, member.phone, member.contactEmail, member.email])
    expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
}

describe("requests from buurtteams", () => {
  it("a buurtteam-coördinator asks, invites a suggested member; the member accepts on a phone; only then the team sees the contact details", async () => {
    await withCheckedPage(browser, async (team) => {
      const { page } = team;
      await team.login(coordinatorEmail, FACTORY_PASSWORD);
      expect(new URL(page.url()).pathname).toBe("/buurtteam");
      await page.getByText(`Je buurtteam: ${teamName}`).waitFor();
      await Promise.all([page.waitForURL(/\/buurtteam\/vragen\/nieuw$/), page.getByRole("link", { name: "Nieuwe vraag stellen" }).click()]);
      await team.afterNavigation();

      // The request: Weesp is the team's stadsdeel, already chosen.
      await expect(page.getByLabel("In welk stadsdeel?").inputValue()).resolves.toBe("weesp");
      await page.getByLabel("Vanuit welke ervaring moet iemand werken?").selectOption("eenzaamheid");
      await page
        .getByLabel("Wat is de vraag?")
        .fill("Een oudere bewoner spreekt vooral Tigrinya en komt de deur niet meer uit. Wie wil een paar maanden mee op bezoek?");
      await page.getByLabel("In welke taal?").selectOption("ti");
      await page.getByLabel("Van", { exact: true }).fill("2027-01-04");
      await page.getByLabel("Tot en met", { exact: true }).fill("2027-03-28");
      await page.getByLabel("Hoeveel uur per week?").fill("4");
      await Promise.all([page.waitForURL(/\/buurtteam\/vragen\/\d+\?nieuw=1$/), page.getByRole("button", { name: "Vraag plaatsen" }).click()]);
      await team.afterNavigation();
      await page.getByText("Je vraag staat klaar. Hieronder zie je wie past.").waitFor();
      const requestPath = new URL(page.url()).pathname;

      // Suggested, with why, as "Poollid 1": what Selam chose to show, no name, no contact.
      const card = page.locator("article[data-suggestion]").filter({ hasText: experience });
      await expect(card.count()).resolves.toBe(1);
      await expect(card.getByRole("heading").innerText()).resolves.toBe("Poollid 1");
      const why = await card.locator("li[data-criterion]").allInnerTexts();
      expect(why.map((w) => w.replace(/^[✓✗]\s*/, "").replace(/^Past( niet)?:\s*/, ""))).toEqual([
        "Werkt in Weesp",
        "Spreekt Tigrinya",
        "Beschikbaar in deze periode",
        "6 uur per week (gevraagd: 4)",
        "Thema gekozen: Eenzaamheid",
      ]);
      const second = page.locator("article[data-suggestion]").filter({ hasText: `Ik help graag met formulieren (${stamp})` });
      await expect(second.locator('li[data-criterion="theme"]').innerText()).resolves.toContain("Thema niet gekozen");
      await noContactShown(page);

      // Inviting without a choice: refused in the browser.
      await page.getByRole("button", { name: "Uitnodigen" }).click();
      await page.getByText("Kies minstens één poollid.").first().waitFor();
      await team.checkErrorsLinked();
      await card.getByLabel("Poollid 1 uitnodigen").check();
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Uitnodigen" }).click()]);
      await page.getByText("1 poollid heeft een bericht gekregen.").waitFor();
      await team.afterNavigation();
      const invited = page.locator("article[data-invitation]");
      await expect(invited.count()).resolves.toBe(1);
      await expect(invited.getAttribute("data-status")).resolves.toBe("invited");
      await invited.getByText("Wacht op antwoord").waitFor();
      await noContactShown(page);

      // The member, on a phone: a waiting request on her pool page, then yes.
      await withCheckedPage(
        browser,
        async (m) => {
          const phone = m.page;
          await m.login(member.email, FACTORY_PASSWORD);
          await m.visit("/deelnemer/pool");
          await fitsTheScreen(phone);
          await phone.getByText("1 vraag wacht op je antwoord.").waitFor();
          await Promise.all([phone.waitForURL(/\/deelnemer\/vragen$/), phone.getByRole("link", { name: "Vragen van buurtteams" }).click()]);
          await m.afterNavigation();
          await fitsTheScreen(phone);
          const mine = phone.locator("section[data-invitation]");
          await mine.getByRole("heading", { name: `${teamName}: Eenzaamheid` }).waitFor();
          await mine.getByText("Taal: Tigrinya").waitFor();
          await mine.getByText("Wacht op jouw antwoord").waitFor();
          await Promise.all([phone.waitForResponse((r) => r.request().method() === "POST"), mine.getByRole("button", { name: "Ja, ik doe mee" }).click()]);
          await phone.getByText("Je hebt ja gezegd. Het buurtteam ziet nu je naam en je contactgegevens.", { exact: false }).waitFor();
          await m.afterNavigation();
          await fitsTheScreen(phone);
          await mine.getByTestId("accepted-note").waitFor();
          await expect(mine.getByRole("button", { name: "Ja, ik doe mee" }).count()).resolves.toBe(0);
        },
        { viewport: PHONE },
      );

      // Only now the team sees her name and how to reach her.
      await team.visit(requestPath);
      await expect(invited.getAttribute("data-status")).resolves.toBe("accepted");
      const contact = invited.getByTestId("contact");
      await contact.getByText(`Naam: ${member.name}`).waitFor();
      await contact.getByText(`Telefoon: ${member.phone}`).waitFor();
      await contact.getByText(`E-mail: ${member.contactEmail}`).waitFor();
      // Not suggested again; her home counts the answer.
      await expect(page.locator("article[data-suggestion]").filter({ hasText: experience }).count()).resolves.toBe(0);
      await team.visit("/buurtteam");
      await page.getByText("Uitgenodigd: 1 · ja gezegd: 1").waitFor();
    });
  });
});
