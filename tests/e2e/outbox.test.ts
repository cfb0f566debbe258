import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { createDb, type DB } from "../../db/connect";
import { startServer, stopServer } from "../../scripts/lib/app-server";
import { currentTime } from "../../app/clock.server";
import { startTestSmtp, type TestSmtp } from "../support/smtp";
import { launchBrowser, withCheckedPage } from "./support";

/*
 * Issue 28: a coordinator sends a failed message again from /coordinator/berichten. The app runs
 * as `npm start` does, with SMTP_URL pointing at a real SMTP server started by this test; the
 * form works without JavaScript, the resend is audited and the mail arrives.
 */
let dir = "";
let url = "";
let child: ChildProcess;
let smtp: TestSmtp;
let db: DB;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-outbox-"));
  smtp = await startTestSmtp();
  ({ url, child } = await startServer(path.join(dir, "leerlijn.sqlite"), path.join(dir, "server.log"), {
    DEMO: "1",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Leerlijn <leerlijn@example.nl>",
  }));
  db = createDb(path.join(dir, "leerlijn.sqlite"));
  browser = await launchBrowser();
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  if (child) await stopServer(child);
  await smtp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failedMessage(email: string, marker: string): Promise<number> {
  const person = await db.selectFrom("users").select(["id", "email"]).where("email", "=", email).executeTakeFirstOrThrow();
  const now = currentTime().toISOString();
  const row = await db
    .insertInto("mail_outbox")
    .values({
      type: "invitation",
      status: "failed",
      recipient_user_id: person.id,
      recipient_email: person.email,
      lang: "nl",
      subject: "Je uitnodiging voor Leerlijn",
      body_text: `Kies je wachtwoord: https://leerlijn.example.nl/uitnodiging/${marker}`,
      body_html: null,
      attachments: null,
      headers: null,
      action_url: `https://leerlijn.example.nl/uitnodiging/${marker}`,
      dedupe_key: null,
      attempts: 8,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      last_error: "EMESSAGE: 451 Mailbox busy, try later",
      created_at: now,
      sent_at: null,
      body_purged_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function statusOf(id: number) {
  return (await db.selectFrom("mail_outbox").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

for (const javaScriptEnabled of [false, true]) {
  it(`a coordinator sends a failed message again (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
    const email = javaScriptEnabled ? "deelnemer3@leerlijn.test" : "deelnemer2@leerlijn.test";
    const marker = `GEHEIM-${javaScriptEnabled ? "JS" : "HTML"}-4471`;
    const id = await failedMessage(email, marker);
    const before = smtp.received.length;
    await withCheckedPage(
      browser,
      async (p) => {
        // This test's own app server (with SMTP_URL), not the shared one of the other browser tests.
        await p.visit(`${url}/login`);
        await p.page.getByLabel("E-mailadres").fill("coordinator@leerlijn.test");
        await p.page.getByLabel("Wachtwoord").fill("leerlijn-demo");
        await Promise.all([p.page.waitForURL((u) => u.pathname !== "/login"), p.page.getByRole("button", { name: "Inloggen" }).click()]);
        await p.afterNavigation();
        // From the coordinator's navigation.
        await Promise.all([p.page.waitForURL(/\/coordinator\/berichten$/), p.page.getByRole("link", { name: "Berichten" }).click()]);
        await p.afterNavigation();
        const row = p.page.getByTestId(`mail-${id}`);
        expect(await row.textContent()).toContain("Mislukt");
        expect(await row.textContent()).toContain("451 Mailbox busy");
        expect(await row.textContent()).toContain("Uitnodiging");
        // Never the body, nor the link inside it.
        expect(await p.page.content()).not.toContain(marker);

        await Promise.all([p.page.waitForLoadState("load"), row.getByRole("button", { name: `Opnieuw versturen: ${email}` }).click()]);
        await p.afterNavigation();
        const answer = p.page.getByText(`Het bericht aan ${email} staat weer klaar om te versturen.`);
        await answer.waitFor();

        // The app's sender delivers it (woken by the resend).
        await smtp.waitFor(before + 1, 20_000);
        expect(smtp.received.at(-1)!.to).toEqual([email]);
        const deadline = Date.now() + 10_000;
        while ((await statusOf(id)) !== "sent" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(await statusOf(id)).toBe("sent");

        await p.visit(`${url}/coordinator/berichten`);
        const after = p.page.getByTestId(`mail-${id}`);
        expect(await after.textContent()).toContain("Verstuurd");
        expect(await after.getByRole("button").count()).toBe(0);
      },
      { javaScriptEnabled },
    );
    const audit = await db
      .selectFrom("audit_log as a")
      .innerJoin("users as u", "u.id", "a.actor_id")
      .select(["a.details", "u.email"])
      .where("a.action", "=", "mail.resend")
      .execute();
    expect(audit.filter((a) => JSON.parse(a.details ?? "{}").mailId === id)).toEqual([expect.objectContaining({ email: "coordinator@leerlijn.test" })]);
  }, 120_000);
}
