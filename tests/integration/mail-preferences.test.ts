import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import type { MessageKey } from "../../app/i18n/nl";
import { sendPendingMail, setMailSettings, type MailSettings } from "../../app/services/mail-outbox.server";
import { fromHeader, smtpTransport } from "../../app/services/mail-sender.server";
import { categoryOf, notifyUser, type MailType } from "../../app/services/notify.server";
import { mailPreferences, saveMailPreferences } from "../../app/services/mail-preferences.server";
import { createSession } from "../../app/services/sessions.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/afmelden.$token";
import { action as languageAction } from "../../app/routes/taal";
import { action as loginAction } from "../../app/routes/login";
import { langCookie } from "../../app/i18n/i18n.server";
import { auditLines } from "../support/audit";
import { createTestDb, type TestDb } from "../support/db";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "../support/smtp";

/**
 * Issue 28, point 3: the person's e-mail choices, against a real SMTP server and a real database
 * (SQLite file, or PostgreSQL with TEST_DATABASE_URL). The unsubscribe link is followed through
 * the route's own loader and action, as a mail client would post it: no cookie, no form key.
 */

// The route modules are loaded for their loaders and actions only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const BASE = "https://leerlijn.example.nl";
const NOW = new Date("2026-11-20T09:00:00Z");
const IP = "192.0.2.61";
let t: TestDb;
let smtp: TestSmtp;
let settings: MailSettings;

beforeAll(async () => {
  t = await createTestDb("empty");
  setDb(t.db);
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
  smtp.received.length = 0;
  await t.db.deleteFrom("mail_outbox").execute();
});

/** Queues one message of `type` to the person, in a transaction of its own (as an action would). */
function notify(userId: number, type: MailType, key = `${type}:${userId}:${Math.random()}`) {
  const subject = (categoryOf(type) === "security" ? "mail.invitation.subject" : `mail.category.${categoryOf(type)}`) as MessageKey;
  return t.db.transaction().execute((trx) =>
    notifyUser(
      trx,
      {
        type,
        userId,
        baseUrl: BASE,
        layout: { subject, before: [{ key: "mail.invitation.what" }], action: { label: "mail.invitation.action", url: `${BASE}/login` } },
        dedupeKey: key,
      },
      { now: NOW },
    ),
  );
}

/** One pass of the real sender over SMTP; returns what arrived in this pass. */
async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = smtpTransport(settings);
  try {
    await sendPendingMail(t.db, { transport, from: fromHeader(settings), now: () => NOW });
  } finally {
    transport.close();
  }
  return smtp.received.slice(before);
}

const LINK = /https:\/\/leerlijn\.example\.nl\/afmelden\/([A-Za-z0-9_-]+)/;

const signedOut = { clientIp: IP } as unknown as AppLoadContext;

/** A mail client's one-click POST (RFC 8058): the body only, no cookie, no form key. */
async function oneClick(token: string, body = "List-Unsubscribe=One-Click") {
  const request = new Request(`${BASE}/afmelden/${token}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
  return answerOf(() => unsubscribeAction({ request, params: { token }, context: signedOut } as ActionFunctionArgs));
}

/** Opening the link (a GET, as a link scanner does). */
async function open(token: string) {
  const request = new Request(`${BASE}/afmelden/${token}`);
  return answerOf(() => unsubscribeLoader({ request, params: { token }, context: signedOut } as LoaderFunctionArgs));
}

/** The status of a route's answer: a thrown Response (404), a `data(...)` with its status, or 200. */
async function answerOf(run: () => Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    const answer = (await run()) as { init?: { status?: number } | null; data?: unknown };
    return { status: answer?.init?.status ?? 200, data: answer?.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}

async function preferenceRows(userId: number) {
  return t.db.selectFrom("mail_preferences").select(["category", "enabled"]).where("user_id", "=", userId).orderBy("category").execute();
}

describe("optional e-mail and the one-click unsubscribe", () => {
  it("an optional message carries both headers and the link at the bottom; one POST turns that category off, and only that one", async () => {
    const person = await makeUser(t.db, { name: "Sanne de Vries" });
    expect(await notify(person.id, "session-tomorrow")).toBe(true);
    const [reminder] = await deliver();
    expect(reminder).toBeDefined();

    // The headers of RFC 8058, and the same link as the last line of the text and the HTML.
    const header = reminder!.headers["list-unsubscribe"];
    expect(header).toMatch(/^<https:\/\/leerlijn\.example\.nl\/afmelden\/[A-Za-z0-9_-]{43}>$/);
    expect(reminder!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const url = header!.slice(1, -1);
    const token = LINK.exec(url)![1]!;
    const lastLines = reminder!.text.replace(/\r\n/g, "\n").trimEnd().split("\n").slice(-2);
    expect(lastLines).toEqual(["Wil je dit soort e-mail niet meer krijgen? Zet het uit met deze link:", url]);
    expect(reminder!.html).toContain(`<a href="${url}"`);

    // A link scanner only opens it: the page asks, nothing changes.
    const opened = await open(token);
    expect(opened.status).toBe(200);
    expect(opened.data).toEqual({ view: { category: "reminders", enabled: true } });
    expect((await mailPreferences(t.db, person.id)).reminders).toBe(true);

    // The mail client posts: 200, and reminders are off.
    expect((await oneClick(token)).status).toBe(200);
    expect(await mailPreferences(t.db, person.id)).toEqual({ updates: true, schedule: true, reminders: false, digest: true });
    expect((await open(token)).data).toEqual({ view: { category: "reminders", enabled: false } });
    const audit = await auditLines(t.db).selectAll().where("action", "=", "mail.preferences").where("target_id", "=", String(person.id)).execute();
    expect(audit).toEqual([expect.objectContaining({ actor_id: null, outcome: "success", ip: IP })]);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ on: [], off: ["reminders"], via: "unsubscribe-link" });
    expect(audit[0]!.details).not.toContain(token);

    // A second post changes nothing more (still 200, no second audit line).
    expect((await oneClick(token)).status).toBe(200);
    expect(await auditLines(t.db).select("id").where("action", "=", "mail.preferences").where("target_id", "=", String(person.id)).execute()).toHaveLength(1);

    // The next reminder is not queued; another optional category and a security message still come.
    expect(await notify(person.id, "assignment-due")).toBe(false);
    expect(await notify(person.id, "pop-returned")).toBe(true);
    expect(await notify(person.id, "invitation")).toBe(true);
    const rows = await t.db.selectFrom("mail_outbox").select("type").where("recipient_user_id", "=", person.id).where("status", "=", "pending").execute();
    expect(rows.map((r) => r.type).sort()).toEqual(["invitation", "pop-returned"]);
    const arrived = await deliver();
    expect(arrived.map((m) => m.subject).sort()).toEqual([
      "Je eigen werk: bijvoorbeeld je POP is goedgekeurd, of je krijgt feedback",
      "Je uitnodiging voor Leerlijn",
    ]);

    // The other category has a link of its own; a security message has none, and no footer.
    const update = arrived.find((m) => m.subject.startsWith("Je eigen werk"))!;
    const updateToken = LINK.exec(update.headers["list-unsubscribe"]!)![1]!;
    expect(updateToken).not.toBe(token);
    const invitation = arrived.find((m) => m.subject === "Je uitnodiging voor Leerlijn")!;
    expect(invitation.headers["list-unsubscribe"]).toBeUndefined();
    expect(invitation.headers["list-unsubscribe-post"]).toBeUndefined();
    expect(invitation.text).not.toContain("/afmelden/");
    expect(invitation.html).not.toContain("/afmelden/");
  });

  it("a wrong or forged key is a 404 for GET and POST, and changes nothing", async () => {
    const person = await makeUser(t.db);
    await notify(person.id, "session-changed");
    const [mail] = await deliver();
    const token = LINK.exec(mail!.headers["list-unsubscribe"]!)![1]!;
    const before = await preferenceRows(person.id);
    expect(before).toEqual([{ category: "schedule", enabled: 1 }]);

    const forged = [
      `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, // one character off
      "A".repeat(43), // the right shape, made up
      token.slice(0, 20), // too short
      `${token}x`, // too long
      "", // nothing
    ];
    for (const key of forged) {
      expect({ key, status: (await oneClick(key)).status }).toEqual({ key, status: 404 });
      expect({ key, status: (await open(key)).status }).toEqual({ key, status: 404 });
    }
    expect(await preferenceRows(person.id)).toEqual(before);
    expect(await auditLines(t.db).select("id").where("action", "=", "mail.preferences").where("target_id", "=", String(person.id)).execute()).toEqual([]);

    // A post without the one-click body is refused, and changes nothing either.
    expect((await oneClick(token, "iets=anders")).status).toBe(400);
    expect(await preferenceRows(person.id)).toEqual(before);

    // An anonymised person's link no longer works.
    await t.db.updateTable("users").set({ anonymised_at: NOW.toISOString() }).where("id", "=", person.id).execute();
    expect((await oneClick(token)).status).toBe(404);
  });

  it("the language a signed-in person picks in the app is the language of their e-mail", async () => {
    const person = await makeUser(t.db, { name: "Sam Jones" });
    const { token } = await createSession(t.db, person.id);
    const cookie = (await sessionCookie.serialize(token)).split(";")[0]!;

    // Before any choice: Dutch.
    await notify(person.id, "session-tomorrow");
    const [dutch] = await deliver();
    expect(dutch!.text).toContain("Hallo Sam Jones,");

    const request = new Request(`${BASE}/taal`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ lang: "en", redirectTo: "/account" }).toString(),
    });
    const answer = (await languageAction({ request, params: {}, context: signedOut } as ActionFunctionArgs)) as Response;
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Set-Cookie")).toContain("leerlijn_lang=");
    expect((await t.db.selectFrom("users").select("lang").where("id", "=", person.id).executeTakeFirstOrThrow()).lang).toBe("en");
    const changed = await auditLines(t.db).selectAll().where("action", "=", "account.lang").where("actor_id", "=", person.id).execute();
    expect(changed.map((l) => JSON.parse(l.details!) as unknown)).toEqual([{ from: null, to: "en" }]);

    await notify(person.id, "session-tomorrow");
    const [english] = await deliver();
    expect(english!.subject).toBe("Reminders: an assignment is due in 2 days, or there is a meeting tomorrow");
    expect(english!.text).toContain("Hello Sam Jones,");
    expect(english!.text).toContain("Don't want this kind of e-mail any more? Turn it off with this link:");
    expect(english!.html).toContain('<html lang="en">');
    const row = await t.db.selectFrom("mail_outbox").select("lang").where("recipient_user_id", "=", person.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(row.lang).toBe("en");

    // Someone not signed in only gets the cookie: no account changes.
    const anonymous = new Request(`${BASE}/taal`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ lang: "nl", redirectTo: "/" }).toString(),
    });
    await languageAction({ request: anonymous, params: {}, context: signedOut } as ActionFunctionArgs);
    expect((await t.db.selectFrom("users").select("lang").where("id", "=", person.id).executeTakeFirstOrThrow()).lang).toBe("en");
  });

  it("a language chosen before signing in becomes the person's e-mail language at sign-in, unless they chose one before", async () => {
    const signIn = async (email: string, lang: string | null) => {
      const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE };
      if (lang) headers.Cookie = (await langCookie.serialize(lang)).split(";")[0]!;
      const request = new Request(`${BASE}/login`, {
        method: "POST",
        headers,
        body: new URLSearchParams({ email, password: FACTORY_PASSWORD, redirectTo: "/" }).toString(),
      });
      const answer = (await loginAction({ request, params: {}, context: signedOut } as ActionFunctionArgs)) as Response;
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Set-Cookie")).toContain("leerlijn_session=");
    };
    const langOf = async (id: number) => (await t.db.selectFrom("users").select("lang").where("id", "=", id).executeTakeFirstOrThrow()).lang;

    // No choice on this device: nothing stored.
    const first = await makeUser(t.db, { name: "Noor Visser" });
    await signIn(first.email, null);
    expect(await langOf(first.id)).toBeNull();
    // English chosen on the login page: stored at sign-in, and audited.
    await signIn(first.email, "en");
    expect(await langOf(first.id)).toBe("en");
    const lines = await auditLines(t.db).selectAll().where("action", "=", "account.lang").where("actor_id", "=", first.id).execute();
    expect(lines).toHaveLength(1);
    // Later signing in on a device still set to Dutch does not overwrite the stored choice.
    await signIn(first.email, "nl");
    expect(await langOf(first.id)).toBe("en");
  });

  it("the choice on /account: the role's categories on or off, categories of other roles left alone, each change audited", async () => {
    const participant = await makeUser(t.db);
    const none = await saveMailPreferences(t.db, participant, ["updates", "schedule", "reminders"], IP, NOW);
    expect(none).toEqual({ on: [], off: [] });
    expect(await auditLines(t.db).select("id").where("action", "=", "mail.preferences").where("actor_id", "=", participant.id).execute()).toEqual([]);

    // "digest" is not a participant's box: sent anyway, it is ignored.
    expect(await saveMailPreferences(t.db, participant, ["updates", "digest"], IP, NOW)).toEqual({ on: [], off: ["schedule", "reminders"] });
    expect(await mailPreferences(t.db, participant.id)).toEqual({ updates: true, schedule: false, reminders: false, digest: true });
    expect(await notify(participant.id, "session-cancelled")).toBe(false);
    expect(await notify(participant.id, "certificate-issued")).toBe(true);

    expect(await saveMailPreferences(t.db, participant, ["updates", "reminders"], IP, NOW)).toEqual({ on: ["reminders"], off: [] });
    expect(await notify(participant.id, "assignment-due")).toBe(true);
    const lines = await auditLines(t.db).selectAll().where("action", "=", "mail.preferences").where("actor_id", "=", participant.id).orderBy("id").execute();
    expect(lines.map((l) => JSON.parse(l.details!) as unknown)).toEqual([
      { on: [], off: ["schedule", "reminders"], via: "account" },
      { on: ["reminders"], off: [], via: "account" },
    ]);
    expect(lines.every((l) => l.ip === IP && l.actor_role === "participant")).toBe(true);

    // A trainer turns the weekly overview off; changed meetings still come.
    const trainer = await makeUser(t.db, { role: "trainer" });
    await saveMailPreferences(t.db, trainer, ["schedule"], null, NOW);
    expect(await notify(trainer.id, "trainer-digest")).toBe(false);
    expect(await notify(trainer.id, "session-changed")).toBe(true);
  });
});
