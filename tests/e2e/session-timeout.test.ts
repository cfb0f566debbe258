import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { startServer, stopServer } from "../../scripts/lib/app-server";
import { DEMO_PASSWORD, launchBrowser } from "./support";

/*
 * Issue 27 point 1 (WCAG 2.2.1): with SESSION_IDLE_MINUTES=1 a session ends after one minute
 * without a request. The app warns before the end in an accessible dialog with "Ik ben er nog",
 * which extends the session; and text typed into a form that is sent after the end is kept and
 * there again after the same person signs in, never for someone else. Its own server, so the
 * short idle time touches no other test.
 */
let dir = "";
let url = "";
let child: ChildProcess;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-timeout-"));
  ({ url, child } = await startServer(path.join(dir, "leerlijn.sqlite"), path.join(dir, "server.log"), { SESSION_IDLE_MINUTES: "1", DEMO: "1" }));
  browser = await launchBrowser();
}, 200_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stopServer(child);
  fs.rmSync(dir, { recursive: true, force: true });
});

const PARTICIPANT = "deelnemer1@leerlijn.test";
const OTHER_PARTICIPANT = "deelnemer13@leerlijn.test";
// The tests run at once on one server: one person per test that keeps a form, so that one test's
// sign-in never takes (and uses up) what another test's time-out kept on the same page.
const NO_JS_PARTICIPANT = "deelnemer2@leerlijn.test";
const DESCRIPTION = "Ik sprak een bewoner over de buurtkamer.";
const REFLECTION = "Rustig luisteren hielp meer dan meteen een oplossing geven.";
const COMMENT = "Mooi doel. Kun je het kleiner maken, voor de eerste maand?";

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, locale: "nl-NL", viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function signIn(page: Page, email: string, redirectTo = "/deelnemer/praktijk"): Promise<void> {
  // On the login page the app sent the person to (with its return path), or a fresh one.
  const here = page.url().startsWith("http") ? new URL(page.url()) : null;
  if (here?.pathname !== "/login" || !here.searchParams.has("redirectTo")) await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== "/login"), page.getByRole("button", { name: "Inloggen" }).click()]);
}

/** axe-core (WCAG 2.2 A/AA) on the page or a part of it: no serious or critical violation. */
async function expectAccessible(page: Page, include?: string): Promise<void> {
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]);
  if (include) axe = axe.include(include);
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function sessionState(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch("/sessie")).json()) as { state: string }).state);
}

it.concurrent(
  "warns before the end in an accessible dialog, and 'Ik ben er nog' extends the session",
  async () => {
    const page = await newPage();
    await signIn(page, PARTICIPANT);
    const signedInAt = Date.now();
    expect(new URL(page.url()).pathname).toBe("/deelnemer/praktijk");
    // A second tab on the same session (same browser): it warns too.
    const tab2 = await page.context().newPage();
    await tab2.goto("/deelnemer");
    // The person is typing (no request): focus is in the form.
    await page.getByLabel("Wat deed je?").fill("Nog bezig");

    const dialog = page.getByRole("dialog", { name: "Ben je er nog?" });
    const dialog2 = tab2.getByRole("dialog", { name: "Ben je er nog?" });
    await Promise.all([dialog.waitFor({ state: "visible", timeout: 60_000 }), dialog2.waitFor({ state: "visible", timeout: 60_000 })]);
    // Half a minute before the end (half the idle time of one minute), not at the end.
    expect(Date.now() - signedInAt).toBeLessThan(50_000);
    await expect(dialog.textContent()).resolves.toMatch(/loggen we je uit/);
    expect(await page.evaluate(() => document.activeElement?.closest("dialog")?.open === true)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ik ben er nog");
    await expectAccessible(page, "dialog.ll-dialog");

    await dialog.getByRole("button", { name: "Ik ben er nog" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Focus is back where the person was typing.
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).toBe("description");
    // The other tab hears of it and checks with the server: its warning goes away, it does not say "uitgelogd".
    await dialog2.waitFor({ state: "hidden", timeout: 10_000 });
    expect(await tab2.getByRole("heading", { name: "Je bent uitgelogd" }).count()).toBe(0);

    // Past the original end (one minute after signing in, no page request since): still signed in.
    await page.waitForTimeout(Math.max(0, signedInAt + 65_000 - Date.now()));
    expect(await sessionState(page)).toBe("active");
    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/deelnemer/praktijk");
    await page.context().close();
  },
  180_000,
);

it.concurrent(
  "keeps what was typed into a form sent after the end, and shows it again only to the same person",
  async () => {
    const page = await newPage();
    await signIn(page, PARTICIPANT);
    await page.getByLabel("Aantal uren").fill("2");
    await page.getByLabel("Wat voor werk was het?").selectOption({ index: 1 });
    await page.getByLabel("Wat deed je?").fill(DESCRIPTION);
    await page.getByLabel("Wat leerde je ervan?").fill(REFLECTION);

    // No answer to the warning: at the end the dialog says calmly what happened and what to do.
    const ended = page.getByRole("heading", { name: "Je bent uitgelogd" });
    await ended.waitFor({ state: "visible", timeout: 100_000 });
    await expect(page.getByRole("dialog").textContent()).resolves.toMatch(/Wat je hebt getypt, is niet weg/);
    await expectAccessible(page, "dialog.ll-dialog");
    await page.getByRole("button", { name: "Sluiten" }).click();
    expect(await sessionState(page)).toBe("ended");

    // The person saves anyway: to the login page, which says the text was kept.
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.getByRole("button", { name: "Uren opslaan" }).click()]);
    const login = new URL(page.url());
    expect(login.searchParams.get("reden")).toBe("inactief");
    // The URL changes before React has drawn the new page (client navigation): wait for the text itself.
    await page.locator("main").getByText("Wat je had getypt, hebben we bewaard.").waitFor({ state: "visible", timeout: 30_000 });

    // Someone else signs in on this browser: an empty form, no message.
    await signIn(page, OTHER_PARTICIPANT);
    expect(new URL(page.url()).pathname).toBe("/deelnemer/praktijk");
    await expect(page.getByLabel("Wat deed je?").inputValue()).resolves.toBe("");
    await expect(page.getByLabel("Wat leerde je ervan?").inputValue()).resolves.toBe("");
    expect(await page.getByText("We hebben bewaard wat je had getypt.").count()).toBe(0);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.getByRole("button", { name: "Uitloggen" }).click()]);

    // The same person signs in again: the text is back in the form, with a calm message; nothing was saved.
    await signIn(page, PARTICIPANT);
    expect(new URL(page.url()).pathname).toBe("/deelnemer/praktijk");
    await page.getByText("We hebben bewaard wat je had getypt. Kijk het na en sla het op.").waitFor({ state: "visible", timeout: 30_000 });
    await expect(page.getByLabel("Wat deed je?").inputValue()).resolves.toBe(DESCRIPTION);
    await expect(page.getByLabel("Wat leerde je ervan?").inputValue()).resolves.toBe(REFLECTION);
    await expect(page.getByLabel("Aantal uren").inputValue()).resolves.toBe("2");
    expect(await page.locator("table").getByText(DESCRIPTION).count()).toBe(0); // not in the log: never sent on its own
    await expectAccessible(page);

    // Offered once: a reload shows the empty form.
    await page.reload();
    await expect(page.getByLabel("Wat deed je?").inputValue()).resolves.toBe("");
    await page.context().close();
  },
  200_000,
);

it.concurrent(
  "keeps the typing without JavaScript too",
  async () => {
    const context = await browser.newContext({ baseURL: url, locale: "nl-NL", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, NO_JS_PARTICIPANT);
    await page.getByLabel("Wat deed je?").fill(DESCRIPTION);
    await page.waitForTimeout(62_000);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.getByRole("button", { name: "Uren opslaan" }).click()]);
    await signIn(page, NO_JS_PARTICIPANT);
    expect(new URL(page.url()).pathname).toBe("/deelnemer/praktijk");
    await expect(page.getByLabel("Wat deed je?").inputValue()).resolves.toBe(DESCRIPTION);
    await context.close();
  },
  150_000,
);

it.concurrent(
  "keeps a comment typed into one of a page's many forms, and gives it back in that same box only",
  async () => {
    const db = new Database(path.join(dir, "leerlijn.sqlite"), { readonly: true, fileMustExist: true });
    const participantId = (db.prepare("select id from users where email = ?").get(PARTICIPANT) as { id: number }).id;
    db.close();
    const context = await browser.newContext({ baseURL: url, locale: "nl-NL", javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "trainer@leerlijn.test", `/pop/${participantId}`);
    expect(new URL(page.url()).pathname).toBe(`/pop/${participantId}`);
    // One comment box per part of the plan: the trainer types in the second.
    const boxes = page.getByLabel("Opmerking bij dit onderdeel");
    expect(await boxes.count()).toBeGreaterThan(2);
    await boxes.nth(1).fill(COMMENT);
    await page.waitForTimeout(62_000);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.getByRole("button", { name: "Opmerking plaatsen" }).nth(1).click()]);
    await signIn(page, "trainer@leerlijn.test", `/pop/${participantId}`);
    expect(new URL(page.url()).pathname).toBe(`/pop/${participantId}`);
    await expect(boxes.nth(1).inputValue()).resolves.toBe(COMMENT);
    // Not in the other parts' boxes, and not posted.
    for (const i of [0, 2]) await expect(boxes.nth(i).inputValue()).resolves.toBe("");
    expect(await page.locator(".ll-comment").getByText(COMMENT).count()).toBe(0);
    await context.close();
  },
  150_000,
);
