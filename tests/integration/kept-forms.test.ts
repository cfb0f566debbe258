import { keptCookie, keptFormFor, requireUser, sessionCookie } from "../../app/auth.server";
import { currentTime, currentTimeMs } from "../../app/clock.server";
import { setDb } from "../../app/db.server";
import { applyRetention } from "../../app/services/privacy.server";
import { KEEP_HOURS, keepableFields, keepForm, purgeKeptForms, takeKeptForm } from "../../app/services/kept-forms.server";
import { createSession, ENDED_SESSION_GRACE_HOURS, purgeExpiredSessions, resolveSession, sessionClock } from "../../app/services/sessions.server";
import { tokenHash } from "../../app/services/tokens.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";

/**
 * Issue 27 point 1: a form sent after the session ended by time is kept for the person whose
 * session it was, on that page, and offered once after they sign in again; never to anyone else.
 * And the session's clock that the warning before a time-out asks.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
  setDb(t.db);
});
afterAll(() => t.close());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(currentTimeMs() - ms);
const later = (ms: number) => new Date(currentTimeMs() + ms);

async function cookieFor(token: string): Promise<string> {
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

async function postWith(cookie: string, path: string, fields: [string, string][]): Promise<Request> {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

/** The cookies a response sets, as one Cookie header (name=value pairs). */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

const PRACTICE: [string, string][] = [
  ["date", "2026-11-17"],
  ["hours", "2"],
  ["activity", "gesprek"],
  ["description", "Ik voerde een gesprek met een bewoner."],
  ["reflection", "Ik leerde dat luisteren meer oplevert dan praten."],
  ["intent", "save"],
  ["website", "robot"],
];

describe("a form sent after the session ended by time", () => {
  it("is kept for the person whose session it was, on that page, and offered to them once after signing in", async () => {
    const anna = await makeUser(t.db);
    const { token } = await createSession(t.db, anna.id, { now: ago(31 * MINUTE) });
    const res = await thrown(requireUser(await postWith(await cookieFor(token), "/deelnemer/praktijk?index", PRACTICE)));
    const to = new URL(res.headers.get("Location")!, "http://localhost");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("reden")).toBe("inactief");
    expect(to.searchParams.get("redirectTo")).toBe("/deelnemer/praktijk?index");
    const cookies = cookiesOf(res);
    expect(cookies).toContain("leerlijn_session=");
    const kept = cookies.find((c) => c.startsWith("leerlijn_kept="));
    expect(kept).toBeDefined();

    // Anna signs in again and opens the page: her text is there, without the robot trap; the button's
    // intent is kept apart (which of the page's forms it was), never among the fields.
    const fresh = await createSession(t.db, anna.id);
    const page = (path: string, token: string) =>
      new Request(`http://localhost${path}`, { headers: { Cookie: `${kept!}; leerlijn_session=${encodeURIComponent(token)}` } });
    expect(await keptFormFor(page("/deelnemer/pop", fresh.token), anna)).toBeNull(); // another page: nothing
    expect(await keptFormFor(page("/deelnemer/praktijk", fresh.token), anna)).toEqual({
      intent: "save",
      fields: {
        date: "2026-11-17",
        hours: "2",
        activity: "gesprek",
        description: "Ik voerde een gesprek met een bewoner.",
        reflection: "Ik leerde dat luisteren meer oplevert dan praten.",
      },
    });
    // Offered once: a reload shows the page as it is.
    expect(await keptFormFor(page("/deelnemer/praktijk", fresh.token), anna)).toBeNull();
  });

  it("is never offered to someone else who signs in on the same browser", async () => {
    const anna = await makeUser(t.db);
    const bram = await makeUser(t.db);
    const { token } = await createSession(t.db, anna.id, { now: ago(31 * MINUTE) });
    const res = await thrown(requireUser(await postWith(await cookieFor(token), "/deelnemer/praktijk", PRACTICE)));
    const kept = cookiesOf(res).find((c) => c.startsWith("leerlijn_kept="))!;
    const request = new Request("http://localhost/deelnemer/praktijk", { headers: { Cookie: kept } });
    expect(await keptFormFor(request, bram)).toBeNull();
    // …and Bram looking did not use it up: Anna still gets it.
    expect(await keptFormFor(new Request("http://localhost/deelnemer/praktijk", { headers: { Cookie: kept } }), anna)).toMatchObject({
      fields: { description: "Ik voerde een gesprek met een bewoner." },
    });
  });

  it("is not looked for without the kept cookie, nor on a post", async () => {
    const anna = await makeUser(t.db);
    await keepForm(t.db, anna.id, "/deelnemer/pop", { wieBenIk: "Ik ben Anna." });
    expect(await keptFormFor(new Request("http://localhost/deelnemer/pop"), anna)).toBeNull();
    const kept = (await keptCookie.serialize("1")).split(";")[0]!;
    expect(await keptFormFor(new Request("http://localhost/deelnemer/pop", { method: "POST", headers: { Cookie: kept } }), anna)).toBeNull();
    expect(await keptFormFor(new Request("http://localhost/deelnemer/pop", { headers: { Cookie: kept } }), anna)).toEqual({
      fields: { wieBenIk: "Ik ben Anna." },
      intent: null,
    });
  });

  it("keeps nothing for a live session, an unknown token, a blocked person, or a form without typing", async () => {
    const anna = await makeUser(t.db);
    const count = async () => (await t.db.selectFrom("kept_forms").select("id").where("user_id", "=", anna.id).execute()).length;
    // Unknown token: to the login page without a reason, nothing kept.
    const unknown = await thrown(requireUser(await postWith(await cookieFor("geen-echte-sessie"), "/deelnemer/praktijk", PRACTICE)));
    expect(cookiesOf(unknown).some((c) => c.startsWith("leerlijn_kept="))).toBe(false);
    // Only the button and the robot trap: nothing typed, nothing kept.
    const idle = await createSession(t.db, anna.id, { now: ago(31 * MINUTE) });
    const empty = await thrown(
      requireUser(
        await postWith(await cookieFor(idle.token), "/deelnemer/praktijk", [
          ["intent", "signoff"],
          ["website", ""],
        ]),
      ),
    );
    expect(cookiesOf(empty).some((c) => c.startsWith("leerlijn_kept="))).toBe(false);
    // A blocked person's ended session: nothing.
    const blocked = await makeUser(t.db, { status: "disabled" });
    const gone = await createSession(t.db, blocked.id, { now: ago(31 * MINUTE) });
    await thrown(requireUser(await postWith(await cookieFor(gone.token), "/deelnemer/praktijk", PRACTICE)));
    expect(await t.db.selectFrom("kept_forms").select("id").where("user_id", "=", blocked.id).execute()).toEqual([]);
    // A live session goes through: the action reads the form itself.
    const live = await createSession(t.db, anna.id);
    await expect(requireUser(await postWith(await cookieFor(live.token), "/deelnemer/praktijk", PRACTICE))).resolves.toMatchObject({ id: anna.id });
    expect(await count()).toBe(0);
  });

  it("keeps also after the absolute end of a session (12 hours)", async () => {
    const anna = await makeUser(t.db);
    const { token } = await createSession(t.db, anna.id, { now: ago(12 * HOUR + MINUTE) });
    await t.db
      .updateTable("auth_sessions")
      .set({ last_seen_at: ago(5 * MINUTE).toISOString() })
      .where("id", "=", tokenHash(token))
      .execute();
    const res = await thrown(requireUser(await postWith(await cookieFor(token), "/deelnemer/pop", [["wieBenIk", "Ik ben Anna."]])));
    expect(new URL(res.headers.get("Location")!, "http://localhost").searchParams.get("reden")).toBe("verlopen");
    expect(await takeKeptForm(t.db, anna.id, "/deelnemer/pop")).toEqual({ fields: { wieBenIk: "Ik ben Anna." }, intent: null });
  });
});

describe("what is kept", () => {
  it("never passwords, codes, tokens, the robot trap, the button's intent, the return path or files", () => {
    const fd = new FormData();
    fd.append("description", "mijn tekst");
    fd.append("password", "geheim-wachtwoord-1");
    fd.append("newPassword", "geheim-wachtwoord-2");
    fd.append("passwordConfirm", "geheim-wachtwoord-2");
    fd.append("code", "123456");
    fd.append("recoveryCode", "abcd-efgh");
    fd.append("csrf", "x");
    fd.append("token", "y");
    fd.append("website", "robot");
    fd.append("intent", "save");
    fd.append("redirectTo", "/elders");
    fd.append("bijlage", new Blob(["bestand"]), "bijlage.pdf");
    fd.append("competenties", "a");
    fd.append("competenties", "b");
    fd.append("team", "");
    expect(keepableFields(fd)).toEqual({ description: "mijn tekst", competenties: ["a", "b"], team: "" });
  });

  it("nothing when nothing was typed", () => {
    const fd = new FormData();
    fd.append("team", "  ");
    fd.append("password", "geheim");
    expect(keepableFields(fd)).toBeNull();
  });

  it("one per person and page: a newer form replaces the older", async () => {
    const anna = await makeUser(t.db);
    await keepForm(t.db, anna.id, "/deelnemer/pop", { wieBenIk: "eerste" });
    await keepForm(t.db, anna.id, "/deelnemer/pop", { wieBenIk: "tweede" });
    await keepForm(t.db, anna.id, "/deelnemer/praktijk", { description: "elders" });
    expect(await takeKeptForm(t.db, anna.id, "/deelnemer/pop")).toEqual({ fields: { wieBenIk: "tweede" }, intent: null });
    expect(await takeKeptForm(t.db, anna.id, "/deelnemer/pop")).toBeNull();
    expect(await takeKeptForm(t.db, anna.id, "/deelnemer/praktijk")).toEqual({ fields: { description: "elders" }, intent: null });
  });

  it(`for ${KEEP_HOURS} hours at most: an older one is never offered and is cleaned up`, async () => {
    const anna = await makeUser(t.db);
    const bram = await makeUser(t.db);
    await keepForm(t.db, anna.id, "/deelnemer/pop", { wieBenIk: "oud" }, ago(KEEP_HOURS * HOUR + MINUTE));
    await keepForm(t.db, bram.id, "/deelnemer/pop", { wieBenIk: "vers" }, ago(HOUR));
    await keepForm(t.db, bram.id, "/deelnemer/praktijk", { description: "bijna oud" }, ago(KEEP_HOURS * HOUR - MINUTE));
    expect(await takeKeptForm(t.db, anna.id, "/deelnemer/pop")).toBeNull();
    await keepForm(t.db, anna.id, "/deelnemer/gop", { text: "nog oud" }, ago(KEEP_HOURS * HOUR + MINUTE));
    expect(await purgeKeptForms(t.db, currentTime())).toBe(1);
    expect(await takeKeptForm(t.db, bram.id, "/deelnemer/praktijk", later(2 * MINUTE))).toBeNull(); // expired between
    expect(await takeKeptForm(t.db, bram.id, "/deelnemer/pop")).toEqual({ fields: { wieBenIk: "vers" }, intent: null });
  });

  it("is removed by the retention run once past its time", async () => {
    const anna = await makeUser(t.db);
    await keepForm(t.db, anna.id, "/deelnemer/pop", { wieBenIk: "oud" }, ago(KEEP_HOURS * HOUR + MINUTE));
    const report = await applyRetention(t.db);
    expect(report.keptForms).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom("kept_forms").select("id").where("user_id", "=", anna.id).execute()).toEqual([]);
  });
});

describe("the session's clock for the warning before a time-out", () => {
  const LIMITS = { idleMinutes: 30, maxHours: 12 };

  it("says how long is left without extending the session; 'Ik ben er nog' extends it", async () => {
    const anna = await makeUser(t.db);
    const now = currentTime();
    const start = new Date(now.getTime() - 29 * MINUTE);
    const { token } = await createSession(t.db, anna.id, { limits: LIMITS, now: start });
    expect(await sessionClock(t.db, token, { limits: LIMITS, now })).toEqual({ state: "active", endsInMs: MINUTE });
    // Looking is not activity: the session still ends one minute from now.
    expect(await resolveSession(t.db, token, { limits: LIMITS, now: new Date(now.getTime() + MINUTE) })).toEqual({ state: "idle" });
    const other = await createSession(t.db, anna.id, { limits: LIMITS, now: start });
    expect(await sessionClock(t.db, other.token, { limits: LIMITS, now, touch: true })).toEqual({ state: "active", endsInMs: 30 * MINUTE });
    expect((await resolveSession(t.db, other.token, { limits: LIMITS, now: new Date(now.getTime() + MINUTE) })).state).toBe("active");
  });

  it("never revives an ended session, and says the end of a 12-hour session", async () => {
    const anna = await makeUser(t.db);
    const idle = await createSession(t.db, anna.id, { limits: LIMITS, now: ago(31 * MINUTE) });
    expect(await sessionClock(t.db, idle.token, { limits: LIMITS, touch: true })).toEqual({ state: "ended" });
    expect((await resolveSession(t.db, idle.token, { limits: LIMITS })).state).toBe("idle");
    expect(await sessionClock(t.db, "geen-echte-sessie", { limits: LIMITS })).toEqual({ state: "ended" });
    const now = currentTime();
    const long = await createSession(t.db, anna.id, { limits: LIMITS, now: new Date(now.getTime() - (12 * HOUR - 10 * MINUTE)) });
    await t.db.updateTable("auth_sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", tokenHash(long.token)).execute();
    expect(await sessionClock(t.db, long.token, { limits: LIMITS, now, touch: true })).toEqual({ state: "active", endsInMs: 10 * MINUTE });
  });

  it("counts activity also with a 1-minute idle time (SESSION_IDLE_MINUTES=1)", async () => {
    const limits = { idleMinutes: 1, maxHours: 12 };
    const anna = await makeUser(t.db);
    const start = currentTime();
    const { token } = await createSession(t.db, anna.id, { limits, now: start });
    const at = (s: number) => new Date(start.getTime() + s * 1000);
    for (let s = 10; s <= 150; s += 10) expect((await resolveSession(t.db, token, { limits, now: at(s) })).state).toBe("active");
    expect((await resolveSession(t.db, token, { limits, now: at(211) })).state).toBe("idle");
  });

  it(`keeps a session that ended by time for ${ENDED_SESSION_GRACE_HOURS} hours (to know whose late form it is), then clears it`, async () => {
    const anna = await makeUser(t.db);
    const { token } = await createSession(t.db, anna.id, { limits: LIMITS, now: ago(2 * HOUR) });
    await purgeExpiredSessions(t.db, LIMITS, currentTime());
    expect((await resolveSession(t.db, token, { limits: LIMITS })).state).toBe("idle");
    await purgeExpiredSessions(t.db, LIMITS, later(ENDED_SESSION_GRACE_HOURS * HOUR));
    expect((await resolveSession(t.db, token, { limits: LIMITS })).state).toBe("none");
  });
});
