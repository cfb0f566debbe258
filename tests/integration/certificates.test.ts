import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { DEMO_COHORT_FINISHED } from "../../demo/seed";
import { getVersion } from "../../app/services/curriculum.server";
import {
  IssueRefusedError,
  certificatePdf,
  certificateRegister,
  cohortCertificateBook,
  issueCertificate,
  reissueCertificate,
  revokeCertificate,
  verifyCertificate,
} from "../../app/services/certificates.server";
import {
  FinaliseRefusedError,
  assessorWarnings,
  correctInterview,
  interviewForViewer,
  lodgeObjection,
  planInterview,
  rescheduleInterview,
  resolveObjection,
  saveJudgement,
  signJudgement,
} from "../../app/services/interviews.server";
import { participantProgress } from "../../app/services/progress.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";
import { amsterdamDay } from "../../app/rules/amsterdam";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = amsterdamDay(currentTime());
const BASE = "https://leerlijn.example";

async function people() {
  return {
    e1: await userByEmail(t.db, "examinator@leerlijn.test"),
    e2: await userByEmail(t.db, "examinator2@leerlijn.test"),
    coordinator: await userByEmail(t.db, "coordinator@leerlijn.test"),
    trainer: await userByEmail(t.db, "trainer@leerlijn.test"),
    ready: await userByEmail(t.db, "deelnemer16@leerlijn.test"),
    certified: await userByEmail(t.db, "deelnemer15@leerlijn.test"),
    behind: await userByEmail(t.db, "deelnemer18@leerlijn.test"),
  };
}

async function fullJudgement(interviewId: number, outcome: "geslaagd" | "niet_geslaagd" = "geslaagd") {
  const i = await t.db.selectFrom("interviews").select("leerlijn_version_id").where("id", "=", interviewId).executeTakeFirstOrThrow();
  const v = (await getVersion(t.db, i.leerlijn_version_id))!;
  return {
    criteria: Object.fromEntries(
      v.definition.competencies.flatMap((c) => c.criteria.map((x) => [x.code, { demonstrated: true, justification: "Voorbeeld uit de praktijk (STARR)." }])),
    ),
    competencies: Object.fromEntries(v.definition.competencies.map((c) => [c.code, "voldoende" as const])),
    outcome,
    motivation: "Alle criteria aangetoond.",
    advice: null,
  };
}

function pdfText(pdf: Buffer): { text: string; info: string; file: string } {
  const file = path.join(os.tmpdir(), `cert-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return {
    file,
    text: execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " "),
    info: execFileSync("pdfinfo", [file]).toString("utf8"),
  };
}

describe("the interview", () => {
  it("shows the file only to its assessors and the coordinator; the participant only once finalised", async () => {
    const { e1, e2, trainer, ready, certified } = await people();
    const planned = await t.db.selectFrom("interviews").select("id").where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    expect(await interviewForViewer(t.db, e1, planned.id)).toBeDefined();
    expect(await interviewForViewer(t.db, e2, planned.id)).toBeDefined();
    expect(await interviewForViewer(t.db, trainer, planned.id)).toBeUndefined();
    expect(await interviewForViewer(t.db, ready, planned.id)).toBeUndefined();
    expect(await interviewForViewer(t.db, certified, planned.id)).toBeUndefined();
    const held = await t.db.selectFrom("interviews").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    expect((await interviewForViewer(t.db, certified, held.id))?.outcome).toBe("geslaagd");
  });

  it("warns when an assessor was the participant's trainer, and refuses a second planned interview", async () => {
    const { trainer, e1, e2, ready } = await people();
    expect(await assessorWarnings(t.db, ready.id, [e1.id, trainer.id])).toEqual([{ assessorId: trainer.id, name: trainer.name, reason: "trainer" }]);
    // deelnemer16 is a candidate, with an interview planned already.
    await expect(
      planInterview(t.db, e1, { participantId: ready.id, date: "2030-01-11", startTime: "10:00", location: null, assessorIds: [e1.id, e2.id] }),
    ).rejects.toMatchObject({ messageKey: "interview.alreadyPlanned" });
  });

  it("needs every criterion before signing, two signatures to finalise, and is locked afterwards", async () => {
    const { e1, e2, ready, coordinator } = await people();
    const { id } = await t.db.selectFrom("interviews").select("id").where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    // Planned in three days: the coordinator records that it is held today.
    await rescheduleInterview(t.db, coordinator, id, { date: TODAY, startTime: "09:00" });
    await saveJudgement(t.db, e1, id, { criteria: {}, competencies: {}, outcome: "geslaagd", motivation: null, advice: null });
    await expect(signJudgement(t.db, e1, id)).rejects.toBeInstanceOf(FinaliseRefusedError);
    // Not an assessor: refused.
    await expect(saveJudgement(t.db, coordinator, id, await fullJudgement(id))).rejects.toMatchObject({ messageKey: "interview.notAssessor" });
    await saveJudgement(t.db, e1, id, await fullJudgement(id));
    expect(await signJudgement(t.db, e1, id)).toEqual({ finalised: false });
    // A change after a signature clears it: the first assessor signed another text.
    await saveJudgement(t.db, e2, id, { ...(await fullJudgement(id)), advice: "Blijf intervisie zoeken." });
    expect(await signJudgement(t.db, e2, id)).toEqual({ finalised: false });
    expect(await signJudgement(t.db, e1, id)).toEqual({ finalised: true });
    const row = await t.db.selectFrom("interviews").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "afgerond", outcome: "geslaagd", advice: "Blijf intervisie zoeken." });
    await expect(saveJudgement(t.db, e1, id, await fullJudgement(id, "niet_geslaagd"))).rejects.toMatchObject({ messageKey: "interview.locked" });
    expect((await participantProgress(t.db, ready.id, TODAY))!.eligibility.eligible).toBe(true);
  });

  it("corrects a finalised record with a new linked record, which replaces it only when finalised", async () => {
    const { e1, e2, certified } = await people();
    const original = await t.db
      .selectFrom("interviews")
      .selectAll()
      .where("participant_id", "=", certified.id)
      .where("status", "=", "afgerond")
      .executeTakeFirstOrThrow();
    const correctionId = await correctInterview(t.db, e1, original.id, "Typefout in de motivatie");
    const correction = await t.db.selectFrom("interviews").selectAll().where("id", "=", correctionId).executeTakeFirstOrThrow();
    expect(correction).toMatchObject({ corrects_id: original.id, correction_reason: "Typefout in de motivatie", status: "gepland", outcome: "geslaagd" });
    expect((await t.db.selectFrom("interview_criteria").select("criterion_code").where("interview_id", "=", correctionId).execute()).length).toBeGreaterThan(
      10,
    );
    await saveJudgement(t.db, e1, correctionId, { ...(await fullJudgement(correctionId)), motivation: "Alle criteria zijn aangetoond met eigen voorbeelden." });
    await signJudgement(t.db, e1, correctionId);
    await signJudgement(t.db, e2, correctionId);
    const after = await t.db.selectFrom("interviews").selectAll().where("id", "=", original.id).executeTakeFirstOrThrow();
    expect(after.superseded_at).not.toBeNull();
    expect(after.motivation).toBe(original.motivation); // the original itself never changed
  });

  it("takes an objection within 14 days; the coordinator resolves it", async () => {
    const { certified, coordinator } = await people();
    const held = await t.db.selectFrom("interviews").selectAll().where("participant_id", "=", certified.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    await lodgeObjection(t.db, certified, held.id, "Ik ben het niet eens met de motivatie.", TODAY);
    await expect(lodgeObjection(t.db, certified, held.id, "Nog een", TODAY)).rejects.toMatchObject({ messageKey: "objection.alreadyOpen" });
    const objection = await t.db.selectFrom("objections").selectAll().where("interview_id", "=", held.id).executeTakeFirstOrThrow();
    await resolveObjection(t.db, coordinator, objection.id, "Besproken; het oordeel blijft staan.");
    await expect(lodgeObjection(t.db, certified, held.id, "Te laat", "2099-01-01")).rejects.toMatchObject({ messageKey: "objection.tooLate" });
  });
});

describe("certificates", () => {
  it("are refused with the engine's reasons when a requirement is not met", async () => {
    const { e1, behind } = await people();
    const err = await issueCertificate(t.db, e1, behind.id, { verifyBase: BASE, today: TODAY }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IssueRefusedError);
    expect((err as IssueRefusedError).refusals.map((r) => r.key)).toEqual(
      expect.arrayContaining(["eligibility.praktijk.missing", "eligibility.interview.notHeld"]),
    );
    expect(await t.db.selectFrom("certificates").select("id").where("participant_id", "=", behind.id).execute()).toHaveLength(0);
  });

  it("never share a number, even when two are issued at once", async () => {
    const { e1, ready, certified } = await people();
    // Make the certified participant's certificate revoked, so both may get one now.
    const existing = await t.db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
    await revokeCertificate(t.db, e1, existing.id, "Test: opnieuw uitgeven");
    // Numbers count up per year of issue; the demo certificate may be from this year or last.
    const year = currentTime().getUTCFullYear();
    const thisYear = await t.db.selectFrom("certificates").select("number").where("number", "like", `LLB-${year}-%`).execute();
    const next = (k: number) => `LLB-${year}-${String(thisYear.length + k).padStart(4, "0")}`;
    const [a, b] = await Promise.all([
      issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY }),
      issueCertificate(t.db, e1, certified.id, { verifyBase: BASE, today: TODAY }),
    ]);
    expect(a.number).not.toBe(b.number);
    expect([a.number, b.number].sort()).toEqual([next(1), next(2)]);
    expect(a.verificationCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect(issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY })).rejects.toBeInstanceOf(IssueRefusedError);
  });

  it("produce a one-page A4 landscape PDF with the facts, metadata and a QR code to the verification URL", async () => {
    const { ready } = await people();
    const cert = await t.db.selectFrom("certificates").selectAll().where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    const { pdf } = (await certificatePdf(t.db, { participantId: ready.id }))!;
    const { text, info, file } = pdfText(pdf);
    expect(text).toContain("Hamza Ouali");
    expect(text).toContain("Leerlijn Buurtteams");
    expect(text).toContain("60 uur leren en 60 uur werken in de praktijk");
    expect(text).toContain("Grenzen stellen");
    expect(text).toContain(cert.number);
    expect(text).toContain(cert.verification_code);
    expect(text).toContain("Vrijwilligersacademie Amsterdam");
    expect(text).not.toMatch(/leerdoel|ontwikkelpunt|reflectie/i);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(info).toContain("Title:           Certificaat Hamza Ouali");
    expect(info).toMatch(/Subject:\s+Leerlijn Buurtteams, certificaat LLB-/);
    expect(info).toMatch(/Author:\s+Vrijwilligersacademie Amsterdam/);
    // Render the page and decode the QR code.
    execFileSync("pdftoppm", ["-png", "-r", "110", "-singlefile", file, file.replace(/\.pdf$/, "")]);
    const png = PNG.sync.read(fs.readFileSync(file.replace(/\.pdf$/, ".png")));
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(`${BASE}/verify/${cert.verification_code}`);
    // The stored fingerprint is that of these very bytes.
    expect(cert.pdf_sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
  });

  it("are verified publicly: valid, revoked with date, superseded with a link; nothing for an unknown code", async () => {
    const { coordinator, ready } = await people();
    const cert = await t.db.selectFrom("certificates").selectAll().where("participant_id", "=", ready.id).executeTakeFirstOrThrow();
    const valid = (await verifyCertificate(t.db, cert.verification_code))!;
    expect(valid).toMatchObject({
      state: "geldig",
      number: cert.number,
      participantName: "Hamza Ouali",
      hours: { learning: 60, practice: 60 },
      revokedOn: null,
      successor: null,
      pdfSha256: cert.pdf_sha256,
    });
    expect(JSON.stringify(valid)).not.toMatch(/email|leerdoel|reflect/i);
    expect(await verifyCertificate(t.db, "onbekende-code-1234567890")).toBeUndefined();

    const next = await reissueCertificate(t.db, coordinator, cert.id, "Naam verkeerd gespeld", { verifyBase: BASE });
    const old = (await verifyCertificate(t.db, cert.verification_code))!;
    expect(old.state).toBe("vervangen");
    expect(old.successor).toEqual({ number: next.number, code: next.verificationCode });
    await revokeCertificate(t.db, coordinator, next.id, "Fraude vastgesteld");
    const revoked = (await verifyCertificate(t.db, next.verificationCode))!;
    expect(revoked.state).toBe("ingetrokken");
    expect(revoked.revokedOn).toBe(currentTime().toISOString().slice(0, 10));
    const log = await t.db.selectFrom("audit_log").select("action").where("target_type", "=", "certificate").execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(["certificate.issue", "certificate.reissue", "certificate.revoke"]));
  });

  it("are listed in a register, searchable by name or number, and printed together per cohort", async () => {
    const register = await certificateRegister(t.db, "Lotte");
    expect(register.length).toBeGreaterThan(0);
    expect(register.every((r) => r.name === "Lotte Brouwer")).toBe(true);
    const byNumber = await certificateRegister(t.db, register[0].number);
    expect(byNumber.map((r) => r.number)).toEqual([register[0].number]);
    const cohort = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    const book = (await cohortCertificateBook(t.db, cohort.id, "nl"))!;
    const { info, text } = pdfText(book.pdf);
    expect(info).toMatch(new RegExp(`Pages:\\s+${book.count}\\n`));
    expect(text).toContain("Lotte Brouwer");
  });

  it("are made once when the same one is asked twice at once (a double click, or two app processes)", async () => {
    const { e1, coordinator, certified } = await people();
    const current = async () =>
      t.db
        .selectFrom("certificates")
        .selectAll()
        .where("participant_id", "=", certified.id)
        .where("revoked_at", "is", null)
        .where("superseded_by_id", "is", null)
        .execute();
    const [valid] = await current();
    // Two corrections of the same certificate: one successor, the other is refused.
    const corrections = await Promise.allSettled([
      reissueCertificate(t.db, coordinator, valid!.id, "Naam verkeerd gespeld", { verifyBase: BASE }),
      reissueCertificate(t.db, coordinator, valid!.id, "Naam verkeerd gespeld", { verifyBase: BASE }),
    ]);
    expect(corrections.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(corrections.find((r) => r.status === "rejected")).toMatchObject({ reason: { messageKey: "certificate.notValid" } });
    const successor = (await current())[0]!;
    expect(await current()).toHaveLength(1);
    expect((await t.db.selectFrom("certificates").select("superseded_by_id").where("id", "=", valid!.id).executeTakeFirstOrThrow()).superseded_by_id).toBe(
      successor.id,
    );

    // Two issues for the same participant: one certificate, the other refused as already issued.
    await revokeCertificate(t.db, coordinator, successor.id, "Test: opnieuw uitgeven");
    const issues = await Promise.allSettled([
      issueCertificate(t.db, e1, certified.id, { verifyBase: BASE, today: TODAY }),
      issueCertificate(t.db, e1, certified.id, { verifyBase: BASE, today: TODAY }),
    ]);
    expect(issues.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = issues.find((r) => r.status === "rejected")!.reason as IssueRefusedError;
    expect(refused).toBeInstanceOf(IssueRefusedError);
    expect(refused.refusals.map((r) => r.key)).toEqual(["certificate.refused.alreadyIssued"]);
    expect(await current()).toHaveLength(1);
  });
});
