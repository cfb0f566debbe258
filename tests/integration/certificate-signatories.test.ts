import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ZodError } from "zod";
import { issueCertificate, reissueCertificate } from "../../app/services/certificates.server";
import type { CertificateSnapshot } from "../../app/services/pdf/certificate-pdf.server";
import { getVersion } from "../../app/services/curriculum.server";
import { rescheduleInterview, saveJudgement, signJudgement } from "../../app/services/interviews.server";
import { configuredSignatories, setSignatories } from "../../app/services/signatories.server";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { currentTime } from "../../app/clock.server";
import { createTestDb, type TestDb } from "../support/db";
import { userByEmail } from "../support/factories";
import { auditLines } from "../support/audit";

/**
 * Issue 24, point 14: who signs the certificate is set by a coordinator in the app (audited), not
 * fixed in the template; a certificate keeps the signatories frozen in its snapshot.
 */
// PDF rendering on the demo data, on a shared machine.
jest.setTimeout(120_000);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = amsterdamDay(currentTime());
const BASE = "https://leerlijn.example";

const snapshotOf = async (id: number) => {
  const row = await t.db.selectFrom("certificates").select(["snapshot", "pdf", "pdf_sha256"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { snapshot: JSON.parse(row.snapshot) as CertificateSnapshot, pdf: Buffer.from(row.pdf), sha: row.pdf_sha256 };
};

function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `sig-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Finalises the planned interview of deelnemer16 (ready for the certificate), as in certificates.test.ts. */
async function finaliseInterviewOf(participantId: number) {
  const e1 = await userByEmail(t.db, "examinator@leerlijn.test");
  const e2 = await userByEmail(t.db, "examinator2@leerlijn.test");
  const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  const { id, leerlijn_version_id } = await t.db
    .selectFrom("interviews")
    .select(["id", "leerlijn_version_id"])
    .where("participant_id", "=", participantId)
    .executeTakeFirstOrThrow();
  await rescheduleInterview(t.db, coordinator, id, { date: TODAY, startTime: "09:00" });
  const v = (await getVersion(t.db, leerlijn_version_id))!;
  await saveJudgement(t.db, e1, id, {
    criteria: Object.fromEntries(
      v.definition.competencies.flatMap((c) => c.criteria.map((x) => [x.code, { demonstrated: true, justification: "Voorbeeld uit de praktijk (STARR)." }])),
    ),
    competencies: Object.fromEntries(v.definition.competencies.map((c) => [c.code, "voldoende" as const])),
    outcome: "geslaagd",
    motivation: "Alle criteria aangetoond.",
    advice: null,
  });
  await signJudgement(t.db, e1, id);
  await signJudgement(t.db, e2, id);
}

describe("certificate signatories", () => {
  it("come from the template's clearly fictional defaults until a coordinator sets them", async () => {
    expect(await configuredSignatories(t.db)).toBeUndefined();
    const issued = await t.db.selectFrom("certificates").select("id").where("revoked_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    const { snapshot } = await snapshotOf(issued.id);
    expect(snapshot.signatories).toEqual([{ name: "J. Voorbeeld", role: "Directeur Vrijwilligersacademie Amsterdam" }]);
  });

  it("are set by a coordinator only, validated (1 to 3, name and function, length limits) and audited", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const two = [
      { name: "A. Fictief", role: "Directeur Vrijwilligersacademie (fictief)" },
      { name: "B. Proef", role: "Coördinator Leerlijn Buurtteams (fictief)" },
    ];
    await expect(setSignatories(t.db, trainer, two, null)).rejects.toMatchObject({ status: 403 });
    await expect(setSignatories(t.db, coordinator, [], null)).rejects.toBeInstanceOf(ZodError);
    await expect(setSignatories(t.db, coordinator, [...two, ...two], null)).rejects.toBeInstanceOf(ZodError);
    await expect(setSignatories(t.db, coordinator, [{ name: "  ", role: "Directeur" }], null)).rejects.toBeInstanceOf(ZodError);
    await expect(setSignatories(t.db, coordinator, [{ name: "x".repeat(81), role: "Directeur" }], null)).rejects.toBeInstanceOf(ZodError);
    expect(await configuredSignatories(t.db)).toBeUndefined();

    await setSignatories(t.db, coordinator, two, "10.1.2.3");
    expect(await configuredSignatories(t.db)).toMatchObject({ signatories: two, updatedBy: coordinator.name });
    const log = await auditLines(t.db).selectAll().where("action", "=", "settings.certificate_signatories").execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actor_id: coordinator.id,
      target_type: "setting",
      target_id: "certificate_signatories",
      ip: "10.1.2.3",
      outcome: "success",
    });
    expect(JSON.parse(log[0].details!)).toEqual({ before: null, after: two });
  });

  it("go on new certificates only: a certificate issued earlier keeps its own, in the snapshot and in the PDF", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const e1 = await userByEmail(t.db, "examinator@leerlijn.test");
    const ready = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    const earlier = await t.db
      .selectFrom("certificates")
      .select("id")
      .where("revoked_at", "is", null)
      .where("superseded_by_id", "is", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const before = await snapshotOf(earlier.id);

    const first = [{ name: "C. Verzonnen", role: "Directeur (fictief)" }];
    await setSignatories(t.db, coordinator, first, null);
    await finaliseInterviewOf(ready.id);
    const cert = await issueCertificate(t.db, e1, ready.id, { verifyBase: BASE, today: TODAY });
    const issued = await snapshotOf(cert.id);
    expect(issued.snapshot.signatories).toEqual(first);
    expect(pdfText(issued.pdf)).toContain("C. Verzonnen");
    expect(pdfText(issued.pdf)).not.toContain("J. Voorbeeld");

    // Changed again: the certificate just issued and the older one stay exactly as they were.
    const second = [
      { name: "D. Denkbeeldig", role: "Bestuurder (fictief)" },
      { name: "E. Anoniem", role: "Examencommissie (fictief)" },
    ];
    await setSignatories(t.db, coordinator, second, null);
    expect(await snapshotOf(cert.id)).toEqual(issued);
    expect(await snapshotOf(earlier.id)).toEqual(before);
    expect(pdfText(before.pdf)).toContain("J. Voorbeeld");
    const log = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "settings.certificate_signatories")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.details!)).toEqual({ before: first, after: second });

    // A correction is a new certificate: it carries the signatories of the day it is issued.
    const next = await reissueCertificate(t.db, coordinator, cert.id, "Naam verkeerd gespeld", { verifyBase: BASE });
    const corrected = await snapshotOf(next.id);
    expect(corrected.snapshot.signatories).toEqual(second);
    expect(pdfText(corrected.pdf)).toContain("D. Denkbeeldig");
  });
});
