import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import { DEMO_COHORT_2, DEMO_COHORT_FINISHED } from "../../demo/seed";
import type { DB } from "../../db/connect";
import { generateInstallation } from "../../demo/generate";
import { certificateState, type CertificateState } from "../../app/rules/certificate";
import {
  IssueRefusedError,
  certificateRegister,
  issueCertificate,
  reissueCertificate,
  revokeCertificate,
  verifyCertificate,
} from "../../app/services/certificates.server";
import { getVersion } from "../../app/services/curriculum.server";
import {
  NotCandidateError,
  correctInterview,
  interviewCandidates,
  interviewDossier,
  planInterview,
  rescheduleInterview,
  saveJudgement,
  signJudgement,
} from "../../app/services/interviews.server";
import { markNoticeSeen, openNotices } from "../../app/services/notices.server";
import { participantProgress, recordOutflow, undoOutflow } from "../../app/services/progress.server";
import { createSession } from "../../app/services/sessions.server";
import { loader as interviewPageLoader } from "../../app/routes/eindgesprekken.$id";
import { action as planAction } from "../../app/routes/eindgesprekken.nieuw";
import { loader as registerLoader } from "../../app/routes/coordinator.certificaten._index";
import { loader as verifyPageLoader } from "../../app/routes/verify.$code";
import { loader as verifyJsonLoader } from "../../app/routes/api.verify.$code";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { TODAY, daysFromToday } from "../support/clock";
import { currentTime } from "../../app/clock.server";

/*
 * Issue 23: the rules that hold on every path (docs: /work/shared/domain.md, "Rules that hold on
 * every path"), each through the real services on a real database: leaving blocks the
 * certificate (1), a correction to "niet geslaagd" ends it publicly (2), signing opens on the
 * planned day and the certificate carries the interview's date (3), planning applies the
 * candidate rule on the server (4), and every certificate's state is the same everywhere.
 */

// The route modules are loaded for their loaders and actions only: their markup's ES-module-only
// component library is not needed here.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const BASE = "https://leerlijn.example";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

async function people(db: DB = t.db) {
  return {
    e1: await userByEmail(db, "examinator@leerlijn.test"),
    e2: await userByEmail(db, "examinator2@leerlijn.test"),
    coordinator: await userByEmail(db, "coordinator@leerlijn.test"),
    certified: await userByEmail(db, "deelnemer15@leerlijn.test"),
    ready: await userByEmail(db, "deelnemer16@leerlijn.test"),
    left: await userByEmail(db, "deelnemer17@leerlijn.test"),
    behind: await userByEmail(db, "deelnemer18@leerlijn.test"),
  };
}

async function fullJudgement(db: DB, interviewId: number, outcome: "geslaagd" | "niet_geslaagd" = "geslaagd") {
  const i = await db.selectFrom("interviews").select("leerlijn_version_id").where("id", "=", interviewId).executeTakeFirstOrThrow();
  const v = (await getVersion(db, i.leerlijn_version_id))!;
  return {
    criteria: Object.fromEntries(
      v.definition.competencies.flatMap((c) =>
        c.criteria.map((x) => [x.code, { demonstrated: outcome === "geslaagd", justification: "Voorbeeld uit de praktijk (STARR)." }]),
      ),
    ),
    competencies: Object.fromEntries(
      v.definition.competencies.map((c) => [c.code, outcome === "geslaagd" ? ("voldoende" as const) : ("onvoldoende" as const)]),
    ),
    outcome,
    motivation: outcome === "geslaagd" ? "Alle criteria aangetoond." : "De criteria zijn niet aangetoond.",
    advice: null,
  };
}

/** Midday (Amsterdam) on a day. */
const onDay = (day: string) => new Date(`${day}T11:00:00Z`);

/** deelnemer16's planned interview, judged and signed by both examiners on its planned day. */
async function holdReadyInterview(outcome: "geslaagd" | "niet_geslaagd" = "geslaagd") {
  const { e1, e2, ready } = await people();
  const iv = await t.db
    .selectFrom("interviews")
    .select(["id", "date"])
    .where("participant_id", "=", ready.id)
    .where("status", "=", "gepland")
    .executeTakeFirstOrThrow();
  await saveJudgement(t.db, e1, iv.id, await fullJudgement(t.db, iv.id, outcome), onDay(iv.date));
  await signJudgement(t.db, e1, iv.id, onDay(iv.date));
  expect(await signJudgement(t.db, e2, iv.id, onDay(iv.date))).toEqual({ finalised: true });
  return iv;
}

/** A finalised correction of the participant's counting interview with another outcome. */
async function finaliseCorrection(db: DB, participantId: number, outcome: "niet_geslaagd" | "geslaagd", reason: string) {
  const original = await db
    .selectFrom("interviews")
    .selectAll()
    .where("participant_id", "=", participantId)
    .where("status", "=", "afgerond")
    .where("superseded_at", "is", null)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const assessors = await db
    .selectFrom("interview_assessors as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["u.id", "u.role"])
    .where("a.interview_id", "=", original.id)
    .execute();
  const [a, b] = assessors.map((x) => ({ id: x.id, role: x.role }));
  const correctionId = await correctInterview(db, a, original.id, reason);
  await saveJudgement(db, a, correctionId, await fullJudgement(db, correctionId, outcome));
  // Signed today, or on the interview's day when that is later (deelnemer16's is in three days).
  const now = original.date > TODAY ? onDay(original.date) : currentTime();
  await signJudgement(db, a, correctionId, now);
  expect(await signJudgement(db, b, correctionId, now)).toEqual({ finalised: true });
  return correctionId;
}

async function auditRows(action: string) {
  return t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
}

describe("1. leaving the course blocks the certificate", () => {
  it("refuses deelnemer16 after an uitstroom, gives the outflow as the first reason, shows it in the interview file; undoing the outflow lets it through", async () => {
    const { e1, coordinator, ready } = await people();
    const cohort = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    await recordOutflow(t.db, coordinator, cohort.id, ready.id, { leftOn: TODAY, reason: "werk", note: null });
    await holdReadyInterview("geslaagd");

    const err = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IssueRefusedError);
    expect((err as IssueRefusedError).refusals[0]).toEqual({ key: "eligibility.left", params: { date: TODAY } });
    expect(await t.db.selectFrom("certificates").select("id").where("participant_id", "=", ready.id).execute()).toHaveLength(0);
    const refused = (await auditRows("certificate.issue")).filter((r) => r.outcome === "failure" && r.target_id === String(ready.id));
    expect(JSON.parse(refused.at(-1)!.details!).refusals[0]).toBe("eligibility.left");

    // The interview file (the examiner's dossier) says so, before anything else.
    const dossier = await interviewDossier(t.db, ready.id, TODAY);
    expect(dossier.eligibility?.blockers).toEqual([{ key: "eligibility.left", params: { date: TODAY } }]);
    expect(dossier.eligibility?.eligible).toBe(false);

    // Back in the course (the outflow was a mistake): the certificate may be issued.
    await undoOutflow(t.db, coordinator, cohort.id, ready.id);
    await expect(issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY })).resolves.toMatchObject({ number: expect.stringMatching(/^LLB-/) });
  });

  it("gives deelnemer17 (left in June) 'you left the course' as the first reason, and her interview file shows it", async () => {
    const { e1, left } = await people();
    const leftOn = (await t.db.selectFrom("enrolments").select("left_on").where("participant_id", "=", left.id).executeTakeFirstOrThrow()).left_on!;
    const err = (await issueCertificate(t.db, e1, left.id, { verifyBase: BASE, today: TODAY }).catch((e: unknown) => e)) as IssueRefusedError;
    expect(err).toBeInstanceOf(IssueRefusedError);
    expect(err.refusals[0]).toEqual({ key: "eligibility.left", params: { date: leftOn } });
    expect(err.refusals.map((r) => r.key)).toEqual(expect.arrayContaining(["eligibility.pop.notStarted"]));
    expect((await interviewDossier(t.db, left.id, TODAY)).eligibility?.blockers.map((b) => b.key)).toEqual(["eligibility.left"]);
    expect((await participantProgress(t.db, left.id, TODAY))!.eligibility.readyForInterview).toBe(false);
  });

  it("counts a later re-entry: enrolled again in a later cohort, she is judged there, not as someone who left", async () => {
    const { e1, left } = await people();
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    await t.db.insertInto("enrolments").values({ cohort_id: later.id, participant_id: left.id, enrolled_at: currentTime().toISOString() }).execute();
    const progress = (await participantProgress(t.db, left.id, TODAY))!;
    expect(progress.left).toBeNull();
    expect(progress.eligibility.blockers).toEqual([]);
    const err = (await issueCertificate(t.db, e1, left.id, { verifyBase: BASE, today: TODAY }).catch((e: unknown) => e)) as IssueRefusedError;
    expect(err).toBeInstanceOf(IssueRefusedError);
    expect(err.refusals.map((r) => r.key)).not.toContain("eligibility.left");
  });
});

describe("2. a correction to 'niet geslaagd' ends the certificate", () => {
  it("revokes it in the same transaction, publicly and with the date, on the register, the interview file and the lists, and tells the coordinator", async () => {
    const { certified } = await people();
    const cert = await t.db.selectFrom("certificates").selectAll().where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    expect(certificateState(cert)).toBe("geldig");

    const correctionId = await finaliseCorrection(t.db, certified.id, "niet_geslaagd", "De uitslag was verkeerd ingevuld.");

    const after = await t.db.selectFrom("certificates").selectAll().where("id", "=", cert.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ revoke_kind: "correctie", revoke_reason: "De uitslag was verkeerd ingevuld." });
    expect(after.revoked_at?.slice(0, 10)).toBe(TODAY);
    // The public page and the register.
    expect(await verifyCertificate(t.db, cert.verification_code)).toMatchObject({ state: "ingetrokken_na_correctie", revokedOn: TODAY });
    expect((await certificateRegister(t.db)).find((r) => r.id === cert.id)?.state).toBe("ingetrokken_na_correctie");
    // The interview file no longer says the certificate is issued.
    expect((await interviewDossier(t.db, certified.id, TODAY)).certificate).toMatchObject({ id: cert.id, state: "ingetrokken_na_correctie", revokedOn: TODAY });
    // The engine (and so every list) sees the corrected result.
    const progress = (await participantProgress(t.db, certified.id, TODAY))!;
    expect(progress.eligibility.eligible).toBe(false);
    expect(progress.eligibility.requirements.find((r) => r.code === "interview")?.missing.map((m) => m.key)).toEqual(["eligibility.interview.failed"]);
    // The coordinator sees a notice in the app; the decision is in the audit log.
    expect(await openNotices(t.db)).toEqual([
      expect.objectContaining({
        kind: "certificate.revokedAfterCorrection",
        interview_id: correctionId,
        participant: { id: certified.id, name: certified.name },
        certificate: expect.objectContaining({ id: cert.id, number: cert.number }),
      }),
    ]);
    // On the coordinator's pages (the register's loader), until a coordinator marks it as seen.
    const { coordinator } = await people();
    const { token } = await createSession(t.db, coordinator.id);
    const cookie = (await sessionCookie.serialize(token)).split(";")[0];
    const registerArgs = () =>
      ({
        request: new Request("http://localhost/coordinator/certificaten", { headers: { Cookie: cookie } }),
        params: {},
        context: { clientIp: "192.0.2.30" } as unknown as AppLoadContext,
      }) as LoaderFunctionArgs;
    const shown = (await registerLoader(registerArgs())) as { notices: { id: number }[] };
    expect(shown.notices).toHaveLength(1);
    await markNoticeSeen(t.db, coordinator, shown.notices[0].id);
    expect(((await registerLoader(registerArgs())) as { notices: unknown[] }).notices).toEqual([]);
    const revoke = (await auditRows("certificate.revoke")).at(-1)!;
    expect(revoke.target_id).toBe(String(cert.id));
    expect(JSON.parse(revoke.details!)).toMatchObject({ afterCorrection: correctionId, outcome: "niet_geslaagd" });
  });

  it("leaves the certificate valid when the correction keeps 'geslaagd'", async () => {
    const { certified } = await people();
    const cert = await t.db.selectFrom("certificates").selectAll().where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    await finaliseCorrection(t.db, certified.id, "geslaagd", "Typefout in de motivatie.");
    expect((await verifyCertificate(t.db, cert.verification_code))?.state).toBe("geldig");
    expect(await openNotices(t.db)).toEqual([]);
  });
});

describe("3. signing opens on the planned day; the certificate carries the interview's date", () => {
  it("refuses a signature before the planned day, and dates the certificate on the interview's day", async () => {
    const { e1, e2, ready } = await people();
    const iv = await t.db.selectFrom("interviews").select(["id", "date"]).where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    expect(iv.date).toBe(daysFromToday(3));
    await saveJudgement(t.db, e1, iv.id, await fullJudgement(t.db, iv.id));
    await expect(signJudgement(t.db, e1, iv.id)).rejects.toMatchObject({ messageKey: "interview.notYetHeld" });
    await expect(signJudgement(t.db, e1, iv.id, onDay(daysFromToday(2)))).rejects.toMatchObject({ messageKey: "interview.notYetHeld" });
    expect(
      await t.db.selectFrom("interview_assessors").select("signed_at").where("interview_id", "=", iv.id).where("signed_at", "is not", null).execute(),
    ).toHaveLength(0);
    expect((await auditRows("interview.sign")).filter((r) => r.outcome === "failure" && r.target_id === String(iv.id))).toHaveLength(2);

    // On the day: both sign, and the certificate issued a day later carries the interview's date.
    await signJudgement(t.db, e1, iv.id, onDay(iv.date));
    expect(await signJudgement(t.db, e2, iv.id, onDay(iv.date))).toEqual({ finalised: true });
    const issued = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: daysFromToday(4), now: onDay(daysFromToday(4)) });
    const pub = (await verifyCertificate(t.db, issued.verificationCode))!;
    expect(pub.issuedOn).toBe(iv.date);
  });

  it("lets the coordinator record that it was held earlier; signatures given before are cleared", async () => {
    const { e1, e2, coordinator, ready } = await people();
    const iv = await t.db.selectFrom("interviews").select(["id", "date"]).where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    await expect(rescheduleInterview(t.db, e1, iv.id, { date: daysFromToday(-1), startTime: "10:00" })).rejects.toMatchObject({
      messageKey: "interview.notAssessor",
    });
    await rescheduleInterview(t.db, coordinator, iv.id, { date: daysFromToday(-1), startTime: "10:00" });
    expect(JSON.parse((await auditRows("interview.reschedule")).at(-1)!.details!)).toEqual({ from: `${iv.date} 14:00`, to: `${daysFromToday(-1)} 10:00` });
    await saveJudgement(t.db, e1, iv.id, await fullJudgement(t.db, iv.id));
    await signJudgement(t.db, e1, iv.id);
    expect(await signJudgement(t.db, e2, iv.id)).toEqual({ finalised: true });
    const issued = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY });
    expect((await verifyCertificate(t.db, issued.verificationCode))!.issuedOn).toBe(daysFromToday(-1));
  });

  it("needs two distinct assessors who can sign", async () => {
    const { e1, e2, ready } = await people();
    const iv = await t.db.selectFrom("interviews").select(["id", "date"]).where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    await saveJudgement(t.db, e1, iv.id, await fullJudgement(t.db, iv.id));
    await signJudgement(t.db, e1, iv.id, onDay(iv.date));
    // The second examiner's account is disabled meanwhile: they can no longer sign.
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", e2.id).execute();
    await expect(signJudgement(t.db, e2, iv.id, onDay(iv.date))).rejects.toMatchObject({ messageKey: "interview.cannotSign" });
    expect((await t.db.selectFrom("interviews").select("status").where("id", "=", iv.id).executeTakeFirstOrThrow()).status).toBe("gepland");
  });
});

describe("4. planning applies the candidate rule on the server", () => {
  async function post(user: { id: number }, fields: [string, string][]) {
    const { token } = await createSession(t.db, user.id);
    const cookie = (await sessionCookie.serialize(token)).split(";")[0];
    const request = new Request("http://localhost/eindgesprekken/nieuw", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    const args = { request, params: {}, context: { clientIp: "192.0.2.10" } as unknown as AppLoadContext } as ActionFunctionArgs;
    return (await planAction(args)) as unknown;
  }

  it("refuses a participant who left or lacks hours, on a direct POST as in the service, with the engine's reasons", async () => {
    const { e1, e2, coordinator, left, behind } = await people();
    const candidates = (await interviewCandidates(t.db, TODAY)).map((c) => c.id);
    expect(candidates).not.toContain(left.id);
    expect(candidates).not.toContain(behind.id);

    const plan = (participantId: number) =>
      planInterview(t.db, coordinator, { participantId, date: daysFromToday(7), startTime: "10:00", location: null, assessorIds: [e1.id, e2.id] });
    const leftErr = (await plan(left.id).catch((e: unknown) => e)) as NotCandidateError;
    expect(leftErr).toBeInstanceOf(NotCandidateError);
    expect(leftErr.reasons[0].key).toBe("eligibility.left");
    const behindErr = (await plan(behind.id).catch((e: unknown) => e)) as NotCandidateError;
    expect(behindErr).toBeInstanceOf(NotCandidateError);
    expect(behindErr.reasons.map((r) => r.key)).toContain("eligibility.praktijk.missing");

    // The form posted by hand, as the browser would: refused, nothing planned.
    for (const who of [left, behind]) {
      const res = await post(coordinator, [
        ["participantId", String(who.id)],
        ["date", daysFromToday(7)],
        ["startTime", "10:00"],
        ["location", ""],
        ["assessorIds", String(e1.id)],
        ["assessorIds", String(e2.id)],
      ]);
      const body = res as { data?: { fieldErrors?: Record<string, string> }; init?: { status?: number } };
      expect(body.init?.status).toBe(400);
      // A coordinator may plan someone not ready yet with a reason (issue 24.6), never someone who left.
      expect(body.data?.fieldErrors).toEqual(
        who === left
          ? { participantId: "interview.override.notPossible" }
          : { participantId: "interview.notReady", overrideReason: "interview.overrideReason.required" },
      );
    }
    // An examiner gets the plain refusal.
    const byExaminer = await post(e1, [
      ["participantId", String(behind.id)],
      ["date", daysFromToday(7)],
      ["startTime", "10:00"],
      ["location", ""],
      ["assessorIds", String(e1.id)],
      ["assessorIds", String(e2.id)],
    ]);
    expect((byExaminer as { data?: { fieldErrors?: Record<string, string> } }).data?.fieldErrors).toEqual({ participantId: "interview.notCandidate" });
    expect(await t.db.selectFrom("interviews").select("id").where("participant_id", "in", [left.id, behind.id]).execute()).toHaveLength(0);
    expect((await auditRows("interview.plan")).filter((r) => r.outcome === "failure").length).toBeGreaterThanOrEqual(5);
  });
});

/** What each of the five says about one certificate. */
async function fiveStates(
  db: DB,
  coordinatorId: number,
  certId: number,
): Promise<{ engine: CertificateState; page: CertificateState | null; register: CertificateState; verify: string; api: string }> {
  const cert = await db.selectFrom("certificates").selectAll().where("id", "=", certId).executeTakeFirstOrThrow();
  const { token } = await createSession(db, coordinatorId);
  const cookie = (await sessionCookie.serialize(token)).split(";")[0];
  const context = { clientIp: "192.0.2.20" } as unknown as AppLoadContext;
  const args = (path: string, params: Record<string, string> = {}) =>
    ({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params, context }) as LoaderFunctionArgs;

  // The interview page shows the participant's newest certificate: compared for that one.
  const newest = await db
    .selectFrom("certificates")
    .select("id")
    .where("participant_id", "=", cert.participant_id)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  let page: CertificateState | null = null;
  if (newest.id === cert.id) {
    const interview = await db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", cert.participant_id)
      .where("status", "=", "afgerond")
      .where("superseded_at", "is", null)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const data = (await interviewPageLoader(args(`/eindgesprekken/${interview.id}`, { id: String(interview.id) }))) as {
      dossier: { certificate: { id: number; state: CertificateState } | null };
    };
    expect(data.dossier.certificate?.id).toBe(cert.id);
    page = data.dossier.certificate!.state;
  }
  const register = (await registerLoader(args(`/coordinator/certificaten?zoek=${encodeURIComponent(cert.number)}`))) as {
    rows: { id: number; state: CertificateState }[];
  };
  const verify = (await verifyPageLoader(args(`/verify/${cert.verification_code}`, { code: cert.verification_code }))) as {
    certificate: { state: string; revokedOn: string | null };
  };
  const api = (await (await verifyJsonLoader(args(`/api/verify/${cert.verification_code}`, { code: cert.verification_code }))).json()) as {
    state: string;
    revokedOn: string | null;
  };
  expect(api.revokedOn).toBe(verify.certificate.revokedOn);
  return {
    engine: certificateState(cert),
    page,
    register: register.rows.find((r) => r.id === cert.id)!.state,
    verify: verify.certificate.state,
    api: api.state,
  };
}

async function expectAllAgree(db: DB, coordinatorId: number): Promise<Set<CertificateState>> {
  const seen = new Set<CertificateState>();
  for (const c of await db.selectFrom("certificates").select("id").orderBy("id").execute()) {
    const s = await fiveStates(db, coordinatorId, c.id);
    expect({ id: c.id, page: s.page ?? s.engine, register: s.register, verify: s.verify, api: s.api }).toEqual({
      id: c.id,
      page: s.engine,
      register: s.engine,
      verify: s.engine,
      api: s.engine,
    });
    seen.add(s.engine);
  }
  return seen;
}

describe("one state for every certificate, wherever it is shown", () => {
  it("the engine, the interview page, the register, /verify and /api/verify agree on the demo data, in all four states", async () => {
    const { e1, coordinator, certified, ready } = await people();
    expect(await expectAllAgree(t.db, coordinator.id)).toEqual(new Set(["geldig"]));

    // Replaced: deelnemer15's certificate reissued (a misspelt name).
    const old = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    await reissueCertificate(t.db, coordinator, old.id, "Naam verkeerd gespeld", { verifyBase: BASE });
    // Revoked by hand, then revoked after a correction: deelnemer16.
    await holdReadyInterview("geslaagd");
    const first = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY });
    await revokeCertificate(t.db, coordinator, first.id, "Test: met de hand ingetrokken");
    await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY });
    await finaliseCorrection(t.db, ready.id, "niet_geslaagd", "Uitslag was fout.");

    expect(await expectAllAgree(t.db, coordinator.id)).toEqual(new Set(["geldig", "vervangen", "ingetrokken", "ingetrokken_na_correctie"]));
  });

  it("agree on the data of demo/generate.ts (a small installation), also after a correction there", async () => {
    const g = await createTestDb("empty");
    try {
      setDb(g.db);
      const info = await generateInstallation(g.db, { seed: 6, cohorts: 3, size: 6, years: 1, today: "2026-11-22", certificatePdf: "placeholder" });
      const coordinatorId = info.accounts.coordinator.id;
      expect((await expectAllAgree(g.db, coordinatorId)).has("geldig")).toBe(true);
      const someone = await g.db.selectFrom("certificates").select("participant_id").orderBy("id").executeTakeFirstOrThrow();
      await finaliseCorrection(g.db, someone.participant_id, "niet_geslaagd", "Uitslag was fout.");
      expect(await expectAllAgree(g.db, coordinatorId)).toEqual(new Set(["geldig", "ingetrokken_na_correctie"]));
    } finally {
      setDb(t.db);
      await g.close();
    }
  }, 120_000);
});
