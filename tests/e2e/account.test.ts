import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { base32Decode, hotp, totpStep } from "../../app/rules/totp";
import { readServerInfo } from "./server-info";
import { baseUrl, CheckedPage, launchBrowser, sessionSetCookie } from "./support";
import { currentTimeMs } from "../../app/clock.server";
import { E2E_PASSWORD, makeGroup, makePerson, type Person, withServerDb } from "./factories";

/**
 * The account page in a real browser: two sessions of one person, ending one from the other,
 * changing the password (which signs the other session out), and the calm message after an idle
 * sign-out. The people are this file's own (factories.ts): a participant in a group of her own, an
 * examiner for the honeypot and one who turns on the second factor.
 */
// Many pages, each scanned by axe, and scrypt on a shared machine.
jest.setTimeout(240_000);

let person: Person;
let honeypotExaminer: Person;
let totpExaminer: Person;
const NEW_PASSWORD = "zomer op het ijsselmeer met een bootje";

let browser: Browser;
let db: Database.Database;

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
  await withServerDb(async (kdb) => {
    person = (await makeGroup(kdb, { participants: 1 })).participants[0];
    honeypotExaminer = await makePerson(kdb, "examiner");
    totpExaminer = await makePerson(kdb, "examiner", "Tessa Tweestap");
  });
});
afterAll(async () => {
  db?.close();
  await browser?.close();
});

async function signedOut(p: CheckedPage): Promise<boolean> {
  await p.visit("/account");
  return new URL(p.page.url()).pathname === "/login";
}

describe("Mijn account", () => {
  it("lists both sessions, ends the other one, and a password change signs out the other device", async () => {
    const laptop = await CheckedPage.open(browser);
    const phone = await CheckedPage.open(browser);
    try {
      await laptop.login(person.email, person.password);
      await phone.login(person.email, person.password);

      // The link is in the menu; the page shows both sessions, this one marked.
      const nav = laptop.page.getByRole("navigation", { name: "Hoofdmenu" });
      await Promise.all([laptop.page.waitForURL("**/account"), nav.getByRole("link", { name: "Mijn account" }).click()]);
      await laptop.afterNavigation();
      await expect(laptop.page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Mijn account");
      const rows = laptop.page.getByRole("table").getByRole("row");
      await expect(rows.count()).resolves.toBe(3); // header + two sessions
      await expect(laptop.page.getByTestId("session-current").textContent()).resolves.toContain("dit apparaat");
      await expect(laptop.page.getByTestId("session-current").textContent()).resolves.toContain("Chrome · Linux");
      await expect(laptop.page.getByTestId("session-other").count()).resolves.toBe(1);
      // The page never shows a token hash (64 hex characters).
      expect(await laptop.page.content()).not.toMatch(/[0-9a-f]{64}/);

      // End the phone's session from the laptop.
      await Promise.all([laptop.page.waitForURL("**/account?klaar=apparaat"), laptop.page.getByRole("button", { name: /^Uitloggen op dit apparaat/ }).click()]);
      await laptop.afterNavigation();
      await expect(laptop.page.getByRole("status").first().textContent()).resolves.toContain("Je bent op dat apparaat uitgelogd.");
      await expect(laptop.page.getByTestId("session-other").count()).resolves.toBe(0);
      await expect(laptop.page.getByText("Je bent nergens anders ingelogd.").count()).resolves.toBe(1);
      expect(await signedOut(phone)).toBe(true);

      // The phone signs in again; a wrong current password changes nothing.
      await phone.login(person.email, person.password);
      await laptop.visit("/account");
      await expect(laptop.page.getByTestId("session-other").count()).resolves.toBe(1);
      await laptop.page.getByLabel("Huidig wachtwoord", { exact: true }).fill("niet-mijn-wachtwoord");
      await laptop.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await laptop.page.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await laptop.page.getByRole("button", { name: "Wachtwoord veranderen" }).click();
      await laptop.page.getByText("Je huidige wachtwoord klopt niet.").waitFor();
      await laptop.afterNavigation();
      // A common password is refused with a clear message.
      await laptop.page.getByLabel("Huidig wachtwoord", { exact: true }).fill(E2E_PASSWORD);
      await laptop.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("welkom123456");
      await laptop.page.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill("welkom123456");
      await laptop.page.getByRole("button", { name: "Wachtwoord veranderen" }).click();
      await laptop.page.getByText("Dit wachtwoord lijkt te veel op een wachtwoord dat veel mensen gebruiken", { exact: false }).waitFor();
      await laptop.afterNavigation();
      expect(await signedOut(phone)).toBe(false);

      // Now the real change: the laptop stays signed in (with a fresh token), the phone is signed out.
      const tokenBefore = (await laptop.context.cookies()).find((c) => c.name === "leerlijn_session")?.value;
      await laptop.page.getByLabel("Huidig wachtwoord", { exact: true }).fill(E2E_PASSWORD);
      await laptop.page.getByLabel("Nieuw wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await laptop.page.getByLabel("Herhaal het nieuwe wachtwoord", { exact: true }).fill(NEW_PASSWORD);
      await Promise.all([laptop.page.waitForURL("**/account?klaar=wachtwoord"), laptop.page.getByRole("button", { name: "Wachtwoord veranderen" }).click()]);
      await laptop.afterNavigation();
      await expect(laptop.page.getByRole("status").first().textContent()).resolves.toContain("Je wachtwoord is veranderd.");
      await expect(laptop.page.getByLabel("Huidig wachtwoord", { exact: true }).inputValue()).resolves.toBe("");
      await expect(laptop.page.getByTestId("session-other").count()).resolves.toBe(0);
      expect(await signedOut(phone)).toBe(true);
      expect(await signedOut(laptop)).toBe(false);
      const tokenAfter = (await laptop.context.cookies()).find((c) => c.name === "leerlijn_session")?.value;
      expect(tokenAfter).toBeDefined();
      expect(tokenAfter).not.toBe(tokenBefore);

      // The new password works.
      await phone.login(person.email, NEW_PASSWORD);
      expect(new URL(phone.page.url()).pathname).toBe("/deelnemer");

      laptop.assertAllChecked();
      phone.assertAllChecked();
    } finally {
      await laptop.close();
      await phone.close();
    }
  });

  it("after 30 minutes away the next page is the login page, which says why calmly", async () => {
    const p = await CheckedPage.open(browser);
    try {
      await p.login(person.email, NEW_PASSWORD);
      // Let the clock run: the session was last seen 31 minutes ago.
      const cookie = (await p.context.cookies()).find((c) => c.name === "leerlijn_session");
      expect(cookie).toBeDefined();
      const ago = new Date(currentTimeMs() - 31 * 60_000).toISOString();
      const user = db.prepare("select id from users where email = ?").get(person.email) as { id: number };
      db.prepare("update auth_sessions set last_seen_at = ?, created_at = ? where user_id = ?").run(ago, ago, user.id);
      await p.visit("/deelnemer/rooster");
      const url = new URL(p.page.url());
      expect(url.pathname).toBe("/login");
      expect(url.searchParams.get("reden")).toBe("inactief");
      expect(url.searchParams.get("redirectTo")).toBe("/deelnemer/rooster");
      await expect(p.page.getByRole("status").first().textContent()).resolves.toBe(
        "Je was een tijdje niet actief. Daarom ben je uitgelogd. Log opnieuw in om verder te gaan.",
      );
      expect((await p.context.cookies()).find((c) => c.name === "leerlijn_session")).toBeUndefined();
      p.assertAllChecked();
    } finally {
      await p.close();
    }
  });
});

describe("honeypot on the sign-in form (HTTP)", () => {
  function post(fields: Record<string, string>) {
    return fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
  }

  it("has an off-screen trap field people are told to leave empty", async () => {
    const html = await (await fetch(`${baseUrl()}/login`)).text();
    const trap = /<div class="ll-honeypot" aria-hidden="true">(.*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(trap).toContain('<label for="ll-hp-website">Laat dit veld leeg</label>');
    const input = (/<input [^>]*>/.exec(trap)?.[0] ?? "").toLowerCase();
    for (const attr of ['id="ll-hp-website"', 'name="website"', 'tabindex="-1"', 'autocomplete="off"', 'value=""']) expect(input).toContain(attr);
    // Off-screen by the stylesheet, not display:none (which robots skip).
    // The page's one stylesheet (app/styles/index.css: design system, theme and app.css together),
    // inline in a first visit's page and fetched for later (docs/decisions/022).
    const css = await (await fetch(`${baseUrl()}${/<link rel="(?:stylesheet|prefetch)" href="(\/assets\/[^"]+\.css)"/.exec(html)![1]}`)).text();
    expect(css).toMatch(/\.ll-honeypot\{[^}]*position:absolute/);
  });

  it("answers a filled-in trap exactly like a wrong password, even with the right one, and logs login.honeypot", async () => {
    const email = honeypotExaminer.email;
    const counted = () => (db.prepare("select count(*) as n from rate_limit_hits where key like 'honeypot:login:%'").get() as { n: number }).n;
    const before = counted();
    const trapped = await post({ email, password: E2E_PASSWORD, website: "https://spam.example" });
    const wrong = await post({ email, password: "verkeerd-wachtwoord" });
    expect(trapped.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(sessionSetCookie(trapped)).toBeUndefined();
    const a = await trapped.text();
    const b = await wrong.text();
    expect(a).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    expect(b).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    // Counted (this address's hits are kept for an hour); the audit log has one line per address and hour.
    expect(counted()).toBe(before + 1);
    expect(
      (
        db
          .prepare("select count(*) as n from audit_log where action = 'login.honeypot' and at > ?")
          .get(new Date(currentTimeMs() - 3_600_000).toISOString()) as { n: number }
      ).n,
    ).toBeGreaterThanOrEqual(1);
    // People leave it empty and get in.
    const human = await post({ email, password: E2E_PASSWORD, website: "" });
    expect(human.status).toBe(302);
  });
});

describe("second factor for an examiner", () => {
  it("sets up TOTP on /account, then asks for the code after the password", async () => {
    // A fresh examiner of our own, so no other browser test meets the second step.
    const email = totpExaminer.email;
    const codeAt = (secret: string, stepOffset: number) => hotp(base32Decode(secret), totpStep(new Date()) + stepOffset);

    const first = await CheckedPage.open(browser);
    let secret = "";
    try {
      await first.login(email, totpExaminer.password);
      await first.visit("/account");
      await Promise.all([first.page.waitForURL("**/account"), first.page.getByRole("button", { name: "Tweestapsverificatie instellen" }).click()]);
      await first.afterNavigation();
      secret = ((await first.page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await expect(first.page.getByRole("img", { name: "QR-code om tweestapsverificatie in je app te zetten" }).count()).resolves.toBe(1);
      await expect(first.page.getByText(`otpauth://totp/`, { exact: false }).count()).resolves.toBe(1);
      await first.page.getByLabel("Code uit je app", { exact: true }).fill("000000" === codeAt(secret, 0) ? "111111" : "000000");
      await first.page.getByRole("button", { name: "Aanzetten" }).click();
      await first.page.getByText("Deze code klopt niet.", { exact: false }).waitFor();
      await first.afterNavigation();
      await first.page.getByLabel("Code uit je app", { exact: true }).fill(codeAt(secret, 0));
      // No redirect: the answer shows the ten recovery codes, this once.
      await first.page.getByRole("button", { name: "Aanzetten" }).click();
      await first.page.getByTestId("recovery-codes").waitFor();
      await first.afterNavigation();
      await expect(first.page.getByRole("status").first().textContent()).resolves.toContain("Tweestapsverificatie staat nu aan.");
      await expect(first.page.getByTestId("recovery-codes").getByRole("listitem").count()).resolves.toBe(10);
      first.assertAllChecked();
    } finally {
      await first.close();
    }

    const second = await CheckedPage.open(browser);
    try {
      await second.visit("/login");
      await second.page.getByLabel("E-mailadres").fill(email);
      await second.page.getByLabel("Wachtwoord").fill(E2E_PASSWORD);
      await Promise.all([second.page.waitForURL("**/login/code**"), second.page.getByRole("button", { name: "Inloggen" }).click()]);
      await second.afterNavigation();
      // no session yet: only the challenge cookie
      const names = (await second.context.cookies()).map((c) => c.name);
      expect(names).toContain("leerlijn_2fa");
      expect(names).not.toContain("leerlijn_session");
      // the code of the next step: the current one was used to switch it on, and a code works only once
      await second.page.getByLabel("Code", { exact: true }).fill(codeAt(secret, 1));
      await Promise.all([second.page.waitForURL("**/examinator"), second.page.getByRole("button", { name: "Verder" }).click()]);
      await second.afterNavigation();
      const after = (await second.context.cookies()).map((c) => c.name);
      expect(after).toContain("leerlijn_session");
      expect(after).not.toContain("leerlijn_2fa");
      second.assertAllChecked();
    } finally {
      await second.close();
    }
  });
});
