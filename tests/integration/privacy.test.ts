import { sql } from "kysely";
import { todayInAmsterdam } from "../../app/guards.server";
import { emptyPop } from "../../app/rules/pop";
import { certificatePdf, certificateRegister, cohortCertificateBook, verifyCertificate } from "../../app/services/certificates.server";
import { attemptLogin } from "../../app/services/login.server";
import { logPopRead } from "../../app/services/pop.server";
import {
  anonymisedEmail,
  anonymisePerson,
  applyRetention,
  getRetentionSettings,
  popReaders,
  saveRetentionSettings,
  searchAudit,
  setKeepDrafts,
} from "../../app/services/privacy.server";
import { cohortReport } from "../../app/services/reports.server";
import type { DB } from "../../db/connect";
import { DEMO_PASSWORD } from "../../demo/seed";
import { cohortByName, userByEmail } from "../support/factories";
import { createTestDb, type TestDb } from "../support/db";
import { containsIgnoringCase, tableColumns, tableNames } from "../support/schema";
import { currentTime } from "../../app/clock.server";
import { refusal } from "../support/refusal";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
});
afterEach(() => t.close());

/** Every text cell in the database that contains `needle`, as table.column. */
async function whereTextAppears(db: DB, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const name of await tableNames(db)) {
    for (const col of await tableColumns(db, name)) {
      if (!/text/i.test(col.type)) continue;
      const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)} where ${containsIgnoringCase(db, col.name, needle)}`.execute(db);
      if (Number(found.rows[0]?.n) > 0) hits.push(`${name}.${col.name}`);
    }
  }
  return hits.sort();
}

describe("anonymising a person", () => {
  it("removes a certified participant's personal data and texts, keeps the figures and the register entry", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const cohort = await cohortByName(t.db, "Leerlijn Buurtteams 2025-2");
    const today = todayInAmsterdam();
    const before = await cohortReport(t.db, cohort.id, today);
    const cert = await t.db.selectFrom("certificates").selectAll().where("participant_id", "=", lotte.id).executeTakeFirstOrThrow();
    const practiceBefore = await t.db
      .selectFrom("practice_entries")
      .select((eb) => eb.fn.sum<number>("minutes").as("m"))
      .where("participant_id", "=", lotte.id)
      .executeTakeFirstOrThrow();
    expect(await whereTextAppears(t.db, lotte.name)).not.toEqual([]);

    expect(await anonymisePerson(t.db, coordinator, lotte.id, "203.0.113.5")).toBe("done");

    const after = await t.db.selectFrom("users").selectAll().where("id", "=", lotte.id).executeTakeFirstOrThrow();
    expect(after.name).not.toContain("Lotte");
    expect(after.email).not.toBe(lotte.email);
    expect(after.password_hash).toBeNull();
    expect(after.status).toBe("disabled");
    expect(after.anonymised_at).not.toBeNull();
    // Her name survives only with her certificate (its snapshot, and the name column read from it,
    // and its signed Open Badges credential, which cannot change without breaking its signature; it
    // holds a salted hash of her address, not the address); her e-mail nowhere.
    const nameHits = await whereTextAppears(t.db, lotte.name);
    expect(nameHits).toContain("certificates.snapshot");
    expect(nameHits.filter((h) => !h.startsWith("certificates.") && h !== "open_badge_credentials.credential")).toEqual([]);
    expect(await whereTextAppears(t.db, lotte.email)).toEqual([]);
    // Free texts are gone: reflections, practice descriptions, POP content, interview motivation.
    const texts = await t.db.selectFrom("practice_entries").select(["description", "reflection"]).where("participant_id", "=", lotte.id).execute();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((r) => r.description === "" && r.reflection === "")).toBe(true);
    const pop = await t.db
      .selectFrom("pop_versions as v")
      .innerJoin("pops as p", "p.id", "v.pop_id")
      .select("v.content")
      .where("p.participant_id", "=", lotte.id)
      .execute();
    expect(pop.length).toBeGreaterThan(0);
    expect(pop.every((v) => JSON.stringify(JSON.parse(v.content)) === JSON.stringify(emptyPop()))).toBe(true);
    const interview = await t.db
      .selectFrom("interviews")
      .select(["motivation", "advice", "outcome"])
      .where("participant_id", "=", lotte.id)
      .executeTakeFirstOrThrow();
    expect(interview).toEqual({ motivation: null, advice: null, outcome: "geslaagd" });
    // Figures are unchanged: counts, hours, certified.
    const reportAfter = await cohortReport(t.db, cohort.id, today);
    expect(reportAfter?.counts).toEqual(before?.counts);
    expect(reportAfter?.practiceConfirmedHours).toBe(before?.practiceConfirmedHours);
    expect(reportAfter?.learningHoursCredited).toBe(before?.learningHoursCredited);
    const practiceAfter = await t.db
      .selectFrom("practice_entries")
      .select((eb) => eb.fn.sum<number>("minutes").as("m"))
      .where("participant_id", "=", lotte.id)
      .executeTakeFirstOrThrow();
    expect(practiceAfter.m).toBe(practiceBefore.m);
    // The certificate still verifies, with the name frozen at issue.
    const verified = await verifyCertificate(t.db, cert.verification_code);
    expect(verified?.participantName).toBe(lotte.name);
    expect(verified?.state).toBe("geldig");
    // The decision is in the audit trail, and a second time changes nothing.
    const log = await searchAudit(t.db, { action: "person.anonymise" });
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ actor_id: coordinator.id, target_id: String(lotte.id), ip: "203.0.113.5" });
    expect(await anonymisePerson(t.db, coordinator, lotte.id, null)).toBe("already");
  });

  it("leaves no trace of the name of someone without a certificate, and refuses yourself and unknown ids", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const wilma = await userByEmail(t.db, "deelnemer17@leerlijn.test");
    expect(await anonymisePerson(t.db, coordinator, wilma.id, null)).toBe("done");
    expect(await whereTextAppears(t.db, wilma.name)).toEqual([]);
    expect(await whereTextAppears(t.db, wilma.email)).toEqual([]);
    expect(await t.db.selectFrom("auth_sessions").select("id").where("user_id", "=", wilma.id).execute()).toEqual([]);
    expect(await anonymisePerson(t.db, coordinator, coordinator.id, null)).toBe("self");
    expect(await anonymisePerson(t.db, coordinator, 999_999, null)).toBe("notFound");
  });
});

describe("anonymising keeps the name with the certificate, and only there (issue 23.5, 23.6)", () => {
  it("the register, its search and CSV rows, /verify, the PDF and the ceremony book still carry the name", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const cohort = await cohortByName(t.db, "Leerlijn Buurtteams 2025-2");
    const cert = await t.db
      .selectFrom("certificates")
      .select(["id", "number", "verification_code"])
      .where("participant_id", "=", lotte.id)
      .executeTakeFirstOrThrow();
    const bookBefore = await cohortCertificateBook(t.db, cohort.id, "nl");
    const pdfBefore = await certificatePdf(t.db, { id: cert.id });

    expect(await anonymisePerson(t.db, coordinator, lotte.id, null)).toBe("done");

    // The register (the page and its CSV read the same rows) shows her name, and finds her by it.
    const all = await certificateRegister(t.db);
    expect(all.find((r) => r.id === cert.id)).toMatchObject({ number: cert.number, name: lotte.name, participant_id: lotte.id });
    expect(all.some((r) => r.name.startsWith("Geanonimiseerd"))).toBe(false);
    const found = await certificateRegister(t.db, lotte.name.split(" ")[0]!.toLowerCase());
    expect(found.map((r) => r.id)).toContain(cert.id);
    expect((await certificateRegister(t.db, lotte.name)).map((r) => r.name)).toEqual([lotte.name]);
    // The placeholder name finds nothing: it is not on any certificate.
    expect(await certificateRegister(t.db, "Geanonimiseerd")).toEqual([]);
    // /verify, the stored PDF and the ceremony book are unchanged.
    expect((await verifyCertificate(t.db, cert.verification_code))?.participantName).toBe(lotte.name);
    const pdfAfter = await certificatePdf(t.db, { id: cert.id });
    expect(pdfAfter?.name).toBe(lotte.name);
    expect(pdfAfter?.pdf.equals(pdfBefore!.pdf)).toBe(true);
    const bookAfter = await cohortCertificateBook(t.db, cohort.id, "nl");
    expect(bookAfter?.count).toBe(bookBefore?.count);
    // Her account (and every list that shows people by account) no longer has her name.
    const account = await t.db.selectFrom("users").select("name").where("id", "=", lotte.id).executeTakeFirstOrThrow();
    expect(account.name).not.toBe(lotte.name);
  });

  it("keeps the sign-in lines in the audit log and removes their traces, and the log stays append-only otherwise", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const hamza = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    expect((await attemptLogin(t.db, { email: hamza.email, password: DEMO_PASSWORD, ip: "198.51.100.7" })).ok).toBe(true);
    expect((await attemptLogin(t.db, { email: hamza.email, password: "fout-wachtwoord", ip: "198.51.100.7" })).ok).toBe(false);
    const signInLines = () =>
      t.db
        .selectFrom("audit_log")
        .select(["id", "action", "outcome", "at", "target_type", "target_id"])
        .where("action", "=", "auth.login")
        .where("target_type", "=", "user")
        .where("target_id", "=", String(hamza.id))
        .orderBy("id")
        .execute();
    const signIns = await signInLines();
    expect(signIns.length).toBeGreaterThanOrEqual(2);
    const tracesOf = (ids: number[]) => t.db.selectFrom("audit_traces").select(["audit_id", "ip"]).where("audit_id", "in", ids).execute();
    expect((await tracesOf(signIns.map((l) => l.id))).map((r) => r.ip)).toContain("198.51.100.7");

    expect(await anonymisePerson(t.db, coordinator, hamza.id, null)).toBe("done");

    expect(await whereTextAppears(t.db, hamza.email)).toEqual([]);
    expect(await whereTextAppears(t.db, hamza.name)).toEqual([]);
    // The lines themselves stay (when, what, outcome, which account); where they came from goes.
    expect(await signInLines()).toEqual(signIns);
    expect(await tracesOf(signIns.map((l) => l.id))).toEqual([]);
    // Any change to the trail is still refused by the database.
    const line = signIns[0]!.id;
    await expect(refusal(t.db.updateTable("audit_log").set({ target_id: "iemand@example.org" }).where("id", "=", line).execute())).resolves.toMatch(
      /append-only/,
    );
    await expect(refusal(t.db.updateTable("audit_log").set({ ip: "192.0.2.1" }).where("id", "=", line).execute())).resolves.toMatch(/append-only/);
    await expect(
      refusal(
        t.db
          .updateTable("audit_log")
          .set({ target_id: anonymisedEmail(1) })
          .where("action", "=", "person.anonymise")
          .execute(),
      ),
    ).resolves.toMatch(/append-only/);
    await expect(refusal(t.db.deleteFrom("audit_log").where("id", "=", line).execute())).resolves.toMatch(/append-only/);
  });

  it("removes a trainer's name from the hours they decided on", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const decided = await t.db.selectFrom("practice_entries").select("id").where("decided_by", "=", trainer.id).where("decided_how", "=", "trainer").execute();
    expect(decided.length).toBeGreaterThan(0);
    expect(await anonymisePerson(t.db, coordinator, trainer.id, null)).toBe("done");
    const hits = await whereTextAppears(t.db, trainer.name);
    expect(hits.filter((h) => h.startsWith("practice_entries."))).toEqual([]);
    expect(hits.filter((h) => !h.startsWith("certificates.") && !h.startsWith("leerlijn_versions."))).toEqual([]);
  });
});

describe("retention", () => {
  async function addDraftVersions(participantId: number, count: number, at: string): Promise<number> {
    const pop = await t.db.selectFrom("pops").selectAll().where("participant_id", "=", participantId).executeTakeFirstOrThrow();
    for (let i = 1; i <= count; i++) {
      await t.db
        .insertInto("pop_versions")
        .values({
          pop_id: pop.id,
          number: pop.current_version + i,
          content: JSON.stringify({ wieBenIk: `concept ${i}`, sterkeKanten: "", ontwikkelpunten: "", leerdoelen: [] }),
          author_id: participantId,
          restored_from: null,
          created_at: at,
        })
        .execute();
    }
    // The newest draft becomes current, so the earlier ones (and the approved one stays: it has events).
    await t.db
      .updateTable("pops")
      .set({ current_version: pop.current_version + count })
      .where("id", "=", pop.id)
      .execute();
    return pop.id;
  }

  it("removes drafts after the course unless kept, purges old assessment texts, cleans sign-in traces, and is idempotent", async () => {
    const joost = await userByEmail(t.db, "deelnemer18@leerlijn.test");
    const hamza = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    const lotte = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const joostPop = await addDraftVersions(joost.id, 3, "2026-05-01T10:00:00.000Z");
    const hamzaPop = await addDraftVersions(hamza.id, 2, "2026-05-01T10:00:00.000Z");
    await setKeepDrafts(t.db, hamza.id, true);
    await t.db
      .insertInto("login_attempts")
      .values({ email: "iemand@example.org", ip: "192.0.2.1", succeeded: 0, created_at: "2020-01-01T00:00:00.000Z" })
      .execute();
    await t.db.insertInto("rate_limit_hits").values({ key: "verify:192.0.2.1", created_at: "2020-01-01T00:00:00.000Z" }).execute();
    // A failed sign-in with an address nobody has, from an IP address: the line stays, its traces go.
    await attemptLogin(t.db, { email: "iemand-anders@example.org", password: "fout-wachtwoord", ip: "192.0.2.99" });
    const failed = await t.db.selectFrom("audit_traces").select("audit_id").where("email", "=", "iemand-anders@example.org").executeTakeFirstOrThrow();
    const versionsOf = async (popId: number) =>
      (await t.db.selectFrom("pop_versions").select("number").where("pop_id", "=", popId).orderBy("number").execute()).map((r) => r.number);
    const joostBefore = await versionsOf(joostPop);
    const hamzaBefore = await versionsOf(hamzaPop);
    const judged = await t.db.selectFrom("pop_events").select("version_number").where("pop_id", "=", joostPop).execute();

    // Three years on: the 2025-2 course has long ended, Lotte's interview was decided > 2 years ago.
    const later = new Date("2029-06-01T03:00:00.000Z");
    const report = await applyRetention(t.db, later);
    expect(report.popDraftVersions).toBeGreaterThanOrEqual(2);
    const joostAfter = await versionsOf(joostPop);
    // Kept: the current version and every version that was handed in or judged.
    const keep = new Set([joostBefore[joostBefore.length - 1], ...judged.map((j) => j.version_number)]);
    expect(joostAfter).toEqual(joostBefore.filter((n) => keep.has(n)));
    expect(joostAfter.length).toBeLessThan(joostBefore.length);
    // Hamza chose to keep his drafts.
    expect(await versionsOf(hamzaPop)).toEqual(hamzaBefore);
    expect(report.oldLoginAttempts).toBeGreaterThanOrEqual(1);
    expect(report.rateLimitHits).toBe(1);
    expect(report.auditTraces).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom("audit_traces").select("audit_id").where("created_at", "<", "2029-03-03T00:00:00.000Z").execute()).toEqual([]);
    expect(await t.db.selectFrom("audit_log").select(["action", "outcome"]).where("id", "=", failed.audit_id).executeTakeFirst()).toEqual({
      action: "auth.login",
      outcome: "failure",
    });
    expect(await t.db.selectFrom("rate_limit_hits").select("id").execute()).toEqual([]);
    expect(report.assessmentFiles).toBeGreaterThanOrEqual(1);
    const lotteInterview = await t.db
      .selectFrom("interviews")
      .select(["motivation", "outcome", "purged_at"])
      .where("participant_id", "=", lotte.id)
      .executeTakeFirstOrThrow();
    expect(lotteInterview.motivation).toBeNull();
    expect(lotteInterview.outcome).toBe("geslaagd");
    expect(lotteInterview.purged_at).toBe(later.toISOString());
    // The register is kept.
    expect(await t.db.selectFrom("certificates").select("id").where("participant_id", "=", lotte.id).execute()).toHaveLength(1);
    // The run is in the audit trail, with its counts.
    const runs = await searchAudit(t.db, { action: "retention.run" });
    expect(JSON.parse(runs.rows[0]!.details ?? "{}")).toMatchObject({ popDraftVersions: report.popDraftVersions, assessmentFiles: report.assessmentFiles });

    // A second run the same day finds nothing more.
    const again = await applyRetention(t.db, later);
    expect({ ...again, settings: undefined, expiredSessions: 0 }).toEqual({
      settings: undefined,
      expiredSessions: 0,
      keptForms: 0,
      oldLoginAttempts: 0,
      auditTraces: 0,
      rateLimitHits: 0,
      spentInvitations: 0,
      spentPasswordResets: 0,
      mailBodies: 0,
      mailRows: 0,
      popDraftVersions: 0,
      popDraftComments: 0,
      gopDraftVersions: 0,
      assessmentFiles: 0,
    });
  });

  it("does nothing today to a course that is still running, and follows the coordinator's settings", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const anna = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const annaPop = await addDraftVersions(anna.id, 2, currentTime().toISOString());
    const count = async () => (await t.db.selectFrom("pop_versions").select("id").where("pop_id", "=", annaPop).execute()).length;
    const before = await count();
    const cohort = await cohortByName(t.db, "Leerlijn Buurtteams 2026-1");
    const now = new Date(`${cohort.end_date}T12:00:00.000Z`);
    await applyRetention(t.db, now);
    expect(await count()).toBe(before);
    // A coordinator keeps drafts 3 months after the end: a month after the end they are still there.
    await saveRetentionSettings(t.db, coordinator, { assessmentMonths: 24, draftsMonthsAfterEnd: 3, signInTraceDays: 90 }, null);
    expect(await getRetentionSettings(t.db)).toEqual({ assessmentMonths: 24, draftsMonthsAfterEnd: 3, signInTraceDays: 90 });
    await applyRetention(t.db, new Date(now.getTime() + 31 * 86_400_000));
    expect(await count()).toBe(before);
    await applyRetention(t.db, new Date(now.getTime() + 200 * 86_400_000));
    expect(await count()).toBeLessThan(before);
  });
});

describe("who read my POP", () => {
  it("lists reads by others, not by the participant, newest first", async () => {
    const anna = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    await logPopRead(t.db, anna, anna.id, null);
    await logPopRead(t.db, trainer, anna.id, null);
    await logPopRead(t.db, coordinator, anna.id, null);
    const readers = await popReaders(t.db, anna.id);
    expect(readers.slice(0, 2).map((r) => r.name)).toEqual([coordinator.name, trainer.name]);
    expect(readers.some((r) => r.name === anna.name)).toBe(false);
    // Another participant's list does not show reads of Anna's POP.
    const bram = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    expect((await popReaders(t.db, bram.id)).some((r) => r.name === coordinator.name && r.at === readers[0]!.at)).toBe(false);
  });
});
