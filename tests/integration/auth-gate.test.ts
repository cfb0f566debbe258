import { endSession, requireArea, requireUser, sessionCookie } from "../../app/auth.server";
import { REQUEST_ID_HEADER } from "../../app/request-info";
import { setDb } from "../../app/db.server";
import { totp } from "../../app/rules/totp";
import { createSession } from "../../app/services/sessions.server";
import { confirmTotpEnrolment, setTotpRequired, startTotpEnrolment } from "../../app/services/totp.server";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { currentTime, currentTimeMs } from "../../app/clock.server";

/** The door of every loader and action (auth.server.ts) on a real database, with real cookies. */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("empty");
  setDb(t.db);
});
afterAll(() => t.close());

async function requestWith(token: string, path = "/examinator"): Promise<Request> {
  const cookie = (await sessionCookie.serialize(token)).split(";")[0];
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
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

describe("requireUser after a session ended by time", () => {
  it("sends an idle person to the login page with the reason, and clears the cookie", async () => {
    const u = await makeUser(t.db);
    const long = new Date(currentTimeMs() - 31 * 60_000);
    const { token } = await createSession(t.db, u.id, { now: long });
    const res = await thrown(requireUser(await requestWith(token, "/deelnemer/rooster?week=2")));
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("Location")!, "http://localhost");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("reden")).toBe("inactief");
    expect(to.searchParams.get("redirectTo")).toBe("/deelnemer/rooster?week=2");
    expect(res.headers.get("Set-Cookie")).toMatch(/^leerlijn_session=; .*Max-Age=0/);
  });

  it("sends someone without a session to the login page without a reason", async () => {
    const res = await thrown(requireUser(await requestWith("geen-echte-sessie")));
    expect(new URL(res.headers.get("Location")!, "http://localhost").searchParams.get("reden")).toBeNull();
  });

  it("lets an active person in, and the cookie lives no longer than 12 hours", async () => {
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id);
    await expect(requireUser(await requestWith(token))).resolves.toMatchObject({ id: u.id });
    expect(await sessionCookie.serialize(token)).toMatch(/Max-Age=43200/);
    const cleared = await endSession(await requestWith(token));
    expect(cleared).toMatch(/Max-Age=0/);
    await expect(thrown(requireUser(await requestWith(token)))).resolves.toMatchObject({ status: 302 });
  });
});

describe("required second factor", () => {
  it("sends coordinators, examiners and trainers without it to /account, and lets them in once it is on", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const examiner = await makeUser(t.db, { role: "examiner" });
    const trainer = await makeUser(t.db, { role: "trainer" });
    const ex = (await createSession(t.db, examiner.id)).token;
    const tr = (await createSession(t.db, trainer.id)).token;
    const participant = await makeUser(t.db);
    const pa = (await createSession(t.db, participant.id)).token;
    await expect(requireArea(await requestWith(ex), "interviews")).resolves.toMatchObject({ id: examiner.id });

    await setTotpRequired(t.db, coordinator, true);
    try {
      const res = await thrown(requireArea(await requestWith(ex), "interviews"));
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/account?tweestap=verplicht");
      // the account page itself stays open, so they can set it up
      await expect(requireArea(await requestWith(ex, "/account"), "account")).resolves.toMatchObject({ id: examiner.id });
      // Trainers read POPs and intervisie records: they are asked too (issue 24, point 12) ...
      const trainerRes = await thrown(requireArea(await requestWith(tr, "/trainer"), "trainer-home"));
      expect(trainerRes.headers.get("Location")).toBe("/account?tweestap=verplicht");
      // ... participants are not (they may turn it on themselves)
      await expect(requireArea(await requestWith(pa, "/deelnemer"), "participant-home")).resolves.toMatchObject({ id: participant.id });

      const now = currentTime();
      const secret = await startTotpEnrolment(t.db, examiner, now);
      await confirmTotpEnrolment(t.db, examiner, totp(secret, now), null, now);
      await expect(requireArea(await requestWith(ex), "interviews")).resolves.toMatchObject({ id: examiner.id });
      const trainerSecret = await startTotpEnrolment(t.db, trainer, now);
      await confirmTotpEnrolment(t.db, trainer, totp(trainerSecret, now), null, now);
      await expect(requireArea(await requestWith(tr, "/trainer"), "trainer-home")).resolves.toMatchObject({ id: trainer.id });
    } finally {
      await setTotpRequired(t.db, coordinator, false);
    }
  });
});

describe("one session lookup per page request", () => {
  /** Copies of one request, as Remix hands each loader its own; `id` is what server.ts sets. */
  async function copies(token: string, id: string | null, method = "GET"): Promise<[Request, Request]> {
    const cookie = (await sessionCookie.serialize(token)).split(";")[0];
    const headers: Record<string, string> = { Cookie: cookie };
    if (id) headers[REQUEST_ID_HEADER] = id;
    const make = () => new Request("http://localhost/examinator", { method, headers, body: method === "GET" ? undefined : "x=1" });
    return [make(), make()];
  }

  it("the loaders of one GET request share the lookup; a session ended in between is seen by the next request", async () => {
    const u = await makeUser(t.db);
    const { token } = await createSession(t.db, u.id);
    const [root, page] = await copies(token, "req-1");
    await expect(requireUser(root)).resolves.toMatchObject({ id: u.id });
    await endSession(root);
    // Same request: the answer the root loader got (the page was already being served).
    await expect(requireUser(page)).resolves.toMatchObject({ id: u.id });
    // A new request (a new id) looks again and finds the session gone.
    const [next] = await copies(token, "req-2");
    await expect(thrown(requireUser(next))).resolves.toMatchObject({ status: 302 });
  });

  it("shares nothing without the id, and looks again after an action (POST)", async () => {
    const u = await makeUser(t.db);
    const a = await createSession(t.db, u.id);
    const [first, second] = await copies(a.token, null);
    await expect(requireUser(first)).resolves.toMatchObject({ id: u.id });
    await endSession(first);
    await expect(thrown(requireUser(second))).resolves.toMatchObject({ status: 302 });

    const b = await createSession(t.db, u.id);
    const [action, loader] = await copies(b.token, "req-3", "POST");
    await expect(requireUser(action)).resolves.toMatchObject({ id: u.id });
    await endSession(action);
    await expect(thrown(requireUser(loader))).resolves.toMatchObject({ status: 302 });
  });
});
