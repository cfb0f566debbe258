import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { resetClockFromEnv, currentTime } from "../../app/clock.server";
import { setDb } from "../../app/db.server";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { certificateDownload, revokeCertificate } from "../../app/services/certificates.server";
import { collectParticipantData } from "../../app/services/data-export.server";
import { attemptLogin } from "../../app/services/login.server";
import { leavePool, ownPoolProfile, poolPage, savePoolProfile, setPoolPaused } from "../../app/services/pool.server";
import { anonymisePerson, applyRetention } from "../../app/services/privacy.server";
import { createSession } from "../../app/services/sessions.server";
import { action as poolAction, loader as poolLoader } from "../../app/routes/deelnemer.pool";
import { loader as homeLoader } from "../../app/routes/deelnemer._index";
import type { PoolProfileInput } from "../../app/forms/pool";
import { DEMO_COHORT_FINISHED, DEMO_PASSWORD } from "../../demo/seed";
import { auditLines } from "../support/audit";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";

/*
 * Issue 31, points 1, 2 and 6: a certified participant keeps their account after the course, and
 * may join the pool of ervaringsdeskundigen with a profile they choose; pause, resume and leave;
 * the export and anonymising cover the profile. Real SQLite file, real queries, the app clock.
 */

// The route modules are loaded for their loaders and actions only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const IP = "192.0.2.31";
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

const EXPERIENCE = "Ik ken dakloosheid van binnenuit en werk graag met jongeren in Zuidoost.";
const profile: PoolProfileInput = {
  experience: EXPERIENCE,
  themes: ["dakloosheid", "jeugdhulp"],
  languages: ["nl", "pap"],
  stadsdelen: ["zuidoost"],
  hoursPerWeek: 6,
  availableFrom: "2027-01-01",
  availableUntil: "2027-12-31",
  contactPhone: null,
  contactEmail: "lotte.pool@voorbeeld.test",
};

async function cookieOf(userId: number) {
  const { token } = await createSession(t.db, userId);
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

async function post(userId: number, fields: [string, string][]) {
  const request = new Request("http://localhost/deelnemer/pool", {
    method: "POST",
    headers: { Cookie: await cookieOf(userId), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const answer = await poolAction({ request, params: {}, context: { clientIp: IP } as unknown as AppLoadContext } as ActionFunctionArgs);
  const status = (answer as { init?: { status?: number } })?.init?.status ?? 200;
  const body = ((answer as { data?: unknown })?.data ?? answer) as Record<string, unknown>;
  return { status, body };
}

async function getPage(userId: number) {
  const request = new Request("http://localhost/deelnemer/pool", { headers: { Cookie: await cookieOf(userId) } });
  try {
    return await poolLoader({ request, params: {}, context: { clientIp: IP } as unknown as AppLoadContext } as LoaderFunctionArgs);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const poolAudit = (actorId: number) =>
  auditLines(t.db)
    .select(["action", "outcome", "target_id", "details"])
    .where("action", "like", "pool.%")
    .where("actor_id", "=", actorId)
    .orderBy("id")
    .execute();

describe("1. alumni keep their account", () => {
  afterEach(() => resetClockFromEnv());

  it("a certified participant signs in a year after the cohort ended (retention run) and sees and downloads their certificate", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    // The clock a year after the end of the course; retention runs on that day.
    const later = new Date(`${cohort.end_date}T10:00:00+01:00`);
    later.setUTCFullYear(later.getUTCFullYear() + 1);
    resetClockFromEnv({ ...process.env, LEERLIJN_NOW: later.toISOString() });
    expect(amsterdamDay(currentTime()) > cohort.end_date).toBe(true);
    await applyRetention(t.db);

    const login = await attemptLogin(t.db, { email: "deelnemer15@leerlijn.test", password: DEMO_PASSWORD, ip: IP, honeypot: "" });
    expect(login).toMatchObject({ ok: true });
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const request = new Request("http://localhost/deelnemer", { headers: { Cookie: await cookieOf(lotte.id) } });
    const home = (await homeLoader({ request, params: {}, context: { clientIp: IP } as unknown as AppLoadContext } as LoaderFunctionArgs)) as {
      certificate: { id: number; state: string; number: string } | null;
      pool: string;
    };
    expect(home.certificate).toMatchObject({ state: "geldig" });
    // She is in the demo pool; her home says so.
    expect(home.pool).toBe("active");
    const file = await certificateDownload(t.db, lotte, home.certificate!.id, IP);
    expect(file?.number).toBe(home.certificate!.number);
    expect(file!.pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("2. the pool profile", () => {
  it("only a certified participant may join; others are refused and the refusal is audited", async () => {
    const notCertified = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    expect(await poolPage(t.db, notCertified)).toBeUndefined();
    expect(await getPage(notCertified.id)).toMatchObject({ status: 404 });
    await expect(savePoolProfile(t.db, notCertified, { ...profile, consent: "ja" })).rejects.toMatchObject({ messageKey: "pool.notCertified" });
    // Through the form too: the action refuses before reading it.
    const refused = await post(notCertified.id, [
      ["intent", "save"],
      ["experience", EXPERIENCE],
      ["languages", "nl"],
      ["stadsdelen", "west"],
      ["hoursPerWeek", "4"],
      ["contactEmail", "x@voorbeeld.test"],
      ["consent", "ja"],
    ]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 404 });
    expect(await t.db.selectFrom("pool_profiles").select("participant_id").where("participant_id", "=", notCertified.id).execute()).toEqual([]);
    expect((await poolAudit(notCertified.id)).map((l) => [l.action, l.outcome])).toEqual([
      ["pool.view", "denied"],
      ["pool.view", "denied"],
      ["pool.save", "denied"],
      ["pool.view", "denied"],
    ]);
    // Another role: no page either.
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    expect(await poolPage(t.db, trainer)).toBeUndefined();
  });

  it("joining needs the consent box; the profile holds exactly what was chosen, and ids in the form are not trusted", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const other = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    await leavePool(t.db, lotte); // the demo put her in the pool
    const fields: [string, string][] = [
      ["intent", "save"],
      ["experience", EXPERIENCE],
      ["themes", "dakloosheid"],
      ["themes", "jeugdhulp"],
      ["languages", "nl"],
      ["languages", "pap"],
      ["stadsdelen", "zuidoost"],
      ["hoursPerWeek", "6"],
      ["availableFrom", "2027-01-01"],
      ["availableUntil", "2027-12-31"],
      ["contactEmail", "lotte.pool@voorbeeld.test"],
      ["participant_id", String(other.id)],
      ["participantId", String(other.id)],
    ];
    const noConsent = await post(lotte.id, fields);
    expect(noConsent.status).toBe(400);
    expect(noConsent.body).toMatchObject({ fieldErrors: { consent: "pool.consent.required" } });
    expect(await ownPoolProfile(t.db, lotte.id)).toBeNull();

    const badDates = await post(lotte.id, [...fields.filter(([k]) => k !== "availableUntil"), ["availableUntil", "2026-12-31"], ["consent", "ja"]]);
    expect(badDates.body).toMatchObject({ fieldErrors: { availableUntil: "pool.until.beforeFrom" } });
    const noContact = await post(lotte.id, [...fields.filter(([k]) => k !== "contactEmail"), ["consent", "ja"]]);
    expect(noContact.body).toMatchObject({ fieldErrors: { contactEmail: "pool.contact.required" } });
    const badStadsdeel = await post(lotte.id, [...fields, ["stadsdelen", "amstelveen"], ["consent", "ja"]]);
    expect(badStadsdeel.status).toBe(400);

    const joined = await post(lotte.id, [...fields, ["consent", "ja"]]);
    expect(joined).toMatchObject({ status: 200, body: { ok: true, message: "pool.joined" } });
    expect(await ownPoolProfile(t.db, lotte.id)).toMatchObject({
      experience: EXPERIENCE,
      themes: ["dakloosheid", "jeugdhulp"],
      languages: ["nl", "pap"],
      stadsdelen: ["zuidoost"],
      hoursPerWeek: 6,
      availableFrom: "2027-01-01",
      availableUntil: "2027-12-31",
      contactPhone: null,
      contactEmail: "lotte.pool@voorbeeld.test",
      pausedAt: null,
    });
    expect(await ownPoolProfile(t.db, other.id)).toBeNull();

    // Changing it needs no second consent; the choices are replaced, not added to.
    const changed = await post(lotte.id, [...fields.filter(([k]) => k !== "themes"), ["themes", "armoede"]]);
    expect(changed.body).toMatchObject({ ok: true, message: "pool.updated" });
    expect((await ownPoolProfile(t.db, lotte.id))?.themes).toEqual(["armoede"]);
    // The audit lines name what happened, never the content.
    const lines = await poolAudit(lotte.id);
    // (the first join is the demo's)
    expect(lines.map((l) => l.action)).toEqual(["pool.join", "pool.leave", "pool.join", "pool.update"]);
    expect(JSON.stringify(lines)).not.toContain("dakloosheid");
    expect(JSON.stringify(lines)).not.toContain("lotte.pool");
  });

  it("a revoked certificate: no joining, changing or resuming; pausing and leaving stay possible", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect(await ownPoolProfile(t.db, lotte.id)).not.toBeNull();
    const cert = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", lotte.id).executeTakeFirstOrThrow();
    await revokeCertificate(t.db, coordinator, cert.id, "Test: ingetrokken");

    await expect(savePoolProfile(t.db, lotte, profile)).rejects.toMatchObject({ messageKey: "pool.notCertified" });
    await setPoolPaused(t.db, lotte, true);
    await expect(setPoolPaused(t.db, lotte, false)).rejects.toMatchObject({ messageKey: "pool.notCertified" });
    expect((await ownPoolProfile(t.db, lotte.id))?.pausedAt).not.toBeNull();
    // She still reaches the page (to pause or leave), without the profile form.
    expect(await getPage(lotte.id)).toMatchObject({ certified: false, profile: expect.objectContaining({ experience: expect.any(String) }) });
    const left = await post(lotte.id, [
      ["intent", "leave"],
      ["confirm", "ja"],
    ]);
    expect(left.body).toMatchObject({ ok: true, message: "pool.left" });
    // Out of the pool and without a valid certificate: the page is closed, joining again refused.
    expect(await getPage(lotte.id)).toMatchObject({ status: 404 });
    await expect(savePoolProfile(t.db, lotte, { ...profile, consent: "ja" })).rejects.toMatchObject({ messageKey: "pool.notCertified" });
  });

  it("pause and resume: the state is kept, the profile stays", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    expect(await post(lotte.id, [["intent", "pause"]])).toMatchObject({ body: { ok: true, message: "pool.paused" } });
    const paused = await ownPoolProfile(t.db, lotte.id);
    expect(paused?.pausedAt).toBe(currentTime().toISOString().slice(0, 16) + paused!.pausedAt!.slice(16));
    expect(await post(lotte.id, [["intent", "resume"]])).toMatchObject({ body: { ok: true, message: "pool.resumed" } });
    const resumed = await ownPoolProfile(t.db, lotte.id);
    expect(resumed?.pausedAt).toBeNull();
    expect(resumed?.experience).toBe(paused?.experience);
    expect((await poolAudit(lotte.id)).map((l) => l.action)).toEqual(["pool.join", "pool.pause", "pool.resume"]);
  });

  it("leaving needs the confirm box, then removes the profile and its choices at once; the audit keeps only the fact", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const before = await ownPoolProfile(t.db, lotte.id);
    expect(before).not.toBeNull();
    expect(await post(lotte.id, [["intent", "leave"]])).toMatchObject({ status: 400, body: { fieldErrors: { confirm: "pool.leave.confirmRequired" } } });
    expect(await ownPoolProfile(t.db, lotte.id)).not.toBeNull();

    expect(
      await post(lotte.id, [
        ["intent", "leave"],
        ["confirm", "ja"],
      ]),
    ).toMatchObject({ body: { ok: true, message: "pool.left" } });
    expect(await t.db.selectFrom("pool_profiles").selectAll().where("participant_id", "=", lotte.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("pool_profile_tags").selectAll().where("participant_id", "=", lotte.id).execute()).toEqual([]);
    const leave = (await poolAudit(lotte.id)).filter((l) => l.action === "pool.leave");
    expect(leave).toEqual([{ action: "pool.leave", outcome: "success", target_id: String(lotte.id), details: null }]);
    // Nothing of the profile anywhere in the audit trail.
    const all = JSON.stringify(await auditLines(t.db).selectAll().execute());
    expect(all).not.toContain(before!.experience.slice(0, 30));
    expect(all).not.toContain("06 12 34 56 78");
  });
});

describe("6. privacy: export and anonymise", () => {
  it("the data export holds the profile and every choice", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    await savePoolProfile(t.db, lotte, profile);
    const { data } = await collectParticipantData(t.db, lotte, "nl");
    expect(data.sections.pool_profile.rows).toEqual([
      expect.objectContaining({ experience: EXPERIENCE, hours_per_week: 6, contact_email: "lotte.pool@voorbeeld.test", available_until: "2027-12-31" }),
    ]);
    expect(data.sections.pool_profile_choices.rows).toEqual(
      expect.arrayContaining([
        { kind: "theme", code: "dakloosheid" },
        { kind: "theme", code: "jeugdhulp" },
        { kind: "language", code: "pap" },
        { kind: "stadsdeel", code: "zuidoost" },
      ]),
    );
    expect(data.sections.pool_profile_choices.rows).toHaveLength(5);
    // Someone outside the pool: empty sections.
    const other = await makeUser(t.db);
    const theirs = await collectParticipantData(t.db, other, "nl");
    expect(theirs.data.sections.pool_profile.rows).toEqual([]);
  });

  it("anonymising a person removes their pool profile", async () => {
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect(await ownPoolProfile(t.db, lotte.id)).not.toBeNull();
    expect(await anonymisePerson(t.db, coordinator, lotte.id, IP)).toBe("done");
    expect(await t.db.selectFrom("pool_profiles").selectAll().where("participant_id", "=", lotte.id).execute()).toEqual([]);
    expect(await t.db.selectFrom("pool_profile_tags").selectAll().where("participant_id", "=", lotte.id).execute()).toEqual([]);
  });
});
