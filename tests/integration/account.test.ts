import { changePassword, signOutDevice, signOutEverywhereElse } from "../../app/services/account.server";
import { UserInputError } from "../../app/services/errors";
import { acceptInvitation, createInvitation, inspectInvitation } from "../../app/services/invitations.server";
import { attemptLogin } from "../../app/services/login.server";
import { createSession, userForSession } from "../../app/services/sessions.server";
import { createTestDb, type TestDb } from "../support/db";
import { auditLines } from "../support/audit";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";

// scrypt (N=2^17) is slow on purpose and the machine is shared: give each case room.
jest.setTimeout(60_000);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
});
afterAll(() => t.close());

const NEW_PASSWORD = "fietsen langs de amstel in mei";

async function auditOf(userId: number, action: string) {
  return auditLines(t.db)
    .select(["action", "outcome", "actor_id", "ip", "details"])
    .where("target_id", "=", String(userId))
    .where("action", "=", action)
    .orderBy("id")
    .execute();
}

describe("changing your own password", () => {
  it("needs the right current password, counts a wrong one as a failed sign-in, and logs it", async () => {
    const u = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const ctx = { currentSessionId: here.publicId, ip: "10.2.0.1" };
    await expect(changePassword(t.db, u, { current: "niet-mijn-wachtwoord", password: NEW_PASSWORD }, ctx)).rejects.toMatchObject({
      messageKey: "account.password.currentWrong",
      field: "current",
    });
    expect(await auditOf(u.id, "password.change")).toEqual([
      { action: "password.change", outcome: "failure", actor_id: u.id, ip: "10.2.0.1", details: JSON.stringify({ reason: "current" }) },
    ]);
    const attempts = await t.db.selectFrom("login_attempts").select("succeeded").where("email", "=", u.email).execute();
    expect(attempts).toEqual([{ succeeded: 0 }]);
    // nothing changed
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null })).ok).toBe(true);
  });

  it("stops after five wrong current passwords, like the sign-in", async () => {
    const u = await makeUser(t.db);
    const ctx = { currentSessionId: null, ip: null, now: new Date("2026-11-22T10:00:00Z") };
    for (let i = 0; i < 5; i++) {
      await expect(changePassword(t.db, u, { current: `fout-${i}`, password: NEW_PASSWORD }, ctx)).rejects.toMatchObject({
        messageKey: "account.password.currentWrong",
      });
    }
    await expect(changePassword(t.db, u, { current: FACTORY_PASSWORD, password: NEW_PASSWORD }, ctx)).rejects.toMatchObject({
      messageKey: "account.password.locked",
    });
    const login = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null, now: new Date("2026-11-22T10:01:00Z") });
    expect(login).toMatchObject({ ok: false, reason: "locked" });
  });

  it("refuses a common or personal new password, and the same one again", async () => {
    const u = await makeUser(t.db, { name: "Karin Smits" });
    const ctx = { currentSessionId: null, ip: null };
    const attempt = (password: string) => changePassword(t.db, u, { current: FACTORY_PASSWORD, password }, ctx);
    await expect(attempt("welkom123456")).rejects.toMatchObject({ messageKey: "password.weak.common", field: "password" });
    await expect(attempt("password1234")).rejects.toMatchObject({ messageKey: "password.weak.common", field: "password" });
    await expect(attempt(u.email)).rejects.toMatchObject({ messageKey: "password.weak.personal", field: "password" });
    await expect(attempt("KarinSmits2026")).rejects.toMatchObject({ messageKey: "password.weak.personal", field: "password" });
    await expect(attempt(FACTORY_PASSWORD)).rejects.toMatchObject({ messageKey: "account.password.same" });
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null })).ok).toBe(true);
  });

  it("sets the new password, ends every other session of the person and keeps this one", async () => {
    const u = await makeUser(t.db);
    const bystander = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const phone = await createSession(t.db, u.id);
    const laptop = await createSession(t.db, u.id);
    const theirs = await createSession(t.db, bystander.id);
    const result = await changePassword(t.db, u, { current: FACTORY_PASSWORD, password: NEW_PASSWORD }, { currentSessionId: here.publicId, ip: "10.2.0.9" });
    expect(result).toEqual({ endedSessions: 2 });
    expect(await userForSession(t.db, phone.token)).toBeNull();
    expect(await userForSession(t.db, laptop.token)).toBeNull();
    expect((await userForSession(t.db, here.token))?.id).toBe(u.id);
    expect((await userForSession(t.db, theirs.token))?.id).toBe(bystander.id);
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null })).ok).toBe(false);
    expect((await attemptLogin(t.db, { email: u.email, password: NEW_PASSWORD, ip: null })).ok).toBe(true);
    expect(await auditOf(u.id, "password.change")).toEqual([
      { action: "password.change", outcome: "success", actor_id: u.id, ip: "10.2.0.9", details: JSON.stringify({ endedSessions: 2 }) },
    ]);
  });
});

describe("ending your own sessions", () => {
  it("ends one of your own sessions and logs it; someone else's session id is refused", async () => {
    const u = await makeUser(t.db);
    const mallory = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const other = await createSession(t.db, u.id);
    const victim = await createSession(t.db, u.id);
    const ctxMallory = { currentSessionId: (await createSession(t.db, mallory.id)).publicId, ip: null };
    await expect(signOutDevice(t.db, mallory, victim.publicId, ctxMallory)).rejects.toBeInstanceOf(UserInputError);
    expect((await userForSession(t.db, victim.token))?.id).toBe(u.id);
    await signOutDevice(t.db, u, other.publicId, { currentSessionId: here.publicId, ip: null });
    expect(await userForSession(t.db, other.token)).toBeNull();
    expect((await userForSession(t.db, victim.token))?.id).toBe(u.id);
    expect((await auditOf(u.id, "session.end")).map((a) => a.outcome)).toEqual(["success"]);
  });

  it("ends all your other sessions at once", async () => {
    const u = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const a = await createSession(t.db, u.id);
    expect(await signOutEverywhereElse(t.db, u, { currentSessionId: here.publicId, ip: null })).toBe(1);
    expect(await userForSession(t.db, a.token)).toBeNull();
    expect((await userForSession(t.db, here.token))?.id).toBe(u.id);
  });
});

describe("choosing the first password through an invitation", () => {
  it("refuses a common or personal password and keeps the link usable", async () => {
    const person = await makeUser(t.db, { status: "invited", name: "Youssef Benali" });
    const { token } = await createInvitation(t.db, person.id, null);
    await expect(acceptInvitation(t.db, token, "password1234", null)).rejects.toMatchObject({ messageKey: "password.weak.common", field: "password" });
    await expect(acceptInvitation(t.db, token, person.email, null)).rejects.toMatchObject({ messageKey: "password.weak.personal" });
    expect(await inspectInvitation(t.db, token)).toMatchObject({ state: "valid" });
    expect(await acceptInvitation(t.db, token, NEW_PASSWORD, null)).toEqual({ ok: true, userId: person.id });
  });
});

describe("honeypot on the sign-in form", () => {
  it("answers a filled-in honeypot like a wrong password, even with the right one, and logs login.honeypot", async () => {
    const u = await makeUser(t.db);
    const result = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, honeypot: "https://spam.example", ip: "10.3.0.1" });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const lines = await auditLines(t.db)
      .select(["action", "outcome", "ip", "actor_id"])
      .where("ip", "=", "10.3.0.1")
      .where("action", "like", "login.%")
      .execute();
    expect(lines).toEqual([{ action: "login.honeypot", outcome: "denied", ip: "10.3.0.1", actor_id: null }]);
    // an empty honeypot is what people send: they get in
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, honeypot: "", ip: "10.3.0.1" })).ok).toBe(true);
  });

  it("counts honeypot hits toward the same per-IP lock-out before any hashing, and audits them once, not per request", async () => {
    const u = await makeUser(t.db);
    const ip = "10.3.0.2";
    const settings = { maxFailuresPerAccount: 5, maxFailuresPerIp: 8, windowMinutes: 15 };
    const results = [];
    for (let i = 0; i < 12; i++) {
      results.push(await attemptLogin(t.db, { email: `robot${i}@spam.example`, password: "x", honeypot: "https://spam.example", ip, settings }));
    }
    expect(results.slice(0, 8).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.slice(8).every((r) => !r.ok && r.reason === "locked")).toBe(true);
    // The address is locked for people too (the honeypot hits counted as failures).
    expect(await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip, settings })).toMatchObject({ ok: false, reason: "locked" });
    // 12 hits, one audit line; the hits are counted where retention forgets them.
    const audited = await auditLines(t.db).select("action").where("ip", "=", ip).where("action", "=", "login.honeypot").execute();
    expect(audited).toHaveLength(1);
    const counted = await t.db.selectFrom("rate_limit_hits").select("id").where("key", "=", `honeypot:login:${ip}`).execute();
    expect(counted).toHaveLength(12);
  });
});
