import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import type { DB } from "../../db/connect";
import { DEMO_COHORT, DEMO_COHORT_FINISHED } from "../../demo/seed";
import { ownCertificate, reissueCertificate, revokeCertificate } from "../../app/services/certificates.server";
import { getVersion } from "../../app/services/curriculum.server";
import { clearedSignatureFor, rescheduleInterview, saveJudgement, signJudgement } from "../../app/services/interviews.server";
import { cohortReport, funderReportRows } from "../../app/services/reports.server";
import { createSession } from "../../app/services/sessions.server";
import { action as interviewAction, loader as interviewLoader } from "../../app/routes/eindgesprekken.$id";
import { action as registerAction } from "../../app/routes/coordinator.certificaten._index";
import { action as objectionAction } from "../../app/routes/deelnemer.eindgesprek";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { TODAY, daysFromToday } from "../support/clock";
import { auditLines } from "../support/audit";

/*
 * Issue 23 point 12, the smaller things whose behaviour lives in services and route actions: a
 * cleared signature is audited (who cleared whose) and its assessor is told (d); the request's IP
 * is on the audit lines of revoking, reissuing, signing and objecting (f); an ended cohort's
 * funder report counts "Niet afgerond", not "Nog bezig" (h); the participant's own certificate
 * (i); revoking needs the confirm tick on the server (l).
 */

// The route modules are loaded for their loaders and actions only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const IP = "192.0.2.44";
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

async function cookieOf(userId: number) {
  const { token } = await createSession(t.db, userId);
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

async function post(
  action: (args: ActionFunctionArgs) => Promise<unknown>,
  userId: number,
  path: string,
  fields: [string, string][],
  params: Record<string, string> = {},
) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: await cookieOf(userId), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const answer = await action({ request, params, context: { clientIp: IP } as unknown as AppLoadContext });
  // `data(...)` answers carry a status; plain objects are 200.
  const status = (answer as { init?: { status?: number } })?.init?.status ?? 200;
  return { status, answer };
}

async function fullJudgement(db: DB, interviewId: number, advice: string | null = null) {
  const i = await db.selectFrom("interviews").select("leerlijn_version_id").where("id", "=", interviewId).executeTakeFirstOrThrow();
  const v = (await getVersion(db, i.leerlijn_version_id))!;
  return {
    criteria: Object.fromEntries(
      v.definition.competencies.flatMap((c) => c.criteria.map((x) => [x.code, { demonstrated: true, justification: "Voorbeeld uit de praktijk (STARR)." }])),
    ),
    competencies: Object.fromEntries(v.definition.competencies.map((c) => [c.code, "voldoende" as const])),
    outcome: "geslaagd" as const,
    motivation: "Alle criteria aangetoond.",
    advice,
  };
}

async function auditRows(action: string) {
  return auditLines(t.db).selectAll().where("action", "=", action).orderBy("id").execute();
}

/** deelnemer16's planned interview, moved to yesterday so both examiners can sign today. */
async function readyInterview() {
  const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  const ready = await userByEmail(t.db, "deelnemer16@leerlijn.test");
  const iv = await t.db.selectFrom("interviews").select("id").where("participant_id", "=", ready.id).where("status", "=", "gepland").executeTakeFirstOrThrow();
  await rescheduleInterview(t.db, coordinator, iv.id, { date: daysFromToday(-1), startTime: "10:00" });
  return iv.id;
}

describe("d. a signature cleared by the other examiner's change", () => {
  it("is audited (who cleared whose) and its assessor sees who and when on the interview page; the one who changed it does not", async () => {
    const e1 = await userByEmail(t.db, "examinator@leerlijn.test");
    const e2 = await userByEmail(t.db, "examinator2@leerlijn.test");
    const id = await readyInterview();
    await saveJudgement(t.db, e1, id, await fullJudgement(t.db, id));
    await signJudgement(t.db, e1, id);
    expect(await clearedSignatureFor(t.db, id, e1.id)).toBeNull();

    // Karin changes the advice: Henk's signature lapses.
    await saveJudgement(t.db, e2, id, await fullJudgement(t.db, id, "Blijf oefenen met open vragen."));
    const cleared = (await auditRows("interview.signature_cleared")).filter((r) => r.target_id === String(id));
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatchObject({ actor_id: e2.id, target_type: "interview" });
    expect(JSON.parse(cleared[0]!.details!)).toMatchObject({ assessorId: e1.id, reason: "judgementChanged" });

    expect(await clearedSignatureFor(t.db, id, e1.id)).toMatchObject({ by: e2.name, reason: "judgementChanged" });
    expect(await clearedSignatureFor(t.db, id, e2.id)).toBeNull();
    const page = (await interviewLoader({
      request: new Request(`http://localhost/eindgesprekken/${id}`, { headers: { Cookie: await cookieOf(e1.id) } }),
      params: { id: String(id) },
      context: { clientIp: IP } as unknown as AppLoadContext,
    } as LoaderFunctionArgs)) as { clearedSignature: { by: string; at: string } | null };
    expect(page.clearedSignature).toMatchObject({ by: e2.name });

    // Signing again ends the notice.
    await signJudgement(t.db, e1, id);
    expect(await clearedSignatureFor(t.db, id, e1.id)).toBeNull();
  });

  it("a new date from the coordinator clears and audits the signatures given, with that reason", async () => {
    const e1 = await userByEmail(t.db, "examinator@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const id = await readyInterview();
    await saveJudgement(t.db, e1, id, await fullJudgement(t.db, id));
    await signJudgement(t.db, e1, id);
    await rescheduleInterview(t.db, coordinator, id, { date: TODAY, startTime: "09:00" });
    expect(await clearedSignatureFor(t.db, id, e1.id)).toMatchObject({ by: coordinator.name, reason: "rescheduled" });
  });
});

describe("f. the request's IP on the audit lines of services", () => {
  it("signing and the cleared signature (interview page), objecting (participant), revoking and reissuing (register) record it", async () => {
    const e1 = await userByEmail(t.db, "examinator@leerlijn.test");
    const e2 = await userByEmail(t.db, "examinator2@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const id = await readyInterview();
    await saveJudgement(t.db, e2, id, await fullJudgement(t.db, id));
    await signJudgement(t.db, e2, id);
    const judgement = await fullJudgement(t.db, id, "Een ander advies.");
    const fields: [string, string][] = [
      ...Object.entries(judgement.criteria).flatMap(([code, c]): [string, string][] => [
        [`criterion-${code}`, "1"],
        [`justification-${code}`, c.justification],
      ]),
      ...Object.keys(judgement.competencies).map((code): [string, string] => [`competency-${code}`, "voldoende"]),
      ["outcome", "geslaagd"],
      ["motivation", judgement.motivation],
      ["advice", "Een ander advies."],
      ["intent", "sign"],
    ];
    const signed = await post(interviewAction, e1.id, `/eindgesprekken/${id}`, fields, { id: String(id) });
    expect(signed.status).toBe(200);
    expect((await auditRows("interview.sign")).filter((r) => r.actor_id === e1.id).at(-1)?.ip).toBe(IP);
    expect((await auditRows("interview.signature_cleared")).at(-1)).toMatchObject({ actor_id: e1.id, ip: IP });

    // Karin signs again: final. The participant objects to it (within the objection period).
    expect(await signJudgement(t.db, e2, id)).toEqual({ finalised: true });
    const ready = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    const objected = await post(objectionAction, ready.id, "/deelnemer/eindgesprek", [
      ["interviewId", String(id)],
      ["text", "Ik ben het niet eens met het oordeel over competentie twee."],
    ]);
    expect(objected.status).toBe(200);
    expect((await auditRows("objection.lodge")).at(-1)).toMatchObject({ actor_id: ready.id, ip: IP });

    const certified = await userByEmail(t.db, "deelnemer15@leerlijn.test");

    const cert = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    const reissued = await post(registerAction, coordinator.id, "/coordinator/certificaten", [
      ["certificateId", String(cert.id)],
      ["reason", "Naam verkeerd gespeld."],
      ["intent", "reissue"],
    ]);
    expect(reissued.status).toBe(200);
    expect((await auditRows("certificate.reissue")).at(-1)?.ip).toBe(IP);
    expect((await auditRows("certificate.reissue.reason")).at(-1)?.ip).toBe(IP);
    const next = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    const revoked = await post(registerAction, coordinator.id, "/coordinator/certificaten", [
      ["certificateId", String(next.id)],
      ["reason", "Uitgegeven op een verkeerde grond."],
      ["confirm", "ja"],
      ["intent", "revoke"],
    ]);
    expect(revoked.status).toBe(200);
    expect((await auditRows("certificate.revoke")).at(-1)).toMatchObject({ actor_id: coordinator.id, ip: IP, target_id: String(next.id) });
  });
});

describe("l. revoking needs the confirm tick, checked on the server", () => {
  it("without it nothing is revoked and the answer names the missing tick", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const certified = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const cert = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    const refused = await post(registerAction, coordinator.id, "/coordinator/certificaten", [
      ["certificateId", String(cert.id)],
      ["reason", "Uitgegeven op een verkeerde grond."],
      ["intent", "revoke"],
    ]);
    expect(refused.status).toBe(400);
    expect((refused.answer as { data: { fieldErrors: Record<string, string> } }).data.fieldErrors).toEqual({ confirm: "register.confirmNeeded" });
    expect((await t.db.selectFrom("certificates").select("revoked_at").where("id", "=", cert.id).executeTakeFirstOrThrow()).revoked_at).toBeNull();
  });
});

describe("h. the funder report of a cohort that ended", () => {
  it("counts those neither certified nor left as 'Niet afgerond', and has no 'Nog bezig'", async () => {
    const finished = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    const report = (await cohortReport(t.db, finished.id, TODAY))!;
    expect(report.ended).toBe(true);
    // Six people: one certified, two left (one came back in a later cohort), three neither (ready for the
    // interview with one planned, ready without one yet, and behind).
    expect(report.counts).toMatchObject({ participants: 6, left: 2, certified: 1, notFinished: 3 });
    const rows = funderReportRows(report, "nl");
    expect(rows.map((r) => r[0])).not.toContain("Nog bezig");
    expect(rows).toContainEqual(["Niet afgerond", "< 5"]);

    // A running cohort still says "Nog bezig".
    const running = (await cohortReport(t.db, (await cohortByName(t.db, DEMO_COHORT)).id, TODAY))!;
    expect(running.ended).toBe(false);
    expect(funderReportRows(running, "nl").map((r) => r[0])).toContain("Nog bezig");
  });
});

describe("i. the participant's own certificate", () => {
  it("is valid with its verification code; after a reissue the old one points to the new; after revoking it says so with the date", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const certified = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const first = (await ownCertificate(t.db, certified.id))!;
    expect(first).toMatchObject({ state: "geldig", endedAt: null, successor: null });
    expect(first.code).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const next = await reissueCertificate(t.db, coordinator, first.id, "Naam verkeerd gespeld.", { verifyBase: "https://leerlijn.example" });
    expect(await ownCertificate(t.db, certified.id)).toMatchObject({ id: next.id, state: "geldig" });

    await revokeCertificate(t.db, coordinator, next.id, "Uitgegeven op een verkeerde grond.", new Date(`${TODAY}T10:00:00Z`));
    expect(await ownCertificate(t.db, certified.id)).toMatchObject({ id: next.id, state: "ingetrokken", endedAt: `${TODAY}T10:00:00.000Z` });
  });
});
