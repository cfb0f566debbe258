import { createDb } from "../../db/connect";
import { acceptInvitation, createInvitation } from "../../app/services/invitations.server";
import { claimNextMail, enqueueMail, outboxPage, resendMail, sendPendingMail, setMailSettings, type MailSettings } from "../../app/services/mail-outbox.server";
import { fromHeader, sendMailOnce, smtpTransport } from "../../app/services/mail-sender.server";
import { applyRetention } from "../../app/services/privacy.server";
import { UserInputError } from "../../app/services/errors";
import { MAIL_MAX_ATTEMPTS } from "../../app/rules/mail-backoff";
import { currentTime } from "../../app/clock.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { startTestSmtp, type TestSmtp } from "../support/smtp";

/**
 * The mail outbox against a real SMTP server (smtp-server on a free port) and a real database
 * (SQLite file, or PostgreSQL with TEST_DATABASE_URL): nothing of the transport is stubbed.
 */
let t: TestDb;
let smtp: TestSmtp;
let settings: MailSettings;
const BASE = "https://leerlijn.example.nl";

beforeAll(async () => {
  t = await createTestDb("empty");
  smtp = await startTestSmtp();
  settings = { smtpUrl: smtp.url, from: "Leerlijn <leerlijn@example.nl>" };
});
afterAll(async () => {
  setMailSettings(undefined);
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  setMailSettings(settings);
  smtp.rejectWith(null);
  smtp.stall(false);
  smtp.received.length = 0;
  // Each test sees only its own messages.
  await t.db.deleteFrom("mail_outbox").execute();
});

const later = (base: Date, ms: number) => () => new Date(base.getTime() + ms);

async function pass(now?: () => Date, workerId?: string) {
  const transport = smtpTransport(settings);
  try {
    return await sendPendingMail(t.db, { transport, from: fromHeader(settings), now, workerId });
  } finally {
    transport.close();
  }
}

async function outboxRow(id: number) {
  return t.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function queueOne(email: string, extra: { dedupeKey?: string } = {}) {
  return t.db
    .transaction()
    .execute((trx) => enqueueMail(trx, { type: "invitation", to: { email }, lang: "nl", subject: "Test", text: "Er staat iets voor je klaar.", ...extra }));
}

describe("the mail outbox", () => {
  it("queues the invitation mail in the invitation's transaction; it arrives, and its link sets the password", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const person = await makeUser(t.db, { status: "invited", name: "Sanne de Vries" });
    const { token, mailQueued } = await createInvitation(t.db, person.id, coordinator, undefined, { baseUrl: BASE });
    expect(mailQueued).toBe(true);
    const [row] = await t.db.selectFrom("mail_outbox").selectAll().where("recipient_user_id", "=", person.id).execute();
    expect(row).toMatchObject({ status: "pending", type: "invitation", recipient_email: person.email, lang: "nl", attempts: 0 });

    // Coordinators never see the body of a message that is on its way (only a held invitation's link).
    expect(JSON.stringify(await outboxPage(t.db, 1))).not.toContain(token);

    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([person.email]);
    expect(mail.headers.from).toBe("Leerlijn <leerlijn@example.nl>");
    expect(mail.subject).toBe("Je uitnodiging voor Leerlijn");
    expect(mail.text).toContain("Hallo Sanne de Vries,");
    expect(mail.text).toContain("Kies je wachtwoord");
    expect(mail.html).toContain(`href="${BASE}/uitnodiging/`);

    // Follow the link from the mail itself, through the real invitation service.
    const link = /https:\/\/leerlijn\.example\.nl\/uitnodiging\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link?.[1]).toBe(token);
    const accepted = await acceptInvitation(t.db, link![1]!, "Zonnige-fietstocht-langs-de-dijk-2026", null);
    expect(accepted).toEqual({ ok: true, userId: person.id });
    expect((await t.db.selectFrom("users").select("status").where("id", "=", person.id).executeTakeFirstOrThrow()).status).toBe("active");

    // Sent: the body is gone, the row stays; the audit trail has the kind and the recipient, never the body.
    const sent = await outboxRow(row!.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, body_text: null, body_html: null, action_url: null, claimed_by: null });
    expect(sent.sent_at).not.toBeNull();
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "mail.sent").where("target_id", "=", String(person.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_type: "user", outcome: "success" });
    expect(JSON.parse(audit[0]!.details ?? "{}")).toEqual({ type: "invitation", mailId: row!.id });
    expect(audit[0]!.details).not.toContain(token);

    // A second pass finds nothing more to send.
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("writes an English invitation for an English recipient, and a new invitation replaces an unsent older mail", async () => {
    const person = await makeUser(t.db, { status: "invited", name: "Sam Jones" });
    setMailSettings(null); // held: nothing goes out by itself
    const first = await createInvitation(t.db, person.id, null, undefined, { baseUrl: BASE, lang: "en" });
    setMailSettings(settings);
    const second = await createInvitation(t.db, person.id, null, undefined, { baseUrl: BASE, lang: "en" });
    const rows = await t.db.selectFrom("mail_outbox").selectAll().where("recipient_user_id", "=", person.id).orderBy("id").execute();
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "pending"]);
    expect(rows[0]).toMatchObject({ body_text: null, action_url: null });
    await pass();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe("Your new invitation to Leerlijn");
    expect(smtp.received[0]!.text).toContain(`${BASE}/uitnodiging/${second.token}`);
    expect(smtp.received[0]!.text).not.toContain(first.token);
  });

  it("retries with a growing wait and marks the message failed after the last attempt; a coordinator sends it again", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const person = await makeUser(t.db, { status: "invited" });
    await createInvitation(t.db, person.id, coordinator, undefined, { baseUrl: BASE });
    const id = (await t.db.selectFrom("mail_outbox").select("id").where("recipient_user_id", "=", person.id).executeTakeFirstOrThrow()).id;
    smtp.rejectWith(451);
    const t0 = currentTime();

    expect(await pass(later(t0, 0))).toEqual({ sent: 0, retried: 1, failed: 0 });
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, claimed_by: null });
    expect(row.last_error).toMatch(/451/);
    expect(row.last_error!.length).toBeLessThanOrEqual(200);
    expect(row.next_attempt_at).toBe(new Date(t0.getTime() + 60_000).toISOString());

    // Not before its time.
    expect(await pass(later(t0, 59_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.refused).toBe(1);

    // Each next wait is twice as long: 1, 2, 4, 8 … minutes.
    let at = t0.getTime() + 60_000;
    for (let attempt = 2; attempt < MAIL_MAX_ATTEMPTS; attempt++) {
      expect(await pass(() => new Date(at))).toEqual({ sent: 0, retried: 1, failed: 0 });
      row = await outboxRow(id);
      expect(row.attempts).toBe(attempt);
      const wait = Date.parse(row.next_attempt_at) - at;
      expect(wait).toBe(Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000));
      at = Date.parse(row.next_attempt_at);
    }
    expect(await pass(() => new Date(at))).toEqual({ sent: 0, retried: 0, failed: 1 });
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: MAIL_MAX_ATTEMPTS });
    expect(row.body_text).not.toBeNull(); // kept, so it can be sent again
    expect(smtp.refused).toBe(MAIL_MAX_ATTEMPTS);
    // Failed stays failed: later passes leave it alone.
    expect(await pass(() => new Date(at + 86_400_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    const failedLines = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "mail.failed").where("target_id", "=", String(person.id)).execute();
    expect(failedLines).toHaveLength(1);
    expect(failedLines[0]!.outcome).toBe("failure");

    // The page offers "Opnieuw versturen"; the coordinator uses it and the server takes mail again.
    const page = await outboxPage(t.db, 1);
    expect(page.rows.find((r) => r.id === id)).toMatchObject({ status: "failed", canResend: true, lastError: row.last_error });
    smtp.rejectWith(null);
    await resendMail(t.db, coordinator, id, "10.0.0.9");
    expect(await outboxRow(id)).toMatchObject({ status: "pending", attempts: 0, last_error: null });
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const resend = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "mail.resend").where("actor_id", "=", coordinator.id).execute();
    expect(resend).toHaveLength(1);
    // Sending again what is not failed is refused.
    await expect(resendMail(t.db, coordinator, id, null)).rejects.toMatchObject({ messageKey: "mail.resend.notFailed" });
  });

  it("two senders on one database with 100 pending messages deliver each exactly once", async () => {
    const sentLines = async () => (await t.db.selectFrom("audit_log").select("id").where("action", "=", "mail.sent").execute()).length;
    const linesBefore = await sentLines();
    for (let i = 0; i < 100; i++) await queueOne(`ontvanger${i}@voorbeeld.test`);
    // A second connection to the same database, as a second app process has.
    const other = createDb(t.file);
    const transportA = smtpTransport(settings);
    const transportB = smtpTransport(settings);
    try {
      const [a, b] = await Promise.all([
        sendPendingMail(t.db, { transport: transportA, from: settings.from, workerId: "proces-a" }),
        sendPendingMail(other, { transport: transportB, from: settings.from, workerId: "proces-b" }),
      ]);
      expect(a.sent + b.sent).toBe(100);
      // Both really worked on the same rows at the same time.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    } finally {
      transportA.close();
      transportB.close();
      await other.destroy();
    }
    const recipients = smtp.received.flatMap((m) => m.to);
    expect(recipients).toHaveLength(100);
    expect(new Set(recipients).size).toBe(100);
    const statuses = await t.db.selectFrom("mail_outbox").select(["status", "attempts"]).execute();
    expect(statuses.every((s) => s.status === "sent" && s.attempts === 1)).toBe(true);
    expect((await sentLines()) - linesBefore).toBe(100);
  });

  it("a sender that dies between claim and send loses nothing: after its lease the message goes out once", async () => {
    const { id } = await queueOne("na-de-crash@voorbeeld.test");
    const t0 = currentTime();
    // The dead process claimed it (and then nothing).
    expect(await claimNextMail(t.db, "proces-dat-stierf", t0, 60_000)).toBe(id);
    expect(await outboxRow(id!)).toMatchObject({ status: "sending", claimed_by: "proces-dat-stierf", attempts: 1 });
    // While its lease holds, no one else takes it.
    expect(await pass(later(t0, 30_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    // After the lease: sent, exactly once.
    expect(await pass(later(t0, 60_001))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await pass(later(t0, 120_000))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["na-de-crash@voorbeeld.test"]]);
    expect(await outboxRow(id!)).toMatchObject({ status: "sent", attempts: 2, claimed_by: null });
  });

  it("without SMTP_URL the messages are held, nothing throws, and the coordinator gets the invitation link", async () => {
    setMailSettings(null);
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const person = await makeUser(t.db, { status: "invited" });
    const { token, mailQueued } = await createInvitation(t.db, person.id, coordinator, undefined, { baseUrl: BASE });
    expect(mailQueued).toBe(true);
    expect(await sendMailOnce(t.db)).toBeNull();
    const row = await t.db.selectFrom("mail_outbox").selectAll().where("recipient_user_id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("held");
    // Even a pass with a transport leaves held messages alone.
    setMailSettings(settings);
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    setMailSettings(null);
    expect(smtp.received).toHaveLength(0);
    const page = await outboxPage(t.db, 1);
    expect(page.mailOn).toBe(false);
    const shown = page.rows.find((r) => r.id === row.id)!;
    expect(shown).toMatchObject({ status: "held", handOverLink: `${BASE}/uitnodiging/${token}`, canResend: false });
    // Nothing of the body on the page but that link.
    expect(JSON.stringify(page)).not.toContain("Kies je wachtwoord");
    await expect(resendMail(t.db, coordinator, row.id, null)).rejects.toBeInstanceOf(UserInputError);
    // Once mail is on, a held message can be sent after all.
    setMailSettings(settings);
    await resendMail(t.db, coordinator, row.id, null);
    await pass();
    expect(smtp.received).toHaveLength(1);
  });

  it("queues one event once: a second message with the same dedupe key is not added, and the transaction goes on", async () => {
    const result = await t.db.transaction().execute(async (trx) => {
      const a = await enqueueMail(trx, { type: "test", to: { email: "een@voorbeeld.test" }, lang: "nl", subject: "A", text: "a", dedupeKey: "gebeurtenis:1" });
      const b = await enqueueMail(trx, { type: "test", to: { email: "een@voorbeeld.test" }, lang: "nl", subject: "B", text: "b", dedupeKey: "gebeurtenis:1" });
      // Still usable after the conflict (PostgreSQL would abort a transaction on a failed insert).
      const c = await enqueueMail(trx, { type: "test", to: { email: "een@voorbeeld.test" }, lang: "nl", subject: "C", text: "c", dedupeKey: "gebeurtenis:2" });
      return { a, b, c };
    });
    expect(result.a.queued).toBe(true);
    expect(result.b).toEqual({ id: null, queued: false });
    expect(result.c.queued).toBe(true);
    const again = await queueOne("een@voorbeeld.test", { dedupeKey: "gebeurtenis:1" });
    expect(again.queued).toBe(false);
    expect((await t.db.selectFrom("mail_outbox").select("subject").orderBy("id").execute()).map((r) => r.subject)).toEqual(["A", "C"]);
    await pass();
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(["A", "C"]);
  });

  it("retention removes the body of a message never sent within 30 days", async () => {
    setMailSettings(null);
    const old = new Date(currentTime().getTime() - 31 * 86_400_000);
    const held = await t.db
      .transaction()
      .execute((trx) =>
        enqueueMail(
          trx,
          { type: "test", to: { email: "oud@voorbeeld.test" }, lang: "nl", subject: "Oud", text: "oude inhoud", actionUrl: `${BASE}/x` },
          { now: old },
        ),
      );
    const fresh = await queueOne("nieuw@voorbeeld.test");
    const report = await applyRetention(t.db);
    expect(report.mailBodies).toBe(1);
    expect(await outboxRow(held.id!)).toMatchObject({ status: "held", body_text: null, action_url: null });
    expect((await outboxRow(fresh.id!)).body_text).not.toBeNull();
  });
});
