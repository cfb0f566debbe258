import type { Browser } from "playwright-core";
import { type CheckedPage, launchBrowser, withCheckedPage } from "./support";
import { currentTimeMs } from "../../app/clock.server";
import { daysFromToday } from "../support/clock";
import { makeGroup, makeMeeting, type Group, type Person, withServerDb } from "./factories";

/**
 * A group of its own (factories.ts): a trainer, a participant, and a lesson three days ago with an
 * oefenopdracht still open to hand in.
 */
let browser: Browser;
let group: Group;
let priya: Person;
beforeAll(async () => {
  browser = await launchBrowser();
  group = await withServerDb(async (db) => {
    const g = await makeGroup(db, { participants: ["Priya"] });
    await makeMeeting(db, g, {
      title: "Methodisch werken",
      date: daysFromToday(-3),
      assignment: "Beschrijf een gesprek waarin je de bewoner eerst zelf liet vertellen.",
      assignmentDue: daysFromToday(7),
    });
    return g;
  });
  priya = group.participants[0];
});
afterAll(async () => {
  await browser?.close();
});

const withPage = (fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof withCheckedPage>[2]) => withCheckedPage(browser, fn, opts);

const answer = `Ik liet de bewoner eerst zelf vertellen en vroeg daarna door. ${currentTimeMs()}`;
const feedback = "Mooi voorbeeld. Let op dat je je eigen verhaal kort houdt.";

describe("A participant hands in an oefenopdracht and the trainer marks it done", () => {
  /** e.g. "Methodisch werken (3 november 2026)": the link text of the assignment, on every page. */
  let linkText = "";
  let assignmentPath = "";
  let overviewPath = "";

  it("the participant opens an open oefenopdracht from the home page and hands in an answer", async () => {
    await withPage(async (p) => {
      await p.login(priya.email, priya.password);
      const section = p.page.getByRole("region", { name: "Oefenopdrachten" });
      await section.getByText(/Nog in te leveren: \d+\./).waitFor();
      const first = section.getByRole("listitem").first().getByRole("link");
      linkText = (await first.textContent()) ?? "";
      expect(linkText).toMatch(/\(\d{1,2} \w+ \d{4}\)$/);
      await Promise.all([p.page.waitForURL(/\/deelnemer\/opdrachten\/\d+$/), first.click()]);
      await p.afterNavigation();
      assignmentPath = new URL(p.page.url()).pathname;
      await p.page.getByRole("heading", { level: 1, name: `Oefenopdracht: ${linkText}` }).waitFor();
      await p.page.getByText("Schrijf niets op waaraan iemand een bewoner of cliënt kan herkennen", { exact: false }).waitFor();

      // Empty: a clear Dutch message, nothing handed in.
      await p.page.getByRole("button", { name: "Inleveren" }).click();
      await p.page.getByText("Schrijf je antwoord.").first().waitFor();

      await p.page.getByLabel("Je antwoord").fill(answer);
      await p.page.getByRole("button", { name: "Inleveren" }).click();
      await p.page.getByText("Je antwoord is ingeleverd. Je trainer leest het.").waitFor();
      await p.afterNavigation();
      await p.page.getByText(/^Ingeleverd op /).waitFor();
      await expect(p.page.getByRole("button", { name: "Antwoord bijwerken" }).count()).resolves.toBe(1);

      // The list: no longer among the ones to hand in, but under "Ingeleverd".
      const nav = p.page.getByRole("navigation", { name: "Hoofdmenu" });
      await Promise.all([p.page.waitForURL(/\/deelnemer\/opdrachten$/), nav.getByRole("link", { name: "Opdrachten" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("region", { name: "Nog inleveren" }).getByRole("link", { name: linkText }).count()).resolves.toBe(0);
      await expect(p.page.getByRole("region", { name: "Ingeleverd" }).getByRole("link", { name: linkText }).count()).resolves.toBe(1);
    });
  });

  it("the trainer reads the answers of that meeting, gives feedback and marks it done (without JavaScript)", async () => {
    await withPage(
      async (p) => {
        await p.login(group.trainer.email, group.trainer.password);
        await Promise.all([p.page.waitForURL(/\/trainer\/cohorten\/\d+$/), p.page.getByRole("link", { name: group.name }).click()]);
        await p.afterNavigation();
        await Promise.all([p.page.waitForURL(/\/opdrachten$/), p.page.getByRole("link", { name: "Oefenopdrachten" }).click()]);
        await p.afterNavigation();
        await p.page.getByRole("heading", { level: 1, name: `Oefenopdrachten van ${group.name}` }).waitFor();
        overviewPath = new URL(p.page.url()).pathname;
        const perMeeting = p.page.getByRole("region", { name: "Per bijeenkomst" });
        await Promise.all([p.page.waitForURL(/\/bijeenkomsten\/\d+\/opdracht$/), perMeeting.getByRole("link", { name: linkText }).click()]);
        await p.afterNavigation();

        const card = p.page.getByRole("article", { name: `${priya.name} · Ingeleverd` });
        await card.getByText(answer).waitFor();
        // Bad input: feedback that is too long is refused with a clear message, nothing is saved.
        await card.getByLabel(`Feedback aan ${priya.name}`).fill("x".repeat(1001));
        await card.getByRole("button", { name: `Feedback opslaan: ${priya.name}` }).click();
        await p.page.getByText("De feedback is te lang. Hij mag hoogstens 1000 tekens hebben.").first().waitFor();
        await p.afterNavigation();
        await expect(p.page.getByRole("article", { name: `${priya.name} · Ingeleverd` }).count()).resolves.toBe(1);

        await p.page.getByLabel(`Feedback aan ${priya.name}`).fill(feedback);
        await p.page.getByRole("button", { name: `Klaar: ${priya.name}` }).click();
        const done = p.page.getByRole("article", { name: `${priya.name} · Klaar` });
        await done.getByText("De opdracht is klaar.").waitFor();
        await p.afterNavigation();
        await done.getByText(feedback).waitFor();
        await done.getByText(new RegExp(`^Feedback van ${group.trainer.name}, .*Klaar gezet door ${group.trainer.name} op `)).waitFor();
      },
      { javaScriptEnabled: false },
    );
  });

  it("the participant then sees it as done, with the feedback, and can no longer change it", async () => {
    await withPage(async (p) => {
      await p.login(priya.email, priya.password);
      await p.visit("/deelnemer/opdrachten");
      const done = p.page.getByRole("region", { name: "Klaar" });
      await Promise.all([p.page.waitForURL((u) => u.pathname === assignmentPath), done.getByRole("link", { name: linkText }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { name: "Feedback" }).waitFor();
      await p.page.getByText(feedback).waitFor();
      await p.page.getByText(new RegExp(`^${group.trainer.name} heeft deze opdracht afgerond op `)).waitFor();
      await p.page.getByText(answer).waitFor();
      await expect(p.page.getByLabel("Je antwoord").count()).resolves.toBe(0);
    });
  });

  it("another participant or a trainer of another cohort cannot open these pages", async () => {
    await withPage(async (p) => {
      await p.login("deelnemer13@leerlijn.test");
      expect((await p.visit(assignmentPath))?.status()).toBe(404);
    });
    await withPage(async (p) => {
      await p.login("trainer2@leerlijn.test");
      expect((await p.visit(overviewPath))?.status()).toBe(404);
    });
  });
});
