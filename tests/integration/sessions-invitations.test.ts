import { createInvitation, acceptInvitation, inspectInvitation } from "../../app/services/invitations.server";
import { attemptLogin } from "../../app/services/login.server";
import { createSession, destroySession, userForSession } from "../../app/services/sessions.server";
import { tokenHash } from "../../app/services/tokens.server";
import { createInvitedUser, setActive } from "../../app/services/users.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
});
afterAll(() => t.close());

describe("server-side sessions", () => {
  it("stores only a hash of a 256-bit token and finds the user by the token", async () => {
    const u = await makeUser(t.db);
    const token = await createSession(t.db, u.id, { days: 7 });
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await t.db.selectFrom("auth_sessions").select("id").where("user_id", "=", u.id).execute();
    expect(rows).toEqual([{ id: tokenHash(token) }]);
    expect((await userForSession(t.db, token, { days: 7 }))?.id).toBe(u.id);
    expect(await userForSession(t.db, "raden-lukt-niet", { days: 7 })).toBeNull();
  });

  it("gives a new id at every sign-in and forgets a destroyed session", async () => {
    const u = await makeUser(t.db);
    const a = await createSession(t.db, u.id, { days: 7 });
    const b = await createSession(t.db, u.id, { days: 7 });
    expect(a).not.toBe(b);
    await destroySession(t.db, a);
    expect(await userForSession(t.db, a, { days: 7 })).toBeNull();
    expect((await userForSession(t.db, b, { days: 7 }))?.id).toBe(u.id);
  });

  it("expires sessions and removes them", async () => {
    const u = await makeUser(t.db);
    const now = new Date("2026-11-22T10:00:00Z");
    const token = await createSession(t.db, u.id, { days: 1, now });
    expect(await userForSession(t.db, token, { days: 1, now: new Date("2026-11-23T09:59:00Z") })).not.toBeNull();
    // that read slid the expiry forward by a day
    expect(await userForSession(t.db, token, { days: 1, now: new Date("2026-11-24T09:58:00Z") })).not.toBeNull();
    expect(await userForSession(t.db, token, { days: 1, now: new Date("2026-11-26T00:00:00Z") })).toBeNull();
    const left = await t.db.selectFrom("auth_sessions").select("id").where("id", "=", tokenHash(token)).execute();
    expect(left).toEqual([]);
  });

  it("ends every session of a person who is blocked", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const u = await makeUser(t.db);
    const token = await createSession(t.db, u.id, { days: 7 });
    await setActive(t.db, coordinator, u.id, false);
    expect(await userForSession(t.db, token, { days: 7 })).toBeNull();
  });
});

describe("invitations", () => {
  it("lets an invited person set a password once, then sign in", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const person = await createInvitedUser(t.db, { name: "Nieuwe Trainer", email: "Nieuw@Voorbeeld.test", role: "trainer" }, coordinator);
    expect(person).toMatchObject({ email: "nieuw@voorbeeld.test", status: "invited", password_hash: null });
    const { token, expiresAt } = await createInvitation(t.db, person.id, coordinator, new Date("2026-11-22T12:00:00Z"));
    expect(expiresAt).toBe("2026-11-29T12:00:00.000Z");
    const now = new Date("2026-11-23T12:00:00Z");
    expect(await inspectInvitation(t.db, token, now)).toEqual({ state: "valid", user: { id: person.id, name: "Nieuwe Trainer", email: "nieuw@voorbeeld.test" } });
    expect(await acceptInvitation(t.db, token, "mijn nieuwe wachtwoord", "10.0.0.5", now)).toEqual({ ok: true, userId: person.id });
    expect(await inspectInvitation(t.db, token, now)).toEqual({ state: "used" });
    expect(await acceptInvitation(t.db, token, "nog een keer proberen", null, now)).toEqual({ ok: false, state: "used" });
    const login = await attemptLogin(t.db, { email: "nieuw@voorbeeld.test", password: "mijn nieuwe wachtwoord", ip: null });
    expect(login.ok).toBe(true);
    const actions = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", String(person.id)).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["user.create", "invitation.create", "invitation.accept"]));
  });

  it("says a link has expired after 7 days", async () => {
    const person = await makeUser(t.db, { status: "invited" });
    const { token } = await createInvitation(t.db, person.id, null, new Date("2026-11-01T12:00:00Z"));
    expect(await inspectInvitation(t.db, token, new Date("2026-11-08T11:59:00Z"))).toMatchObject({ state: "valid" });
    expect(await inspectInvitation(t.db, token, new Date("2026-11-08T12:00:00Z"))).toEqual({ state: "expired" });
    expect(await acceptInvitation(t.db, token, "een goed wachtwoord", null, new Date("2026-11-09T00:00:00Z"))).toEqual({ ok: false, state: "expired" });
  });

  it("stops an older link when a new one is made, and knows no made-up link", async () => {
    const person = await makeUser(t.db, { status: "invited" });
    const first = await createInvitation(t.db, person.id, null);
    const second = await createInvitation(t.db, person.id, null);
    expect(await inspectInvitation(t.db, first.token)).toEqual({ state: "revoked" });
    expect(await inspectInvitation(t.db, second.token)).toMatchObject({ state: "valid" });
    expect(await inspectInvitation(t.db, "verzonnen-link")).toEqual({ state: "unknown" });
    const stored = await t.db.selectFrom("invitations").select("token_hash").where("user_id", "=", person.id).execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(second.token);
  });

  it("refuses a second person with the same email", async () => {
    await createInvitedUser(t.db, { name: "Een", email: "dubbel@voorbeeld.test", role: "participant" }, null);
    await expect(createInvitedUser(t.db, { name: "Twee", email: "DUBBEL@voorbeeld.test", role: "trainer" }, null)).rejects.toMatchObject({
      messageKey: "people.emailTaken",
      field: "email",
    });
  });
});
