import { createInvitation, acceptInvitation, inspectInvitation } from "../../app/services/invitations.server";
import { attemptLogin } from "../../app/services/login.server";
import {
  createSession,
  destroySession,
  endOtherSessions,
  endOwnSession,
  listUserSessions,
  resolveSession,
  userForSession,
} from "../../app/services/sessions.server";
import { tokenHash } from "../../app/services/tokens.server";
import { createInvitedUser, setActive } from "../../app/services/users.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
});
afterAll(() => t.close());

const LIMITS = { idleMinutes: 30, maxHours: 12 };
const at = (iso: string) => new Date(iso);

async function lastSeen(token: string) {
  const row = await t.db.selectFrom("auth_sessions").select("last_seen_at").where("id", "=", tokenHash(token)).executeTakeFirstOrThrow();
  return row.last_seen_at;
}

describe("server-side sessions", () => {
  it("stores only a hash of a 256-bit token and a separate public id, and finds the user by the token", async () => {
    const u = await makeUser(t.db);
    const { token, publicId } = await createSession(t.db, u.id, { limits: LIMITS, userAgent: "Firefox · Linux", ip: "10.0.0.7" });
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await t.db.selectFrom("auth_sessions").select(["id", "public_id", "user_agent", "ip"]).where("user_id", "=", u.id).execute();
    expect(rows).toEqual([{ id: tokenHash(token), public_id: publicId, user_agent: "Firefox · Linux", ip: "10.0.0.7" }]);
    expect(publicId).not.toBe(tokenHash(token));
    expect(tokenHash(token)).not.toContain(publicId);
    expect((await userForSession(t.db, token, { limits: LIMITS }))?.id).toBe(u.id);
    expect(await resolveSession(t.db, "raden-lukt-niet", { limits: LIMITS })).toEqual({ state: "none" });
    // The public id is not a key to the session.
    expect(await resolveSession(t.db, publicId, { limits: LIMITS })).toEqual({ state: "none" });
  });

  it("gives a new id at every sign-in and forgets a destroyed session", async () => {
    const u = await makeUser(t.db);
    const a = await createSession(t.db, u.id);
    const b = await createSession(t.db, u.id);
    expect(a.token).not.toBe(b.token);
    expect(a.publicId).not.toBe(b.publicId);
    await destroySession(t.db, a.token);
    expect(await userForSession(t.db, a.token)).toBeNull();
    expect((await userForSession(t.db, b.token))?.id).toBe(u.id);
  });

  it("ends a session after 30 minutes without a request, and says it was idle", async () => {
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T10:00:00Z") });
    const still = await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T10:29:59Z") });
    expect(still).toMatchObject({ state: "active", user: { id: u.id } });
    // that request counted as activity: 29 minutes later it is still alive
    expect((await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T10:58:59Z") })).state).toBe("active");
    // but 30 minutes after the last request it is over, and it stays over
    expect(await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T11:28:59Z") })).toEqual({ state: "idle" });
    expect(await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T11:29:30Z") })).toEqual({ state: "idle" });
  });

  it("uses the configured idle time", async () => {
    const u = await makeUser(t.db);
    const limits = { idleMinutes: 5, maxHours: 12 };
    const { token } = await createSession(t.db, u.id, { limits, now: at("2026-11-22T10:00:00Z") });
    expect((await resolveSession(t.db, token, { limits, now: at("2026-11-22T10:04:00Z") })).state).toBe("active");
    expect((await resolveSession(t.db, token, { limits, now: at("2026-11-22T10:09:00Z") })).state).toBe("idle");
  });

  it("ends a session 12 hours after sign-in, however active the person is", async () => {
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T08:00:00Z") });
    // a request every 20 minutes all day long
    for (let m = 20; m < 12 * 60; m += 20) {
      const now = new Date(at("2026-11-22T08:00:00Z").getTime() + m * 60_000);
      expect((await resolveSession(t.db, token, { limits: LIMITS, now })).state).toBe("active");
    }
    expect(await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T20:00:00Z") })).toEqual({ state: "expired" });
  });

  it("writes last_seen_at at most once a minute", async () => {
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T10:00:00Z") });
    await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T10:00:30Z") });
    expect(await lastSeen(token)).toBe("2026-11-22T10:00:00.000Z");
    await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T10:00:59Z") });
    expect(await lastSeen(token)).toBe("2026-11-22T10:00:00.000Z");
    await resolveSession(t.db, token, { limits: LIMITS, now: at("2026-11-22T10:01:00Z") });
    expect(await lastSeen(token)).toBe("2026-11-22T10:01:00.000Z");
  });

  it("clears sessions that ended by time at the next sign-in (after the grace for a late form)", async () => {
    const u = await makeUser(t.db);
    const idle = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-20T10:00:00Z") });
    const old = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-20T09:00:00Z") });
    await t.db.updateTable("auth_sessions").set({ last_seen_at: "2026-11-20T20:59:00.000Z" }).where("id", "=", tokenHash(old.token)).execute();
    // Ended 30 minutes and 12 hours after its start; gone ENDED_SESSION_GRACE_HOURS (8) later.
    await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-21T05:00:00Z") });
    const left = await t.db
      .selectFrom("auth_sessions")
      .select("id")
      .where("id", "in", [tokenHash(idle.token), tokenHash(old.token)])
      .execute();
    expect(left).toEqual([]);
  });

  it("ends every session of a person who is blocked", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id);
    await setActive(t.db, coordinator, u.id, false);
    expect(await userForSession(t.db, token)).toBeNull();
  });
});

describe("a person's own sessions", () => {
  it("lists only live sessions of the person, marks the current one, and never shows the token hash", async () => {
    const u = await makeUser(t.db);
    const other = await makeUser(t.db);
    const now = at("2026-11-22T12:00:00Z");
    const here = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T11:50:00Z"), userAgent: "Firefox · Windows", ip: "10.0.0.1" });
    const phone = await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T11:40:00Z"), userAgent: "Safari · iPhone", ip: "10.0.0.2" });
    await createSession(t.db, u.id, { limits: LIMITS, now: at("2026-11-22T11:00:00Z") }); // idle by now
    await createSession(t.db, other.id, { limits: LIMITS, now });
    const list = await listUserSessions(t.db, u.id, here.publicId, { limits: LIMITS, now });
    expect(list).toEqual([
      {
        publicId: here.publicId,
        createdAt: "2026-11-22T11:50:00.000Z",
        lastSeenAt: "2026-11-22T11:50:00.000Z",
        userAgent: "Firefox · Windows",
        ip: "10.0.0.1",
        current: true,
      },
      {
        publicId: phone.publicId,
        createdAt: "2026-11-22T11:40:00.000Z",
        lastSeenAt: "2026-11-22T11:40:00.000Z",
        userAgent: "Safari · iPhone",
        ip: "10.0.0.2",
        current: false,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(tokenHash(here.token));
  });

  it("ends one other session of the person by public id, never someone else's and never the current one", async () => {
    const u = await makeUser(t.db);
    const mallory = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const laptop = await createSession(t.db, u.id);
    const theirs = await createSession(t.db, mallory.id);
    expect(await endOwnSession(t.db, u.id, theirs.publicId, here.publicId)).toBe(false);
    expect((await userForSession(t.db, theirs.token))?.id).toBe(mallory.id);
    expect(await endOwnSession(t.db, u.id, here.publicId, here.publicId)).toBe(false);
    expect((await userForSession(t.db, here.token))?.id).toBe(u.id);
    expect(await endOwnSession(t.db, u.id, "verzonnen", here.publicId)).toBe(false);
    expect(await endOwnSession(t.db, u.id, laptop.publicId, here.publicId)).toBe(true);
    expect(await userForSession(t.db, laptop.token)).toBeNull();
    expect((await userForSession(t.db, here.token))?.id).toBe(u.id);
  });

  it("ends all other sessions of the person and keeps the current one", async () => {
    const u = await makeUser(t.db);
    const bystander = await makeUser(t.db);
    const here = await createSession(t.db, u.id);
    const a = await createSession(t.db, u.id);
    const b = await createSession(t.db, u.id);
    const theirs = await createSession(t.db, bystander.id);
    expect(await endOtherSessions(t.db, u.id, here.publicId)).toBe(2);
    expect(await userForSession(t.db, a.token)).toBeNull();
    expect(await userForSession(t.db, b.token)).toBeNull();
    expect((await userForSession(t.db, here.token))?.id).toBe(u.id);
    expect((await userForSession(t.db, theirs.token))?.id).toBe(bystander.id);
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
    expect(await inspectInvitation(t.db, token, now)).toEqual({
      state: "valid",
      user: { id: person.id, name: "Nieuwe Trainer", email: "nieuw@voorbeeld.test" },
    });
    expect(await acceptInvitation(t.db, token, "mijn nieuwe wachtwoord", "10.0.0.5", now)).toEqual({ ok: true, userId: person.id });
    expect(await inspectInvitation(t.db, token, now)).toEqual({ state: "used" });
    expect(await acceptInvitation(t.db, token, "nog een keer proberen", null, now)).toEqual({ ok: false, state: "used" });
    const login = await attemptLogin(t.db, { email: "nieuw@voorbeeld.test", password: "mijn nieuwe wachtwoord", ip: null });
    expect(login.ok).toBe(true);
    const actions = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", String(person.id)).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["user.create", "invitation.create", "invitation.accept"]));
  });

  it("ends every session of the person when a new invitation is used as 'password forgotten'", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const person = await makeUser(t.db); // active, with a password
    const bystander = await makeUser(t.db);
    const laptop = await createSession(t.db, person.id);
    const phone = await createSession(t.db, person.id);
    const theirs = await createSession(t.db, bystander.id);
    const { token } = await createInvitation(t.db, person.id, coordinator);
    expect(await acceptInvitation(t.db, token, "een heel nieuw wachtwoord", "10.0.0.9")).toEqual({ ok: true, userId: person.id });
    expect(await userForSession(t.db, laptop.token)).toBeNull();
    expect(await userForSession(t.db, phone.token)).toBeNull();
    expect((await userForSession(t.db, theirs.token))?.id).toBe(bystander.id);
    const accepted = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "invitation.accept")
      .where("target_id", "=", String(person.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(accepted.details ?? "{}")).toEqual({ endedSessions: 2 });
    expect((await attemptLogin(t.db, { email: person.email, password: "een heel nieuw wachtwoord", ip: null })).ok).toBe(true);
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
