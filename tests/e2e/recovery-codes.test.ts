import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { base32Decode, hotp, totpStep } from "../../app/rules/totp";
import { currentTime, currentTimeMs } from "../../app/clock.server";
import { readServerInfo } from "./server-info";
import { CheckedPage, DEMO_PASSWORD, launchBrowser } from "./support";

/**
 * Issue 24, point 12 in a real browser: a trainer turns on the second factor, writes down the ten
 * recovery codes shown once, loses the phone and signs in with a recovery code instead of a code
 * from the app; the same code does not work a second time. A trainer of our own, so no other
 * browser test meets the second step.
 */
jest.setTimeout(240_000);

let browser: Browser;
let db: Database.Database;

beforeAll(async () => {
  browser = await launchBrowser();
  db = new Database(readServerInfo().dbFile);
  db.pragma("busy_timeout = 5000");
});
afterAll(async () => {
  db?.close();
  await browser?.close();
});

/** The authenticator app: TOTP runs on the real time, like the app on a phone. */
const codeAt = (secret: string, stepOffset: number) => hotp(base32Decode(secret), totpStep(new Date()) + stepOffset);

async function passwordStep(p: CheckedPage, email: string) {
  await p.visit("/login");
  await p.page.getByLabel("E-mailadres").fill(email);
  await p.page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await Promise.all([p.page.waitForURL("**/login/code**"), p.page.getByRole("button", { name: "Inloggen" }).click()]);
  await p.afterNavigation();
}

describe("recovery codes for a trainer", () => {
  it("turns on the second factor, shows ten codes once, and signs in with one code once", async () => {
    const email = `herstel-trainer-${currentTimeMs()}@leerlijn.test`;
    const hash = (db.prepare("select password_hash from users where email = 'trainer@leerlijn.test'").get() as { password_hash: string }).password_hash;
    const now = currentTime().toISOString();
    db.prepare(
      "insert into users (email, name, role, status, password_hash, created_at, updated_at) values (?, 'Rik Herstel', 'trainer', 'active', ?, ?, ?)",
    ).run(email, hash, now, now);

    let codes: string[] = [];
    const first = await CheckedPage.open(browser);
    try {
      await first.login(email);
      expect(new URL(first.page.url()).pathname).toBe("/trainer");
      await first.visit("/account");
      await Promise.all([first.page.waitForURL("**/account"), first.page.getByRole("button", { name: "Tweestapsverificatie instellen" }).click()]);
      await first.afterNavigation();
      const secret = ((await first.page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
      await first.page.getByLabel("Code uit je app", { exact: true }).fill(codeAt(secret, 0));
      await first.page.getByRole("button", { name: "Aanzetten" }).click();
      const list = first.page.getByTestId("recovery-codes");
      await list.waitFor();
      await first.afterNavigation();
      codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
      // The answer has focus, so the codes are where the person is looking.
      await expect(first.page.evaluate(() => document.activeElement?.hasAttribute("data-answer") ?? false)).resolves.toBe(true);
      await expect(first.page.getByTestId("recovery-left").textContent()).resolves.toBe("Je hebt nog 10 herstelcodes die je niet hebt gebruikt.");
      // Shown once: the page itself never shows them again, and the database holds only hashes.
      await first.visit("/account");
      await expect(first.page.getByTestId("recovery-codes").count()).resolves.toBe(0);
      const content = await first.page.content();
      for (const code of codes) expect(content).not.toContain(code);
      const stored = JSON.stringify(db.prepare("select r.* from totp_recovery_codes r join users u on u.id = r.user_id where u.email = ?").all(email));
      for (const code of codes) expect(stored.toLowerCase()).not.toContain(code.replace(/-/g, ""));
      first.assertAllChecked();
    } finally {
      await first.close();
    }

    // The phone is lost: sign in with the first recovery code.
    const second = await CheckedPage.open(browser);
    try {
      await passwordStep(second, email);
      await expect(second.page.getByText("Telefoon kwijt? Vul dan een van je herstelcodes in.", { exact: false }).count()).resolves.toBe(1);
      await second.page.getByLabel("Code", { exact: true }).fill(codes[0]);
      await Promise.all([second.page.waitForURL("**/account?klaar=herstelcode**"), second.page.getByRole("button", { name: "Verder" }).click()]);
      await second.afterNavigation();
      await expect(second.page.getByRole("status").first().textContent()).resolves.toContain("Je bent ingelogd met een herstelcode.");
      await expect(second.page.getByTestId("recovery-left").textContent()).resolves.toBe("Je hebt nog 9 herstelcodes die je niet hebt gebruikt.");
      expect((await second.context.cookies()).map((c) => c.name)).toContain("leerlijn_session");
      second.assertAllChecked();
    } finally {
      await second.close();
    }

    // The same code a second time: refused at the code step, no session.
    const third = await CheckedPage.open(browser);
    try {
      await passwordStep(third, email);
      await third.page.getByLabel("Code", { exact: true }).fill(codes[0]);
      await third.page.getByRole("button", { name: "Verder" }).click();
      await third.page.getByText("Deze code klopt niet.", { exact: false }).waitFor();
      await third.afterNavigation();
      expect(new URL(third.page.url()).pathname).toBe("/login/code");
      expect((await third.context.cookies()).map((c) => c.name)).not.toContain("leerlijn_session");
      const log = db
        .prepare(
          "select a.outcome from audit_log a join users u on a.target_id = cast(u.id as text) where u.email = ? and a.action = 'auth.recovery_code' order by a.id",
        )
        .all(email) as { outcome: string }[];
      expect(log.map((l) => l.outcome)).toEqual(["success", "failure"]);
      third.assertAllChecked();
    } finally {
      await third.close();
    }
  });
});
