import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_COHORT } from "../../db/seed";
import { renderCohortReportPdf } from "../../app/services/report-pdf.server";
import { cohortProgress } from "../../app/services/progress.server";
import { cohortReport, reportsOverview } from "../../app/services/reports.server";
import { recordOutflow } from "../../app/services/progress.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

describe("coordinator reports", () => {
  it("count participants, uitstroom, readiness and hours from the same engine as the overview", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p11 = await userByEmail(t.db, "deelnemer11@leerlijn.test");
    await recordOutflow(t.db, trainer, cohort.id, p11.id, { leftOn: TODAY, reason: "werk", note: null });

    const overview = await reportsOverview(t.db, TODAY);
    const row = overview.rows.find((r) => r.cohort.id === cohort.id)!;
    const progress = (await cohortProgress(t.db, cohort.id, TODAY))!;
    const active = progress.rows.filter((r) => !r.left);
    expect(row.counts).toEqual({
      participants: 12,
      active: 11,
      left: 1,
      readyForInterview: active.filter((r) => r.eligibility.readyForInterview).length,
      eligible: active.filter((r) => r.eligibility.eligible).length,
      certified: 0,
      atRisk: active.filter((r) => r.eligibility.atRisk).length,
    });
    // Hours delivered: every held, not cancelled session of the cohort.
    const held = await t.db.selectFrom("course_sessions").selectAll().where("cohort_id", "=", cohort.id).where("status", "=", "planned").where("date", "<=", TODAY).execute();
    const hours = held.reduce((a, s) => a + (Number(s.end_time.slice(0, 2)) * 60 + Number(s.end_time.slice(3)) - Number(s.start_time.slice(0, 2)) * 60 - Number(s.start_time.slice(3))) / 60, 0);
    expect(row.delivered.total).toBeCloseTo(hours, 5);
    expect(row.delivered.les + row.delivered.training + row.delivered.intervisie).toBeCloseTo(hours, 5);
    expect(overview.totals.participants).toBe(overview.rows.reduce((a, r) => a + r.counts.participants, 0));
    // The finished demo cohort: one certified, who also meets every requirement.
    const finished = overview.rows.find((r) => r.cohort.name === "Leerlijn Buurtteams 2025-2")!;
    expect(finished.counts).toMatchObject({ participants: 4, left: 1, certified: 1, eligible: 1, readyForInterview: 2 });
  });

  it("renders a cohort report PDF with the figures and no plan texts", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const report = (await cohortReport(t.db, cohort.id, TODAY))!;
    const pdf = await renderCohortReportPdf(report, "nl", new Date("2026-11-22T10:00:00Z"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(os.tmpdir(), `rapport-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    expect(text).toContain(`Rapportage ${DEMO_COHORT}`);
    expect(text).toContain(`Deelnemers: ${report.counts.participants}`);
    expect(text).toContain("Fatima El Amrani");
    expect(text).toContain("Yılmaz"); // Unicode names print correctly
    // A POP's content never appears in a report.
    expect(text).not.toContain("Ik kan goed luisteren");
  });
});
