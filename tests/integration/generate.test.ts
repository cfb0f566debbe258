import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DB } from "../../db/connect";
import { BENCH_EMAILS, GENERATED_TABLES, generateInstallation, type GeneratedInfo } from "../../demo/generate";
import { expectedParticipants, participantAttendance, saveAttendance } from "../../app/services/attendance.server";
import { IssueRefusedError, issueCertificate, verifyCertificate } from "../../app/services/certificates.server";
import { hashPassword, verifyPassword } from "../../app/services/password.server";
import { getParticipantForViewer } from "../../app/services/participants.server";
import { cohortProgress, participantProgress } from "../../app/services/progress.server";
import { reportsOverview } from "../../app/services/reports.server";
import { getMeeting } from "../../app/services/schedule.server";
import { PLACE_STATUSES } from "../../app/rules/trainings";
import type { CertificateSnapshot } from "../../app/services/pdf/certificate-pdf.server";
import { createTestDb, type TestDb } from "../support/db";

/*
 * The installation generator on a small size: 3 cohorts × 6 participants over one year, the newest
 * cohort running. Three fresh databases: A and B with the same seed (must be identical), C with
 * another seed and fewer pending certificates. A is then checked against the app's own rules and
 * services; the write actions (issuing, saving attendance) run last, after the comparison.
 */
const TODAY = "2026-11-22";
const PASSWORD = "bench-wachtwoord-42";
// Seed 6 has a participant who left in every cohort, so the leaver rules are exercised.
const OPTS = { seed: 6, cohorts: 3, size: 6, years: 1, today: TODAY, password: PASSWORD } as const;
const VERIFY = "https://leerlijn.example";

let hash: string;
let a: TestDb;
let b: TestDb;
let c: TestDb;
let infoA: GeneratedInfo;
let infoB: GeneratedInfo;
let infoC: GeneratedInfo;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  [a, b, c] = await Promise.all([createTestDb("empty"), createTestDb("empty"), createTestDb("empty")]);
  infoA = await generateInstallation(a.db, { ...OPTS, passwordHash: hash, verifyBase: VERIFY });
  infoB = await generateInstallation(b.db, { ...OPTS, passwordHash: hash, verifyBase: VERIFY });
  infoC = await generateInstallation(c.db, { ...OPTS, seed: 8, passwordHash: hash, verifyBase: VERIFY, pendingCertificates: 2 });
}, 120_000);
afterAll(async () => {
  await Promise.all([a, b, c].filter(Boolean).map((t) => t.close()));
});

/** Every row of every table, as sorted JSON lines per table (blobs as their sha256). */
async function dump(db: DB): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of GENERATED_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !(table === "leerlijn_versions" && k === "loaded_at"))
            .sort()
            .map((k) => [
              k,
              row[k] instanceof Uint8Array
                ? createHash("sha256")
                    .update(row[k] as Uint8Array)
                    .digest("hex")
                : row[k],
            ]),
        ),
      )
      .sort();
  }
  return out;
}

async function tableCount(db: DB, table: (typeof GENERATED_TABLES)[number]): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("determinism", () => {
  it("gives identical database content for the same seed and options", async () => {
    const [dumpA, dumpB] = await Promise.all([dump(a.db), dump(b.db)]);
    for (const table of GENERATED_TABLES) expect({ table, rows: dumpB[table] }).toEqual({ table, rows: dumpA[table] });
    expect(infoB).toEqual(infoA);
  });

  it("gives other content for another seed", async () => {
    const [dumpA, dumpC] = await Promise.all([dump(a.db), dump(c.db)]);
    expect(dumpC.users).not.toEqual(dumpA.users);
    expect(dumpC.attendance).not.toEqual(dumpA.attendance);
    expect(dumpC.practice_entries).not.toEqual(dumpA.practice_entries);
    expect(dumpC.certificates).not.toEqual(dumpA.certificates);
  });
});

describe("what was generated", () => {
  it("reports the real row counts, with the shape the options ask for", async () => {
    for (const table of GENERATED_TABLES) expect({ table, n: infoA.counts[table] }).toEqual({ table, n: await tableCount(a.db, table) });
    expect(infoA.counts.cohorts).toBe(3);
    expect(infoA.counts.enrolments).toBe(18);
    // Per cohort: a lesdag of two blocks for 20 weeks, weekly intervisie from week 3 for its one
    // group (6 participants), and three trainings of two meetings.
    expect(infoA.counts.course_sessions).toBe(3 * (20 * 2 + 18 * 1 + 3 * 2));
    const cohorts = await a.db.selectFrom("cohorts").select(["id", "start_date", "end_date"]).orderBy("start_date").execute();
    expect(cohorts.map((co) => co.id)).toEqual(infoA.cohortIds);
    // Spread over a year; the newest one runs today, the others are finished.
    expect(cohorts[0].start_date <= "2025-11-24").toBe(true);
    expect(cohorts[2].start_date <= TODAY && TODAY <= cohorts[2].end_date).toBe(true);
    expect(cohorts.slice(0, 2).every((co) => co.end_date < TODAY)).toBe(true);
    expect(infoA.runningCohortId).toBe(cohorts[2].id);
  });

  it("records attendance for exactly the expected participants of every held meeting, and nothing else", async () => {
    const db = a.db;
    const meetings = await db.selectFrom("course_sessions").selectAll().execute();
    const enrolments = await db.selectFrom("enrolments").selectAll().execute();
    const members = await db.selectFrom("intervisie_group_members").selectAll().execute();
    const places = await db.selectFrom("training_choices").select(["participant_id", "training_id", "status"]).execute();
    const records = await db.selectFrom("attendance").select(["session_id", "participant_id"]).execute();
    const byMeeting = new Map<number, number[]>();
    for (const r of records) byMeeting.set(r.session_id, [...(byMeeting.get(r.session_id) ?? []), r.participant_id]);
    let expectedTotal = 0;
    let held = 0;
    for (const s of meetings) {
      const got = (byMeeting.get(s.id) ?? []).sort((x, y) => x - y);
      if (s.status === "cancelled" || s.date >= TODAY) {
        expect({ meeting: s.id, got }).toEqual({ meeting: s.id, got: [] });
        expect(s.attendance_revision).toBe(0);
        continue;
      }
      held += 1;
      const present = enrolments
        .filter((e) => e.cohort_id === s.cohort_id && e.enrolled_at.slice(0, 10) <= s.date && (!e.left_on || s.date <= e.left_on))
        .map((e) => e.participant_id);
      const expected = present
        .filter((id) =>
          s.type === "les"
            ? true
            : s.type === "intervisie"
              ? members.some((m) => m.group_id === s.intervisie_group_id && m.participant_id === id)
              : places.some((p) => p.participant_id === id && p.training_id === s.training_id && PLACE_STATUSES.includes(p.status)),
        )
        .sort((x, y) => x - y);
      expect({ meeting: s.id, got }).toEqual({ meeting: s.id, got: expected });
      expectedTotal += expected.length;
      // The app's own list of who is expected contains everyone with a record.
      const service = new Set((await expectedParticipants(db, s)).map((p) => p.id));
      expect(got.filter((id) => !service.has(id))).toEqual([]);
      if (got.length > 0) expect(s.attendance_revision).toBeGreaterThanOrEqual(1);
    }
    expect(held).toBeGreaterThan(100);
    expect(records.length).toBe(expectedTotal);
    // Someone who left has records until the day they left, none after.
    const leavers = enrolments.filter((e) => e.left_on !== null);
    expect(leavers.length).toBeGreaterThan(0);
    for (const e of leavers) {
      const dates = meetings.filter((s) => (byMeeting.get(s.id) ?? []).includes(e.participant_id)).map((s) => s.date);
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.filter((d) => d > e.left_on!)).toEqual([]);
    }
    // Most attend: the mix is realistic, not all present and not random noise.
    const statuses = await db.selectFrom("attendance").select("status").execute();
    const share = (st: string) => statuses.filter((r) => r.status === st).length / statuses.length;
    expect(share("aanwezig")).toBeGreaterThan(0.7);
    for (const st of ["te_laat", "afgemeld", "afwezig"]) expect(share(st)).toBeGreaterThan(0);
  });

  it("issues certificates only on a finalised, passed interview, numbered and fingerprinted as the app does", async () => {
    const db = a.db;
    const certs = await db.selectFrom("certificates").selectAll().orderBy("id").execute();
    expect(certs.length).toBeGreaterThan(0);
    expect(new Set(certs.map((x) => x.number)).size).toBe(certs.length);
    expect(new Set(certs.map((x) => x.verification_code)).size).toBe(certs.length);
    for (const cert of certs) {
      const interview = await db.selectFrom("interviews").selectAll().where("id", "=", cert.interview_id!).executeTakeFirstOrThrow();
      expect({
        status: interview.status,
        outcome: interview.outcome,
        superseded: interview.superseded_at,
        participant: interview.participant_id,
        cohort: interview.cohort_id,
      }).toEqual({
        status: "afgerond",
        outcome: "geslaagd",
        superseded: null,
        participant: cert.participant_id,
        cohort: cert.cohort_id,
      });
      expect(interview.finalised_at! < cert.issued_at).toBe(true);
      expect(cert.issued_at < TODAY).toBe(true);
      expect(cert.number).toBe(`LLB-${cert.year}-${String(cert.seq).padStart(4, "0")}`);
      expect(cert.year).toBe(Number(cert.issued_at.slice(0, 4)));
      expect(cert.verification_code).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(cert.pdf_sha256).toBe(createHash("sha256").update(cert.pdf).digest("hex"));
      const user = await db.selectFrom("users").select("name").where("id", "=", cert.participant_id).executeTakeFirstOrThrow();
      const trainings = await db
        .selectFrom("training_choices as tc")
        .innerJoin("trainings as t", "t.id", "tc.training_id")
        .select("t.title")
        .where("tc.participant_id", "=", cert.participant_id)
        .where("tc.status", "in", PLACE_STATUSES)
        .orderBy("t.position")
        .execute();
      const cohort = await db.selectFrom("cohorts").select(["name", "start_date", "end_date"]).where("id", "=", cert.cohort_id).executeTakeFirstOrThrow();
      const snapshot = JSON.parse(cert.snapshot) as CertificateSnapshot;
      // Key order as issueCertificate writes it.
      expect(Object.keys(snapshot)).toEqual([
        "participantName",
        "leerlijn",
        "cohort",
        "hours",
        "trainings",
        "issuedOn",
        "place",
        "issuer",
        "partners",
        "title",
        "statement",
        "signatories",
        "replaces",
        "number",
        "verificationCode",
        "verifyUrl",
      ]);
      expect(snapshot).toMatchObject({
        participantName: user.name,
        cohort: { name: cohort.name, startDate: cohort.start_date, endDate: cohort.end_date },
        trainings: trainings.map((t) => t.title),
        // The certificate carries the interview's date.
        issuedOn: interview.date,
        number: cert.number,
        verificationCode: cert.verification_code,
        verifyUrl: `${VERIFY}/verify/${cert.verification_code}`,
        replaces: null,
      });
      expect((await verifyCertificate(db, cert.verification_code))?.state).toBe("geldig");
    }
    // Numbers follow the order of issue within each year, without gaps.
    for (const year of new Set(certs.map((x) => x.year))) {
      const ofYear = certs.filter((x) => x.year === year).sort((x, y) => x.issued_at.localeCompare(y.issued_at) || x.id - y.id);
      expect(ofYear.map((x) => x.seq)).toEqual(ofYear.map((_, i) => i + 1));
    }
    expect(certs.map((x) => x.verification_code)).toContain(infoA.validVerificationCode);
    // The stored PDF is the real certificate for this snapshot.
    const file = path.join(os.tmpdir(), `generated-cert-${process.pid}.pdf`);
    fs.writeFileSync(file, certs[0].pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    fs.rmSync(file, { force: true });
    const first = JSON.parse(certs[0].snapshot) as CertificateSnapshot;
    expect(text).toContain(first.participantName);
    expect(text).toContain(first.number);
    expect(text).toContain(first.verificationCode);
  });

  it("agrees with the engine: in finished cohorts exactly the eligible have a certificate or are pending", async () => {
    const certified = new Set((await a.db.selectFrom("certificates").select("participant_id").execute()).map((r) => r.participant_id));
    const pending = new Set(infoA.pendingCertificateParticipantIds);
    for (const cohortId of infoA.cohortIds.slice(0, 2)) {
      const progress = (await cohortProgress(a.db, cohortId, TODAY))!;
      const eligible = progress.rows
        .filter((r) => r.eligibility.eligible)
        .map((r) => r.participant.id)
        .sort((x, y) => x - y);
      const covered = progress.rows
        .map((r) => r.participant.id)
        .filter((id) => certified.has(id) || pending.has(id))
        .sort((x, y) => x - y);
      expect(covered).toEqual(eligible);
      // Most pass; someone who left never has a certificate.
      expect(eligible.length).toBeGreaterThanOrEqual(3);
      for (const r of progress.rows.filter((x) => x.left)) expect(certified.has(r.participant.id)).toBe(false);
    }
  });

  it("leaves the newest finished cohort's passers without a certificate, ready to issue", async () => {
    const pendingCohort = infoA.cohortIds[1];
    expect(infoA.pendingCertificateParticipantIds.length).toBeGreaterThan(0);
    // Default 25 is more than this cohort has: all its passers wait.
    const passers = await a.db
      .selectFrom("interviews")
      .select("participant_id")
      .where("cohort_id", "=", pendingCohort)
      .where("status", "=", "afgerond")
      .where("outcome", "=", "geslaagd")
      .execute();
    expect([...infoA.pendingCertificateParticipantIds].sort()).toEqual(passers.map((p) => p.participant_id).sort());
    for (const p of infoA.pendingCertificates) {
      expect(await a.db.selectFrom("certificates").select("id").where("participant_id", "=", p.participantId).executeTakeFirst()).toBeUndefined();
      const interview = await a.db.selectFrom("interviews").selectAll().where("id", "=", p.interviewId).executeTakeFirstOrThrow();
      expect([interview.participant_id, interview.cohort_id, interview.status, interview.outcome]).toEqual([
        p.participantId,
        pendingCohort,
        "afgerond",
        "geslaagd",
      ]);
      const assessors = await a.db.selectFrom("interview_assessors").select(["user_id", "signed_at"]).where("interview_id", "=", p.interviewId).execute();
      expect(assessors.map((x) => x.user_id)).toContain(infoA.accounts.examiner.id);
      expect(assessors.every((x) => x.signed_at !== null)).toBe(true);
      expect((await participantProgress(a.db, p.participantId, TODAY))!.eligibility.eligible).toBe(true);
    }
    // With fewer pending (run C) the rest of that cohort's passers got their certificate.
    expect(infoC.pendingCertificates).toHaveLength(2);
    const cohortC = infoC.cohortIds[1];
    const passersC = await c.db
      .selectFrom("interviews")
      .select("participant_id")
      .where("cohort_id", "=", cohortC)
      .where("status", "=", "afgerond")
      .where("outcome", "=", "geslaagd")
      .execute();
    const certifiedC = await c.db.selectFrom("certificates").select("participant_id").where("cohort_id", "=", cohortC).execute();
    expect(certifiedC.length).toBe(passersC.length - 2);
  });

  it("creates the bench accounts with the password, everyone else without one", async () => {
    const users = await a.db.selectFrom("users").select(["id", "email", "role", "password_hash"]).execute();
    const bench = users.filter((u) => Object.values(BENCH_EMAILS).includes(u.email as never));
    expect(bench.map((u) => [u.email, u.role]).sort()).toEqual(
      [
        [BENCH_EMAILS.coordinator, "coordinator"],
        [BENCH_EMAILS.participant, "participant"],
        [BENCH_EMAILS.examiner, "examiner"],
        [BENCH_EMAILS.trainer, "trainer"],
      ].sort(),
    );
    for (const u of bench) expect(await verifyPassword(PASSWORD, u.password_hash!)).toBe(true);
    expect(users.filter((u) => !bench.includes(u) && u.password_hash !== null)).toEqual([]);
    expect(infoA.accounts).toEqual({
      password: PASSWORD,
      coordinator: { id: bench.find((u) => u.role === "coordinator")!.id, email: BENCH_EMAILS.coordinator },
      trainer: { id: bench.find((u) => u.role === "trainer")!.id, email: BENCH_EMAILS.trainer },
      examiner: { id: bench.find((u) => u.role === "examiner")!.id, email: BENCH_EMAILS.examiner },
      participant: { id: bench.find((u) => u.role === "participant")!.id, email: BENCH_EMAILS.participant },
    });
  });

  it("gives the running cohort a history the app's pages can show", async () => {
    const { trainer, participant, coordinator } = infoA.accounts;
    const trainers = await a.db.selectFrom("cohort_trainers").select("user_id").where("cohort_id", "=", infoA.runningCohortId).execute();
    expect(trainers.map((t) => t.user_id)).toContain(trainer.id);
    const progress = (await cohortProgress(a.db, infoA.runningCohortId, TODAY))!;
    expect(progress.rows).toHaveLength(6);
    const me = progress.rows.find((r) => r.participant.id === participant.id)!;
    expect(me.left).toBeNull();
    expect(me.facts.lessonsHeld).toBeGreaterThan(15);
    expect(me.facts.attendanceRate!).toBeGreaterThanOrEqual(0.8);
    expect(me.facts.practiceConfirmedMinutes).toBeGreaterThan(0);
    expect(me.facts.intervisieAttended).toBeGreaterThan(0);
    expect(me.eligibility.requirements.find((r) => r.code === "pop")!.met).toBe(true);
    // Running, so not yet complete: lessons still to come, no interview.
    expect(me.eligibility.eligible).toBe(false);
    const own = (await participantAttendance(a.db, { id: participant.id }, TODAY))!;
    expect(own.meetings.some((s) => s.record !== null)).toBe(true);
    expect(own.meetings.some((s) => s.date >= TODAY && s.record === null)).toBe(true);
    expect(await getParticipantForViewer(a.db, { id: trainer.id, role: "trainer" }, participant.id)).toBeDefined();
    expect(await getParticipantForViewer(a.db, { id: coordinator.id, role: "coordinator" }, participant.id)).toBeDefined();

    const report = await reportsOverview(a.db, TODAY, "alle");
    expect(report.rows).toHaveLength(3);
    expect(report.totals.participants).toBe(18);
    const valid = await a.db.selectFrom("certificates").select("id").where("revoked_at", "is", null).where("superseded_by_id", "is", null).execute();
    expect(report.totals.certified).toBe(valid.length);
  });

  it("names a held lesson whose attendance list saves through the real action with the given revision", async () => {
    const lesson = infoA.heldLesson!;
    const meeting = (await getMeeting(a.db, infoA.runningCohortId, lesson.meetingId))!;
    expect([meeting.cohort_id, meeting.type, meeting.status, meeting.date < TODAY]).toEqual([infoA.runningCohortId, "les", "planned", true]);
    const later = await a.db
      .selectFrom("course_sessions")
      .select("id")
      .where("cohort_id", "=", infoA.runningCohortId)
      .where("type", "=", "les")
      .where("date", ">", meeting.date)
      .where("date", "<", TODAY)
      .executeTakeFirst();
    expect(later).toBeUndefined();
    // Everyone of the cohort except who left before the lesson (the generator lets some leave).
    const members = await a.db.selectFrom("enrolments").select(["participant_id", "left_on"]).where("cohort_id", "=", infoA.runningCohortId).execute();
    const stillIn = members.filter((m) => m.left_on === null || m.left_on >= meeting.date).map((m) => m.participant_id);
    expect(members).toHaveLength(6);
    expect(lesson.expectedParticipantIds).toEqual([...stillIn].sort((x, y) => x - y));
    expect(lesson.attendanceRevision).toBe(meeting.attendance_revision);
    const rows = lesson.expectedParticipantIds.map((participantId) => ({
      participantId,
      status: "aanwezig" as const,
      minutesMissed: 0,
      active: true,
      note: "benchmark",
    }));
    const trainer = { id: infoA.accounts.trainer.id, role: "trainer" as const };
    const saved = await saveAttendance(a.db, meeting, { revision: lesson.attendanceRevision, rows }, trainer, new Date(`${TODAY}T08:00:00Z`));
    expect(saved).toEqual({ status: "saved", revision: lesson.attendanceRevision + 1 });
  });

  it("lets the examiner issue a pending certificate through issueCertificate, once", async () => {
    const [first] = infoA.pendingCertificates;
    const examiner = { id: infoA.accounts.examiner.id, role: "examiner" as const };
    const now = new Date(`${TODAY}T09:00:00Z`);
    const before = await a.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("year", "=", 2026)
      .executeTakeFirst();
    const issued = await issueCertificate(a.db, examiner, first.participantId, { verifyBase: VERIFY, today: TODAY, now });
    expect(issued.number).toBe(`LLB-2026-${String(Number(before?.seq ?? 0) + 1).padStart(4, "0")}`);
    expect((await verifyCertificate(a.db, issued.verificationCode))?.state).toBe("geldig");
    const row = await a.db.selectFrom("certificates").select(["interview_id", "cohort_id"]).where("id", "=", issued.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ interview_id: first.interviewId, cohort_id: infoA.cohortIds[1] });
    await expect(issueCertificate(a.db, examiner, first.participantId, { verifyBase: VERIFY, today: TODAY, now })).rejects.toBeInstanceOf(IssueRefusedError);
  });

  it("refuses a database that already has people in it", async () => {
    await expect(generateInstallation(a.db, { ...OPTS, passwordHash: hash })).rejects.toThrow(/al gebruikers/);
  });
});
