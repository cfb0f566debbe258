import { attemptLogin } from "../../app/services/login.server";
import { setMailSettings, type MailSettings } from "../../app/services/mail-outbox.server";
import { sendMailOnce } from "../../app/services/mail-sender.server";
import {
  completePasswordReset,
  inspectPasswordReset,
  requestPasswordReset,
  RESET_MIN_RESPONSE_MS,
  RESET_MINUTES,
  type ResetRequestInput,
} from "../../app/services/password-reset.server";
import { RATE_LIMITS } from "../../app/services/rate-limit.server";
import { createSession, resolveSession } from "../../app/services/sessions.server";
import { tokenHash } from "../../app/services/tokens.server";
import { createLoginChallenge } from "../../app/services/totp.server";
import { UserInputError } from "../../app/services/errors";
import { currentTime } from "../../app/clock.server";
import { createTestDb, type TestDb } from "../support/db";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { startTestSmtp, type TestSmtp } from "../support/smtp";

/**
 * "Wachtwoord vergeten?" (issue 28, point 3) through the real service, a real database and a real
 * SMTP server (smtp-server on a free port): the mail arrives and its link sets a password, once;
 * after an hour it is refused; using it ends every session; an unknown address gets the same answer
 * and no mail; the limits per address and per IP hold.
 */
let t: TestDb;
let smtp: TestSmtp;
let settings: MailSettings;
const BASE = "https://leerlijn.example.nl";
const NEW_PASSWORD = "Regenboog-boven-het-Vondelpark-2026";
const LINK = /https:\/\/leerlijn\.example\.nl\/nieuw-wachtwoord\/([A-Za-z0-9_-]+)/;

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
beforeEach(() => {
  setMailSettings(settings);
  smtp.received.length = 0;
});

let ipCounter = 0;
/** Each test asks from an address of its own, so the limit per IP of one test does not reach another. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

/** A request as the route makes it; without the floor under the answer time unless asked. */
function ask(email: string, extra: Partial<ResetRequestInput> = {}) {
  return requestPasswordReset(t.db, { email, ip: freshIp(), baseUrl: BASE, minResponseMs: 0, ...extra });
}

async function outboxOf(email: string) {
  return t.db.selectFrom("mail_outbox").selectAll().where("recipient_email", "=", email).orderBy("id").execute();
}

async function passwordHashOf(userId: number) {
  return (await t.db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow()).password_hash;
}

/** Sends what is due and returns the link in the one mail that arrived for `email`. */
async function mailedToken(email: string): Promise<string> {
  await sendMailOnce(t.db);
  const mails = smtp.received.filter((m) => m.to.includes(email));
  expect(mails).toHaveLength(1);
  const token = LINK.exec(mails[0]!.text)?.[1];
  expect(token).toBeDefined();
  return token!;
}

describe("Wachtwoord vergeten?", () => {
  it("mails a known address a link that sets a new password once, and ends every session of the person", async () => {
    const person = await makeUser(t.db, { name: "Fatima El Amrani" });
    const laptop = await createSession(t.db, person.id);
    const phone = await createSession(t.db, person.id);
    // Someone past the password step, waiting at the second step: that step closes too.
    await createLoginChallenge(t.db, person.id);

    const t0 = currentTime();
    expect(await ask(` ${person.email.toUpperCase()} `, { now: t0 })).toEqual({ ok: true });

    // Queued in the outbox in the same transaction as the link; only the link's hash is stored.
    const [queued] = await outboxOf(person.email);
    expect(queued).toMatchObject({ type: "password-reset", status: "pending", recipient_user_id: person.id });
    const [stored] = await t.db.selectFrom("password_resets").selectAll().where("user_id", "=", person.id).execute();
    expect(stored).toMatchObject({ used_at: null, revoked_at: null });

    // The mail arrives over SMTP, in calm Dutch, with the link and nothing else about the account.
    const token = await mailedToken(person.email);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("Een nieuw wachtwoord voor Leerlijn");
    expect(mail.text).toContain("Hallo Fatima El Amrani,");
    expect(mail.text).toContain("Kies een nieuw wachtwoord");
    expect(mail.text).toContain("De link werkt 60 minuten en maar één keer.");
    expect(mail.text).toContain("Heb je dit niet zelf gevraagd? Dan hoef je niets te doen.");
    expect(mail.html).toContain(`href="${BASE}/nieuw-wachtwoord/${token}"`);
    expect(stored!.token_hash).toBe(tokenHash(token));
    expect(stored!.token_hash).not.toContain(token);
    expect(stored!.expires_at).toBe(new Date(t0.getTime() + RESET_MINUTES * 60_000).toISOString());

    // A weak password is refused and leaves the link usable.
    await expect(completePasswordReset(t.db, token, "welkom123456", "203.0.113.9")).rejects.toBeInstanceOf(UserInputError);
    expect((await inspectPasswordReset(t.db, token)).state).toBe("valid");

    // The link sets the password: both sessions end, the new password signs in, the old one no longer.
    const oldHash = await passwordHashOf(person.id);
    expect(await completePasswordReset(t.db, token, NEW_PASSWORD, "203.0.113.9")).toEqual({ ok: true, userId: person.id, endedSessions: 2 });
    expect((await resolveSession(t.db, laptop.token)).state).toBe("none");
    expect((await resolveSession(t.db, phone.token)).state).toBe("none");
    expect(await t.db.selectFrom("auth_sessions").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("login_challenges").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect((await attemptLogin(t.db, { email: person.email, password: NEW_PASSWORD, ip: null })).ok).toBe(true);
    expect((await attemptLogin(t.db, { email: person.email, password: FACTORY_PASSWORD, ip: null })).ok).toBe(false);

    // Once and only once: the second use is refused and changes nothing.
    const hashAfter = await passwordHashOf(person.id);
    expect(hashAfter).not.toBe(oldHash);
    expect(await completePasswordReset(t.db, token, "Een-heel-ander-wachtwoord-voor-later", null)).toEqual({ ok: false, state: "used" });
    expect(await passwordHashOf(person.id)).toBe(hashAfter);
    expect((await inspectPasswordReset(t.db, token)).state).toBe("used");

    // Both steps are in the audit trail (never the link).
    const lines = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", String(person.id))
      .where("action", "like", "password.reset.%")
      .orderBy("id")
      .execute();
    expect(lines.map((l) => [l.action, l.outcome])).toEqual([
      ["password.reset.request", "success"],
      ["password.reset.use", "success"],
    ]);
    expect(JSON.parse(lines[0]!.details ?? "{}")).toEqual({ mailed: true });
    expect(JSON.parse(lines[1]!.details ?? "{}")).toEqual({ endedSessions: 2 });
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it("refuses the link after one hour", async () => {
    const person = await makeUser(t.db);
    const t0 = currentTime();
    await ask(person.email, { now: t0 });
    const token = await mailedToken(person.email);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

    expect((await inspectPasswordReset(t.db, token, at(59))).state).toBe("valid");
    expect((await inspectPasswordReset(t.db, token, at(60))).state).toBe("expired");
    const before = await passwordHashOf(person.id);
    expect(await completePasswordReset(t.db, token, NEW_PASSWORD, null, at(60))).toEqual({ ok: false, state: "expired" });
    expect(await passwordHashOf(person.id)).toBe(before);
    // Just inside the hour it still works.
    expect((await completePasswordReset(t.db, token, NEW_PASSWORD, null, at(59))).ok).toBe(true);
  });

  it("a newer request makes the older link stop working, and only the newest mail goes out", async () => {
    const person = await makeUser(t.db);
    await ask(person.email);
    await ask(person.email);
    expect((await outboxOf(person.email)).map((r) => r.status)).toEqual(["cancelled", "pending"]);
    const newest = await mailedToken(person.email);
    const rows = await t.db.selectFrom("password_resets").selectAll().where("user_id", "=", person.id).orderBy("id").execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revoked_at).not.toBeNull();
    expect(rows[1]!.token_hash).toBe(tokenHash(newest));
    expect((await completePasswordReset(t.db, newest, NEW_PASSWORD, null)).ok).toBe(true);
  });

  it("gives an unknown, blocked or not yet activated address the same answer, after the same time, and no mail", async () => {
    const blocked = await makeUser(t.db, { status: "disabled" });
    const invited = await makeUser(t.db, { status: "invited" });
    const known = await makeUser(t.db);
    const timed = async (email: string) => {
      const start = performance.now();
      const result = await ask(email, { minResponseMs: undefined });
      return { result, ms: performance.now() - start };
    };
    const unknown = await timed("niemand-bekend@voorbeeld.test");
    const ofBlocked = await timed(blocked.email);
    const ofInvited = await timed(invited.email);
    const ofKnown = await timed(known.email);
    for (const r of [unknown, ofBlocked, ofInvited, ofKnown]) {
      expect(r.result).toEqual({ ok: true });
      // Nobody gets an answer before the floor, so a fast "no such account" cannot be measured.
      expect(r.ms).toBeGreaterThanOrEqual(RESET_MIN_RESPONSE_MS - 2);
    }
    // And the known address's extra writes stay under it (a wide margin: the machine may be busy).
    expect(Math.abs(unknown.ms - ofKnown.ms)).toBeLessThan(300);

    // No link stored and no message for any of the three; the known one got both.
    for (const email of ["niemand-bekend@voorbeeld.test", blocked.email, invited.email]) expect(await outboxOf(email)).toEqual([]);
    const resets = await t.db.selectFrom("password_resets").select("user_id").where("user_id", "in", [blocked.id, invited.id, known.id]).execute();
    expect(resets.map((r) => r.user_id)).toEqual([known.id]);
    await sendMailOnce(t.db);
    expect(smtp.received.map((m) => m.to)).toEqual([[known.email]]);

    // The request is audited as not mailed; the typed unknown address only as a trace.
    const line = await t.db
      .selectFrom("audit_log as a")
      .innerJoin("audit_traces as tr", "tr.audit_id", "a.id")
      .select(["a.outcome", "a.target_id", "a.details", "tr.email"])
      .where("a.action", "=", "password.reset.request")
      .where("tr.email", "=", "niemand-bekend@voorbeeld.test")
      .executeTakeFirstOrThrow();
    expect(line).toMatchObject({ outcome: "failure", target_id: null });
    expect(JSON.parse(line.details ?? "{}")).toEqual({ mailed: false, reason: "unknown" });
  });

  it("sends nothing when the robot trap is filled in, with the same answer", async () => {
    const person = await makeUser(t.db);
    expect(await ask(person.email, { honeypot: "https://spam.example" })).toEqual({ ok: true });
    expect(await outboxOf(person.email)).toEqual([]);
    expect(await t.db.selectFrom("password_resets").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
  });

  it("limits requests per address (known or not) and per IP address, with a wait in minutes", async () => {
    const t0 = currentTime();
    const ip = freshIp();
    const person = await makeUser(t.db);
    const max = RATE_LIMITS.resetAddress.max;
    for (let i = 0; i < max; i++) expect(await ask(person.email, { ip, now: new Date(t0.getTime() + i * 60_000) })).toEqual({ ok: true });
    const limited = await ask(person.email, { ip, now: new Date(t0.getTime() + max * 60_000) });
    expect(limited).toEqual({ ok: false, reason: "limited", retryAfterMinutes: RATE_LIMITS.resetAddress.windowMinutes - max });
    // From another IP address too: the limit is the address's.
    expect((await ask(person.email, { now: new Date(t0.getTime() + max * 60_000) })).ok).toBe(false);
    // An unknown address is limited in the same way, so the limit says nothing either.
    for (let i = 0; i < max; i++) await ask("ook-onbekend@voorbeeld.test", { now: t0 });
    expect((await ask("ook-onbekend@voorbeeld.test", { now: t0 })).ok).toBe(false);
    // The refused request queued nothing: one link and mail per allowed request, older ones replaced.
    expect((await outboxOf(person.email)).map((r) => r.status)).toEqual([...Array<string>(max - 1).fill("cancelled"), "pending"]);
    // The refusal is audited once a window, not once per request.
    const denied = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "password.reset.request")
      .where("outcome", "=", "denied")
      .where("target_id", "=", String(person.id))
      .execute();
    expect(denied).toHaveLength(2); // one per IP address it came from
    // When the first request falls out of the window, one more is allowed.
    expect((await ask(person.email, { ip, now: new Date(t0.getTime() + RATE_LIMITS.resetAddress.windowMinutes * 60_000 + 1) })).ok).toBe(true);

    // Per IP: many different addresses from one IP address, then even a new one is refused.
    const busyIp = freshIp();
    for (let i = 0; i < RATE_LIMITS.resetIp.max; i++) expect((await ask(`adres${i}@voorbeeld.test`, { ip: busyIp, now: t0 })).ok).toBe(true);
    const fromBusyIp = await ask("nog-een@voorbeeld.test", { ip: busyIp, now: t0 });
    expect(fromBusyIp).toEqual({ ok: false, reason: "limited", retryAfterMinutes: RATE_LIMITS.resetIp.windowMinutes });
    // Another IP address may still ask for that address.
    expect((await ask("nog-een@voorbeeld.test", { now: t0 })).ok).toBe(true);
  });
});
