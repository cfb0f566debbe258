import type { Browser } from "playwright-core";
import { mailPreferences, unsubscribeToken } from "../../app/services/mail-preferences.server";
import { makePerson, withServerDb, type Person } from "./factories";
import { baseUrl, launchBrowser, withCheckedPage, type CheckedPage } from "./support";

/**
 * Issue 28, point 3 in a real browser: the participant turns reminders off on /account and on
 * again, with and without JavaScript, and the choice is still there after a reload; a trainer
 * gets the box for the weekly overview; the unsubscribe link's page asks before it changes
 * anything, and a mail client's one-click POST from another site works without a cookie. People
 * of this file's own, so no other browser test meets their choices.
 */
jest.setTimeout(240_000);

let browser: Browser;
let participant: Person;
let noScript: Person;
let trainer: Person;

beforeAll(async () => {
  browser = await launchBrowser();
  await withServerDb(async (db) => {
    participant = await makePerson(db, "participant");
    noScript = await makePerson(db, "participant");
    trainer = await makePerson(db, "trainer");
  });
});
afterAll(async () => {
  await browser?.close();
});

const REMINDERS = /^Herinneringen:/;

async function saveChoice(p: CheckedPage) {
  await Promise.all([
    p.page.waitForURL((url) => url.pathname === "/account" && url.searchParams.get("klaar") === "email"),
    p.page.getByRole("button", { name: "Keuze opslaan" }).click(),
  ]);
  await p.afterNavigation();
  await expect(p.page.getByText("Je keuze voor e-mail is opgeslagen.").count()).resolves.toBe(1);
}

async function storedChoice(person: Person) {
  return withServerDb((db) => mailPreferences(db, person.id));
}

/** Turns reminders off and on again on /account; after each save and a fresh load the box shows the choice. */
async function offAndOnAgain(p: CheckedPage, person: Person) {
  await p.login(person.email, person.password);
  await p.visit("/account");
  const section = p.page.getByRole("region", { name: "E-mail die je krijgt" });
  await expect(section.getByText("Berichten over je account krijg je altijd.", { exact: false }).count()).resolves.toBe(1);
  // A participant's boxes: their own work, their rooster, reminders; not the trainers' weekly overview.
  await expect(section.getByRole("checkbox").count()).resolves.toBe(3);
  await expect(section.getByRole("checkbox", { name: /^Elke week/ }).count()).resolves.toBe(0);
  const reminders = section.getByRole("checkbox", { name: REMINDERS });
  await expect(reminders.isChecked()).resolves.toBe(true);

  await reminders.uncheck();
  await saveChoice(p);
  await p.visit("/account");
  await expect(p.page.getByRole("checkbox", { name: REMINDERS }).isChecked()).resolves.toBe(false);
  await expect(p.page.getByRole("checkbox", { name: /^Je rooster:/ }).isChecked()).resolves.toBe(true);
  expect(await storedChoice(person)).toMatchObject({ reminders: false, schedule: true, updates: true });

  await p.page.getByRole("checkbox", { name: REMINDERS }).check();
  await saveChoice(p);
  await p.visit("/account");
  await expect(p.page.getByRole("checkbox", { name: REMINDERS }).isChecked()).resolves.toBe(true);
  expect(await storedChoice(person)).toMatchObject({ reminders: true, schedule: true, updates: true });
}

describe("E-mail die je krijgt, on /account", () => {
  it("the participant turns reminders off and on again; the choice stays after a reload", async () => {
    await withCheckedPage(browser, (p) => offAndOnAgain(p, participant));
  });

  it("works without JavaScript: plain form posts", async () => {
    await withCheckedPage(browser, (p) => offAndOnAgain(p, noScript), { javaScriptEnabled: false });
  });

  it("a trainer chooses between changed meetings and the weekly overview", async () => {
    await withCheckedPage(browser, async (p) => {
      await p.login(trainer.email, trainer.password);
      await p.visit("/account");
      const section = p.page.getByRole("region", { name: "E-mail die je krijgt" });
      await expect(section.getByRole("checkbox").count()).resolves.toBe(2);
      await section.getByRole("checkbox", { name: /^Elke week/ }).uncheck();
      await saveChoice(p);
      expect(await storedChoice(trainer)).toMatchObject({ digest: false, schedule: true });
    });
  });
});

describe("the unsubscribe link", () => {
  it("opening it changes nothing; the button turns the e-mail off, without signing in", async () => {
    const token = await withServerDb((db) => unsubscribeToken(db, participant.id, "updates"));
    await withCheckedPage(browser, async (p) => {
      await p.visit(`/afmelden/${token}`);
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("E-mail uitzetten");
      await expect(p.page.getByTestId("unsubscribe-category").textContent()).resolves.toMatch(/^Je eigen werk/);
      expect((await storedChoice(participant)).updates).toBe(true);
      await p.page.getByRole("button", { name: "Zet deze e-mail uit" }).click();
      await p.page.getByText("Klaar. Je krijgt deze e-mail niet meer.").waitFor();
      await p.afterNavigation();
      expect((await storedChoice(participant)).updates).toBe(false);
      await expect(p.page.getByRole("link", { name: "Naar je accountpagina" }).getAttribute("href")).resolves.toBe("/account");
      // Opened again: it says so, with no button.
      await p.visit(`/afmelden/${token}`);
      await expect(p.page.getByText("Deze e-mail staat al uit.", { exact: false }).count()).resolves.toBe(1);
      await expect(p.page.getByRole("button", { name: "Zet deze e-mail uit" }).count()).resolves.toBe(0);
    });
  });

  it("a mail client's one-click POST from another site turns it off (200); a made-up key is a 404", async () => {
    const token = await withServerDb((db) => unsubscribeToken(db, trainer.id, "schedule"));
    const res = await fetch(`${baseUrl()}/afmelden/${token}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.com" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect((await storedChoice(trainer)).schedule).toBe(false);

    const made = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const forged = await fetch(`${baseUrl()}/afmelden/${made}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(forged.status).toBe(404);
    expect((await fetch(`${baseUrl()}/afmelden/${made}`, { redirect: "manual" })).status).toBe(404);
    // Other pages keep the same-site check.
    const elsewhere = await fetch(`${baseUrl()}/taal`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.com" },
      body: "lang=en",
    });
    expect(elsewhere.status).toBe(403);
  });
});
