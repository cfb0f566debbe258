import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { readServerInfo } from "./server-info";
import { baseUrl, CheckedPage, launchBrowser } from "./support";
import { makeGroup, type Person, withServerDb } from "./factories";

/**
 * "Wachtwoord vergeten?" in a real browser (issue 28, point 3), with and without JavaScript: the
 * login page → the link → the form → the same confirmation for everyone; then the link from the
 * message (the shared test server runs without mail, so the message waits in the outbox, and the
 * link is read from its row) → a new password → the other device is signed out → signing in with
 * the new password. A used link explains itself and offers a new one. The people are this file's own.
 */
jest.setTimeout(240_000);

let browser: Browser;
let db: Database.Database;
const people: Record<"html" | "js" | "http", Person> = {} as Record<"html" | "js" | "http", Person>;
const NEW_PASSWORD = "fietsen langs de amstel bij ochtendmist";
const SENT = "Als dit adres bij ons bekend is, krijg je een e-mail met een link.";

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
  await withServerDb(async (kdb) => {
    const group = await makeGroup(kdb, { participants: 3 });
    [people.html, people.js, people.http] = group.participants as [Person, Person, Person];
  });
});
afterAll(async () => {
  db?.close();
  await browser?.close();
});

/** The path of the link in the newest reset message to `email` (held in the outbox: mail is off here). */
function resetPathFor(email: string): string | null {
  const row = db
    .prepare("select action_url, status from mail_outbox where type = 'password-reset' and recipient_email = ? order by id desc limit 1")
    .get(email) as { action_url: string | null; status: string } | undefined;
  if (!row?.action_url) return null;
  expect(row.status).toBe("held");
  return new URL(row.action_url).pathname;
}

function outboxCount(email: string): number {
  return (db.prepare("select count(*) as n from mail_outbox where recipient_email = ?").get(email) as { n: number }).n;
}

for (const javaScriptEnabled of [false, true]) {
  it(`login → Wachtwoord vergeten? → link → new password → sign in (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
    const person = javaScriptEnabled ? people.js : people.html;
    const p = await CheckedPage.open(browser, { javaScriptEnabled });
    const phone = await CheckedPage.open(browser);
    try {
      // Signed in elsewhere: that session ends when the password is reset.
      await phone.login(person.email, person.password);
      expect(new URL(phone.page.url()).pathname).toBe("/deelnemer");

      await p.visit("/login");
      await Promise.all([p.page.waitForURL("**/wachtwoord-vergeten"), p.page.getByRole("link", { name: "Wachtwoord vergeten?" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Wachtwoord vergeten");

      // An empty form is refused with a message at the field.
      await p.page.getByRole("button", { name: "Stuur mij een link" }).click();
      await p.page.getByText("Vul dit veld in.").first().waitFor();
      if (!javaScriptEnabled) await p.afterNavigation();
      await p.checkErrorsLinked();

      await p.page.getByLabel("E-mailadres").fill(person.email);
      await Promise.all([p.page.waitForURL("**/wachtwoord-vergeten?verstuurd"), p.page.getByRole("button", { name: "Stuur mij een link" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("status").first().textContent()).resolves.toContain(SENT);

      // The link from the message.
      const path = resetPathFor(person.email);
      expect(path).toMatch(/^\/nieuw-wachtwoord\/[A-Za-z0-9_-]{43}$/);
      await p.visit(path!);
      await expect(p.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Kies een nieuw wachtwoord");
      await expect(p.page.getByText(person.email, { exact: false }).count()).resolves.toBeGreaterThan(0);
      await p.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await p.page.getByLabel("Herhaal het wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await Promise.all([p.page.waitForURL("**/login?wachtwoord=nieuw"), p.page.getByRole("button", { name: "Nieuw wachtwoord opslaan" }).click()]);
      await p.afterNavigation();
      await expect(p.page.getByRole("status").first().textContent()).resolves.toContain("Je nieuwe wachtwoord is opgeslagen.");

      // The other device is signed out.
      await phone.visit("/account");
      expect(new URL(phone.page.url()).pathname).toBe("/login");

      // The new password signs in; the old one no longer.
      await p.login(person.email, NEW_PASSWORD);
      expect(new URL(p.page.url()).pathname).toBe("/deelnemer");

      // The link works once: now it explains itself, with a way to ask again.
      const used = await p.visit(path!);
      expect(used?.status()).toBe(410);
      await expect(p.page.getByRole("status").first().textContent()).resolves.toContain("Deze link is al gebruikt.");
      await expect(p.page.getByRole("link", { name: "Een nieuwe link vragen" }).getAttribute("href")).resolves.toBe("/wachtwoord-vergeten");
      await expect(p.page.getByLabel("Nieuw wachtwoord", { exact: true }).count()).resolves.toBe(0);

      p.assertAllChecked();
      phone.assertAllChecked();
    } finally {
      await p.close();
      await phone.close();
    }
    // The old password is refused over HTTP too.
    const old = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: new URLSearchParams({ email: person.email, password: person.password }).toString(),
      redirect: "manual",
    });
    expect(old.status).toBe(401);
  });
}

describe("the same answer for every address (HTTP)", () => {
  function ask(email: string) {
    return fetch(`${baseUrl()}/wachtwoord-vergeten`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: new URLSearchParams({ email, website: "" }).toString(),
      redirect: "manual",
    });
  }

  it("answers a known and an unknown address alike, and only the known one gets a message", async () => {
    const unknownEmail = `onbekend-${people.http.id}@e2e.leerlijn.test`;
    const known = await ask(people.http.email);
    const unknown = await ask(unknownEmail);
    expect([known.status, unknown.status]).toEqual([302, 302]);
    expect(known.headers.get("location")).toBe("/wachtwoord-vergeten?verstuurd");
    expect(unknown.headers.get("location")).toBe(known.headers.get("location"));
    expect(known.headers.get("set-cookie")).toBeNull();
    expect(unknown.headers.get("set-cookie")).toBeNull();
    expect(await known.text()).toBe(await unknown.text());
    expect(outboxCount(unknownEmail)).toBe(0);
    expect(outboxCount(people.http.email)).toBe(1);
  });
});
