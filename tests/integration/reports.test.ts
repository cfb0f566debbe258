import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_COHORT } from "../../demo/seed";
import { renderCohortReportPdf } from "../../app/services/pdf/report-pdf.server";
import { cohortProgress } from "../../app/services/progress.server";
import { cohortReport, defaultReportYear, parseReportYear, reportsOverview } from "../../app/services/reports.server";
import { recordOutflow } from "../../app/services/progress.server";
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

describe("coordinator reports", () => {
  it("count participants, uitstroom, readiness and hours from the same engine as the overview", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p11 = await userByEmail(t.db, "deelnemer11@leerlijn.test");
    await recordOutflow(t.db, trainer, cohort.id, p11.id, { leftOn: TODAY, reason: "werk", note: null });

    const overview = await reportsOverview(t.db, TODAY, "alle");
    const row = overview.rows.find((r) => r.cohort.id === cohort.id)!;
    const progress = (await cohortProgress(t.db, cohort.id, TODAY))!;
    const active = progress.rows.filter((r) => !r.left);
    // deelnemer1..12 and the participant who came back after a break (deelnemer20); deelnemer11 left.
    expect(row.counts).toEqual({
      participants: 13,
      active: 12,
      left: 1,
      readyForInterview: active.filter((r) => r.eligibility.readyForInterview).length,
      eligible: active.filter((r) => r.eligibility.eligible).length,
      certified: 0,
      // neither certified nor left (only the funder report of an ended cohort shows it)
      notFinished: 12,
      atRisk: active.filter((r) => r.eligibility.atRisk).length,
    });
    // Hours delivered: every held, not cancelled meeting of the cohort.
    const held = await t.db
      .selectFrom("course_sessions")
      .selectAll()
      .where("cohort_id", "=", cohort.id)
      .where("status", "=", "planned")
      .where("date", "<=", TODAY)
      .execute();
    const hours = held.reduce(
      (a, s) =>
        a + (Number(s.end_time.slice(0, 2)) * 60 + Number(s.end_time.slice(3)) - Number(s.start_time.slice(0, 2)) * 60 - Number(s.start_time.slice(3))) / 60,
      0,
    );
    expect(row.delivered.total).toBeCloseTo(hours, 5);
    expect(row.delivered.les + row.delivered.training + row.delivered.intervisie).toBeCloseTo(hours, 5);
    // People, not enrolments: the returning participant is in two cohorts and counts once.
    expect(overview.totals.returning).toBe(1);
    expect(overview.totals.participants).toBe(overview.rows.reduce((a, r) => a + r.counts.participants, 0) - 1);
    // The finished demo cohort: one certified, who also meets every requirement; two left (one of them
    // came back later); three ready for the interview (one planned, one not yet, and the certified one).
    const finished = overview.rows.find((r) => r.cohort.name === "Leerlijn Buurtteams 2025-2")!;
    expect(finished.counts).toMatchObject({ participants: 6, left: 2, certified: 1, eligible: 1, readyForInterview: 3 });
  });

  it("renders a cohort report PDF for funders with the figures and nothing about a person", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const p12 = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    await recordOutflow(t.db, trainer, cohort.id, p12.id, { leftOn: TODAY, reason: "gezondheid", note: "Opgenomen" });
    const report = (await cohortReport(t.db, cohort.id, TODAY))!;
    const pdf = await renderCohortReportPdf(report, "nl", new Date("2026-11-22T10:00:00Z"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(os.tmpdir(), `rapport-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
    expect(text).toContain(`Rapportage ${DEMO_COHORT}`);
    expect(text).toContain(`Deelnemers: ${report.counts.participants}`);
    // Two left (one for health): shown as "< 5", per reason category too; no name, e-mail or note.
    expect(text).toContain("Uitgestroomd: < 5");
    expect(text).toContain("Uitgestroomd, reden: Gezondheid: < 5");
    expect(text).toContain("Uitgestroomd, reden: Werk (andere baan of rooster): < 5");
    expect(text).toContain("Uitgestroomd, reden: De leerlijn past niet: 0");
    for (const row of report.progress.rows) {
      expect(text).not.toContain(row.participant.name);
      expect(text).not.toContain(row.participant.email);
    }
    expect(text).not.toContain("Opgenomen");
    // A POP's content never appears in a report.
    expect(text).not.toContain("Ik kan goed luisteren");
  });

  it("shows one year at a time: the cohorts that ran in it, a cohort over the turn of the year in both", async () => {
    const version = (await t.db.selectFrom("cohorts").select("leerlijn_version_id").executeTakeFirstOrThrow()).leerlijn_version_id;
    const stamp = currentTime().toISOString();
    const add = (name: string, start_date: string, end_date: string) =>
      t.db.insertInto("cohorts").values({ name, leerlijn_version_id: version, start_date, end_date, created_at: stamp, updated_at: stamp }).execute();
    await add("Voorjaar 2019", "2019-02-04", "2019-06-21");
    await add("Jaarwissel 2019-2020", "2019-10-07", "2020-02-21");

    const y2019 = await reportsOverview(t.db, TODAY, 2019);
    expect(y2019.year).toBe(2019);
    expect(y2019.rows.map((r) => r.cohort.name)).toEqual(["Jaarwissel 2019-2020", "Voorjaar 2019"]);
    const y2020 = await reportsOverview(t.db, TODAY, 2020);
    expect(y2020.rows.map((r) => r.cohort.name)).toEqual(["Jaarwissel 2019-2020"]);
    expect((await reportsOverview(t.db, TODAY, 2021)).rows).toEqual([]);

    // Every year from the first cohort's start to the last one's end, newest first, without gaps.
    const all = await reportsOverview(t.db, TODAY, "alle");
    expect(all.years[all.years.length - 1]).toBe(2019);
    expect(all.years).toContain(defaultReportYear(TODAY));
    expect(all.years).toEqual([...all.years].sort((a, b) => b - a));
    expect(all.years[0] - all.years[all.years.length - 1] + 1).toBe(all.years.length);
    // The current year holds exactly the cohorts that run in it; "alle" holds every cohort.
    const year = defaultReportYear(TODAY);
    const current = await reportsOverview(t.db, TODAY, year);
    // courses only: a city-wide intervisie container (decision 025) is never in a report
    const cohorts = await t.db.selectFrom("cohorts").select(["name", "start_date", "end_date"]).where("kind", "=", "course").execute();
    expect(current.rows.map((r) => r.cohort.name).sort()).toEqual(
      cohorts
        .filter((c) => c.start_date <= `${year}-12-31` && c.end_date >= `${year}-01-01`)
        .map((c) => c.name)
        .sort(),
    );
    expect(current.rows.map((r) => r.cohort.name)).toContain(DEMO_COHORT);
    expect(all.rows).toHaveLength(cohorts.length);
    // Each person once: the returning participant counts once when both her cohorts ran in the year.
    expect(current.totals.participants).toBe(current.rows.reduce((a, r) => a + r.counts.participants, 0) - current.totals.returning);
    expect(current.totals.returning).toBeLessThanOrEqual(1);
  });

  it("reads the year from the address, and opens on the current year for anything else", () => {
    expect(parseReportYear("alle", "2026-12-02")).toBe("alle");
    expect(parseReportYear("2019", "2026-12-02")).toBe(2019);
    expect(parseReportYear(null, "2026-12-02")).toBe(2026);
    expect(parseReportYear("twintig", "2026-12-02")).toBe(2026);
    expect(parseReportYear("20190", "2026-12-02")).toBe(2026);
    expect(parseReportYear("2019'", "2027-01-01")).toBe(2027);
  });
});
