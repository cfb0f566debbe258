import { attemptLogin } from "../../app/services/login.server";
import { createTestDb, type TestDb } from "../support/db";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { searchAudit } from "../../app/services/privacy.server";

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
    // The line proves who signed in; where from is a trace kept apart (removed by retention).
    expect(log[0]).toMatchObject({ outcome: "success", target_type: "user", target_id: String(u.id), ip: null });
    expect(await t.db.selectFrom("audit_traces").select(["ip", "email"]).where("audit_id", "=", log[0]!.id).execute()).toEqual([
      { ip: "10.0.0.1", email: null },
    ]);
  });

  it("keeps a typed e-mail address and the IP address out of the append-only log (issue 24.11)", async () => {
    const u = await makeUser(t.db, { email: "sporen@voorbeeld.test" });
    const first = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    await attemptLogin(t.db, { email: "sporen@voorbeeld.test", password: "fout-wachtwoord", ip: "192.0.2.44", now: at(0) });
    await attemptLogin(t.db, { email: "niet-bestaand@voorbeeld.test", password: "fout-wachtwoord", ip: "192.0.2.44", now: at(0) });
    const lines = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", Number(first.id ?? 0))
      .orderBy("id")
      .execute();
    expect(lines.map((l) => ({ action: l.action, outcome: l.outcome, target_type: l.target_type, target_id: l.target_id, ip: l.ip }))).toEqual([
      { action: "auth.login", outcome: "failure", target_type: "user", target_id: String(u.id), ip: null },
      { action: "auth.login", outcome: "failure", target_type: null, target_id: null, ip: null },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/voorbeeld\.test|192\.0\.2\.44/);
    const traces = await t.db
      .selectFrom("audit_traces")
      .select(["audit_id", "ip", "email"])
      .where(
        "audit_id",
        "in",
        lines.map((l) => l.id),
      )
      .orderBy("audit_id")
      .execute();
    expect(traces).toEqual([
      { audit_id: lines[0]!.id, ip: "192.0.2.44", email: null },
      { audit_id: lines[1]!.id, ip: "192.0.2.44", email: "niet-bestaand@voorbeeld.test" },
    ]);
    // The coordinator's log shows the traces while they are kept.
    const shown = await searchAudit(t.db, { action: "auth.login", outcome: "failure" });
    expect(shown.rows.find((r) => r.id === lines[1]!.id)).toMatchObject({ ip: "192.0.2.44", typed_email: "niet-bestaand@voorbeeld.test", target_type: null });
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
      await t.db
        .insertInto("login_attempts")
        .values({ email: `x${i}@voorbeeld.test`, ip, succeeded: 0, created_at: at(200).toISOString() })
        .execute();
    }
    const u = await makeUser(t.db);
    const r = await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip, now: at(201) });
    expect(r).toMatchObject({ ok: false, reason: "locked" });
    expect((await attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: "10.9.9.10", now: at(201) })).ok).toBe(true);
  });

  it("lets no more than the limit try a password when the attempts come in all at once", async () => {
    const u = await makeUser(t.db);
    // Twenty guesses sent in parallel: the password checks overlap, so without the reservation in
    // one transaction every guess would see zero failures and get a try.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attemptLogin(t.db, { email: u.email, password: `gok-${i}`, ip: `10.2.0.${i}`, now: at(300) })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(15);
    const rows = await t.db.selectFrom("login_attempts").select(["succeeded"]).where("email", "=", u.email).execute();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.succeeded === 0)).toBe(true);
  });

  it("records a right password in parallel with wrong ones as the one success", async () => {
    const u = await makeUser(t.db);
    const results = await Promise.all([
      attemptLogin(t.db, { email: u.email, password: "fout-1", ip: null, now: at(400) }),
      attemptLogin(t.db, { email: u.email, password: FACTORY_PASSWORD, ip: null, now: at(400) }),
      attemptLogin(t.db, { email: u.email, password: "fout-2", ip: null, now: at(400) }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, true, false]);
    const rows = await t.db.selectFrom("login_attempts").select(["succeeded"]).where("email", "=", u.email).orderBy("id").execute();
    expect(rows.map((r) => r.succeeded).sort()).toEqual([0, 0, 1]);
  });
});
