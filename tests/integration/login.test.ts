import { attemptLogin } from "../../app/services/login.server";
import { createTestDb, type TestDb } from "../support/db";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
});
afterAll(() => t.close());

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 12, 0) + minutes * 60_000);

describe("sign-in", () => {
  it("accepts the right password, case-insensitive email, and logs the success", async () => {
    const u = await makeUser(t.db, { role: "trainer", email: "Ans@voorbeeld.test".toLowerCase() });
    const r = await attemptLogin(t.db, { email: " ANS@voorbeeld.test ", password: FACTORY_PASSWORD, ip: "10.0.0.1", now: at(0) });
    expect(r).toMatchObject({ ok: true, user: { id: u.id } });
    const log = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "auth.login").where("actor_id", "=", u.id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: "success", ip: "10.0.0.1" });
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    await makeUser(t.db, { email: "bekend@voorbeeld.test" });
    const wrong = await attemptLogin(t.db, { email: "bekend@voorbeeld.test", password: "fout-wachtwoord", ip: null, now: at(0) });
    const unknown = await attemptLogin(t.db, { email: "onbekend@voorbeeld.test", password: "fout-wachtwoord", ip: null, now: at(0) });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses invited (no password yet) and disabled accounts", async () => {
    const invited = await makeUser(t.db, { status: "invited" });
    const disabled = await makeUser(t.db, { status: "disabled" });
    for (const u of [invited, disabled]) {
      expect(await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null, now: at(0) })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("locks an account after 5 failures in 15 minutes, even for the right password, and unlocks after", async () => {
    const u = await makeUser(t.db);
    for (let i = 0; i < 5; i++) {
      const r = await attemptLogin(t.db, { email: u.email, password: `fout-${i}`, ip: `10.1.0.${i}`, now: at(i) });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: "10.1.1.1", now: at(5) });
    expect(locked).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 10 });
    // The first failure leaves the window at minute 15: one failure fewer than the limit.
    const later = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: "10.1.1.1", now: at(15.5) });
    expect(later.ok).toBe(true);
  });

  it("starts counting afresh after a successful sign-in", async () => {
    const u = await makeUser(t.db);
    for (let i = 0; i < 4; i++) await attemptLogin(t.db, { email: u.email, password: "fout", ip: null, now: at(100 + i) });
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null, now: at(105) })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await attemptLogin(t.db, { email: u.email, password: "fout", ip: null, now: at(106 + i) });
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null, now: at(111) })).ok).toBe(true);
  });

  it("locks an IP address that tries many accounts", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < 50; i++) {
      await t.db.insertInto("login_attempts").values({ email: `x${i}@voorbeeld.test`, ip, succeeded: 0, created_at: at(200).toISOString() }).execute();
    }
    const u = await makeUser(t.db);
    const r = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip, now: at(201) });
    expect(r).toMatchObject({ ok: false, reason: "locked" });
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: "10.9.9.10", now: at(201) })).ok).toBe(true);
  });
});
