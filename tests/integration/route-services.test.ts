import { certificateDownload, hasCertificate } from "../../app/services/certificates.server";
import { databaseAnswers } from "../../app/services/health.server";
import { interviewFile, interviewOverview } from "../../app/services/interviews.server";
import { participantProfilePage } from "../../app/services/participants.server";
import { cohortReportDownload } from "../../app/services/report-exports.server";
import { DEMO_COHORT } from "../../demo/seed";
import { cohortByName } from "../support/factories";
import { auditLogPage, privacyAdminPage, participantPrivacyPage } from "../../app/services/privacy.server";
import { auditFilterSchema } from "../../app/forms/privacy";
import { RETENTION_DEFAULTS } from "../../app/rules/retention";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { auditLines } from "../support/audit";
import { TODAY } from "../support/clock";

/**
 * The service functions the routes call instead of running queries themselves (issue 25): what
 * the loaders did inline, now behind one named call each.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const lines = (action: string, actorId: number) =>
  auditLines(t.db).select(["action", "outcome", "target_id", "ip", "details"]).where("action", "=", action).where("actor_id", "=", actorId).execute();

describe("services behind the routes", () => {
  test("/healthz: the database answers", async () => {
    expect(await databaseAnswers(t.db)).toBe(true);
  });

  test("a certificate that does not exist is not downloaded, and the refusal is audited with the address", async () => {
    const examiner = await makeUser(t.db, { role: "examiner" });
    expect(await certificateDownload(t.db, examiner, 999_999, "203.0.113.9")).toBeUndefined();
    expect(await lines("certificate.download", examiner.id)).toEqual([expect.objectContaining({ outcome: "denied", target_id: "999999", ip: "203.0.113.9" })]);
  });

  test("an interview the viewer may not see gives no page, and the refusal is audited", async () => {
    const examiner = await makeUser(t.db, { role: "examiner" });
    expect(await interviewFile(t.db, examiner, 999_999, { today: TODAY, ip: "198.51.100.4" })).toBeUndefined();
    expect(await lines("interview.view", examiner.id)).toEqual([expect.objectContaining({ outcome: "denied", target_id: "999999", ip: "198.51.100.4" })]);
  });

  test("the audit page logs a search only when one was asked, and 'to' includes that whole day", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    await auditLogPage(t.db, coordinator, auditFilterSchema.parse({}), { logSearch: false, ip: null });
    expect(await lines("audit.search", coordinator.id)).toEqual([]);
    const today = await auditLogPage(t.db, coordinator, auditFilterSchema.parse({ actor: String(coordinator.id), from: TODAY, to: TODAY }), {
      logSearch: true,
      ip: "192.0.2.1",
    });
    // The first call's search line is not there (it logged nothing); this one's is written after the search.
    expect(await lines("audit.search", coordinator.id)).toEqual([expect.objectContaining({ ip: "192.0.2.1" })]);
    const again = await auditLogPage(t.db, coordinator, auditFilterSchema.parse({ actor: String(coordinator.id), from: TODAY, to: TODAY }), {
      logSearch: false,
      ip: null,
    });
    expect(today.rows).toEqual([]);
    expect(again.rows.map((r) => r.action)).toEqual(["audit.search"]);
    expect(again.people).toEqual(expect.arrayContaining([{ id: coordinator.id, name: coordinator.name }]));
  });

  test("the coordinator's privacy page lists everyone who can be anonymised, never the viewer", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const other = await makeUser(t.db, { role: "participant" });
    const page = await privacyAdminPage(t.db, coordinator.id);
    expect(page.people.map((p) => p.id)).toContain(other.id);
    expect(page.people.map((p) => p.id)).not.toContain(coordinator.id);
    expect(page.settings).toEqual(RETENTION_DEFAULTS);
  });

  test("a participant without a POP or certificate: nothing kept, nothing issued", async () => {
    const newcomer = await makeUser(t.db, { role: "participant" });
    expect(await participantPrivacyPage(t.db, newcomer.id)).toEqual(
      expect.objectContaining({ readers: [], hasPop: false, keepDrafts: false, storyConsent: false }),
    );
    expect(await hasCertificate(t.db, newcomer.id)).toBe(false);
  });

  test("a cohort's report download: PDF or CSV with the cohort's file name, audited as an export; an unknown cohort gives nothing", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const pdf = await cohortReportDownload(t.db, coordinator, cohort.id, { format: "pdf", lang: "nl", today: TODAY, ip: "192.0.2.7" });
    expect(pdf?.baseName).toBe(`rapportage-${cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`);
    expect(
      Buffer.from(pdf!.body as Uint8Array)
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    const csv = await cohortReportDownload(t.db, coordinator, cohort.id, { format: "csv", lang: "nl", today: TODAY, ip: null });
    expect(typeof csv?.body).toBe("string");
    expect(String(csv!.body).split(/\r?\n/)[0]).toContain("Onderdeel");
    expect(await cohortReportDownload(t.db, coordinator, 999_999, { format: "csv", lang: "nl", today: TODAY, ip: null })).toBeUndefined();
    expect(await lines("export.report.pdf", coordinator.id)).toEqual([
      expect.objectContaining({ outcome: "success", target_id: String(cohort.id), ip: "192.0.2.7" }),
    ]);
    expect(await lines("export.report.csv", coordinator.id)).toEqual([expect.objectContaining({ target_id: String(cohort.id) })]);
  });

  test("someone else's participant page gives nothing, and the refusal is audited with the address", async () => {
    const participant = await makeUser(t.db, { role: "participant" });
    const other = await makeUser(t.db, { role: "participant" });
    expect(await participantProfilePage(t.db, participant, other.id, "198.51.100.8")).toBeUndefined();
    expect(await lines("participant.view", participant.id)).toEqual([
      expect.objectContaining({ outcome: "denied", target_id: String(other.id), ip: "198.51.100.8" }),
    ]);
    expect((await participantProfilePage(t.db, participant, participant.id, null))?.id).toBe(participant.id);
    expect(await lines("participant.view", participant.id)).toHaveLength(1);
  });

  test("the interview overview: objections only when asked for", async () => {
    const coordinator = await makeUser(t.db, { role: "coordinator" });
    const withObjections = await interviewOverview(t.db, coordinator, { page: 1, today: TODAY, withObjections: true });
    const without = await interviewOverview(t.db, coordinator, { page: 1, today: TODAY, withObjections: false });
    expect(without.objections).toEqual([]);
    expect(without.interviews).toEqual(withObjections.interviews);
    expect(without.candidates).toEqual(withObjections.candidates);
    expect(withObjections.interviews.planned.length + withObjections.interviews.held.length).toBeGreaterThan(0);
  });
});
