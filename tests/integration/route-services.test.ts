import { certificateDownload, hasCertificate } from "../../app/services/certificates.server";
import { databaseAnswers } from "../../app/services/health.server";
import { interviewFile } from "../../app/services/interviews.server";
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
});
