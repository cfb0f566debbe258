/**
 * Issue 29, point 9: where carried hours came from is shown to the examiner (the interview page's
 * dossier, through its loader) with the earlier cohort's name, and in the funder report (CSV and
 * PDF) as aggregates only: how many came back, and the hours they brought, never a name.
 * Against the real demo database, through the real services and the route's loader.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { DEMO_COHORT_2, DEMO_COHORT_FINISHED, DEMO_RETURNING } from "../../demo/seed";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { planInterview } from "../../app/services/interviews.server";
import { participantProgressWithRules } from "../../app/services/progress.server";
import { cohortReportDownload } from "../../app/services/report-exports.server";
import { cohortReport, funderReportRows } from "../../app/services/reports.server";
import { renderCohortReportPdf } from "../../app/services/pdf/report-pdf.server";
import { createSession } from "../../app/services/sessions.server";
import { loader as interviewLoader } from "../../app/routes/eindgesprekken.$id";
import type { CarriedOver } from "../../app/rules/carry-over";
import { dutchNumber } from "../../app/rules/csv";
import { formatNumber } from "../../app/i18n/translate";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { TODAY, daysFromToday } from "../support/clock";

// The route module is loaded for its loader only.
jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

let t: TestDb;
let carried: CarriedOver[];
let participantId: number;
let participantName: string;

beforeAll(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
  // The participant who left the finished demo cohort (and did not come back yet, unlike the demo's
  // returning participant) comes back in the later one.
  const finished = await cohortByName(t.db, DEMO_COHORT_FINISHED);
  const returning = await userByEmail(t.db, DEMO_RETURNING.email);
  const leaver = await t.db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name"])
    .where("e.cohort_id", "=", finished.id)
    .where("e.left_on", "is not", null)
    .where("u.id", "!=", returning.id)
    .executeTakeFirstOrThrow();
  participantId = leaver.id;
  participantName = leaver.name;
  // Practice from long before (2023): confirmed, but outside every carry-over window.
  await t.db
    .insertInto("practice_entries")
    .values({
      participant_id: participantId,
      date: "2023-01-10",
      minutes: 600,
      activity: "huisbezoek",
      description: "Oud werk.",
      reflection: "Van lang geleden.",
      status: "bevestigd",
      decided_how: "werkbegeleider",
      decided_by: null,
      decided_by_name: "Oud",
      decided_link_id: null,
      decision_comment: null,
      decided_at: "2023-01-15T15:00:00.000Z",
      created_at: "2023-01-10T18:00:00.000Z",
      updated_at: "2023-01-15T15:00:00.000Z",
    })
    .execute();
  const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  await enrolParticipant(t.db, (await cohortByName(t.db, DEMO_COHORT_2)).id, participantId, coordinator);
  carried = (await participantProgressWithRules(t.db, participantId, TODAY))!.row.carriedOver;
});
afterAll(() => t.close());

describe("carried hours on the examiner's interview page", () => {
  it("the dossier names the earlier cohort with the learning and practice hours it brought", async () => {
    const finished = await cohortByName(t.db, DEMO_COHORT_FINISHED);
    // Something to show: hours and practice from the cohort they left.
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ cohortId: finished.id, cohortName: DEMO_COHORT_FINISHED });
    expect(carried[0]!.learningHours).toBeGreaterThan(0);
    expect(carried[0]!.practiceConfirmedMinutes).toBeGreaterThan(0);

    // Not ready yet: the coordinator plans the interview with a reason.
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const [e1, e2] = [await userByEmail(t.db, "examinator@leerlijn.test"), await userByEmail(t.db, "examinator2@leerlijn.test")];
    const { id } = await planInterview(t.db, coordinator, {
      participantId,
      date: daysFromToday(7),
      startTime: "10:00",
      location: "Vrijwilligersacademie, Amsterdam",
      assessorIds: [e1.id, e2.id],
      overrideReason: "Kwam terug na een pauze; gesprek om de stand op te maken.",
    });

    const { token } = await createSession(t.db, e1.id);
    const cookie = (await sessionCookie.serialize(token)).split(";")[0]!;
    const page = (await interviewLoader({
      request: new Request(`http://localhost/eindgesprekken/${id}`, { headers: { Cookie: cookie } }),
      params: { id: String(id) },
      context: { clientIp: "192.0.2.8" } as unknown as AppLoadContext,
    } as LoaderFunctionArgs)) as {
      dossier: { carriedOver: CarriedOver[]; practiceByActivity: { activity: string; minutes: number }[] };
      interview: { participant: { id: number } };
    };
    expect(page.interview.participant.id).toBe(participantId);
    expect(page.dossier.carriedOver).toEqual(carried);
    // Practice per kind of work adds up to what counts (the carried hours; nothing of their own yet),
    // without the 600 minutes of 2023.
    const perKind = page.dossier.practiceByActivity.reduce((a, p) => a + p.minutes, 0);
    expect(perKind).toBe(carried[0]!.practiceConfirmedMinutes);
    const everything = await t.db
      .selectFrom("practice_entries")
      .select((eb) => eb.fn.sum<number>("minutes").as("m"))
      .where("participant_id", "=", participantId)
      .where("status", "=", "bevestigd")
      .executeTakeFirstOrThrow();
    expect(Number(everything.m)).toBe(perKind + 600);
  });
});

describe("carried hours in the funder report", () => {
  it("the CSV has how many came back and the hours they brought, apart from the cohort's own hours", async () => {
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    const report = (await cohortReport(t.db, later.id, TODAY))!;
    const learning = Math.round(carried[0]!.learningHours * 100) / 100;
    const practice = Math.round((carried[0]!.practiceConfirmedMinutes / 60) * 100) / 100;
    expect(report.carried).toEqual({ people: 1, learningHours: learning, practiceHours: practice });
    // The cohort's own totals do not hold the carried hours (they stay with the cohort they were made in).
    const progress = report.progress.rows.find((r) => r.participant.id === participantId)!;
    expect(report.learningHoursCredited).toBeCloseTo(
      report.progress.rows.reduce((a, r) => a + r.facts.learningHours, 0),
      2,
    );
    expect(progress.facts.learningHours).toBe(0);

    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const csv = (await cohortReportDownload(t.db, coordinator, later.id, { format: "csv", lang: "nl", today: TODAY }))!.body as string;
    // One person: shown as "< 5"; the hours as totals, with a Dutch decimal comma.
    expect(csv).toContain("\r\nTeruggekomen uit een eerdere groep;< 5\r\n");
    expect(csv).toContain(`\r\nUren leren meegenomen uit een eerdere groep (niet in de uren hierboven);${dutchNumber(learning)}\r\n`);
    expect(csv).toContain(`\r\nPraktijkuren meegenomen uit een eerdere groep (niet in de uren hierboven);${dutchNumber(practice)}\r\n`);
    // Aggregates only: no name, no earlier cohort's name.
    expect(csv).not.toContain(participantName);
    expect(csv).not.toContain(DEMO_COHORT_FINISHED);

    // A cohort nobody came back to says 0.
    const finished = (await cohortReport(t.db, (await cohortByName(t.db, DEMO_COHORT_FINISHED)).id, TODAY))!;
    expect(funderReportRows(finished, "nl")).toEqual(
      expect.arrayContaining([
        ["Teruggekomen uit een eerdere groep", "0"],
        ["Uren leren meegenomen uit een eerdere groep (niet in de uren hierboven)", "0"],
      ]),
    );
  });

  it("the PDF has the same lines, in the reader's language, and no name", async () => {
    const later = await cohortByName(t.db, DEMO_COHORT_2);
    const report = (await cohortReport(t.db, later.id, TODAY))!;
    const text = (lang: "nl" | "en") => {
      const file = path.join(os.tmpdir(), `rapport-terug-${lang}-${process.pid}.pdf`);
      return renderCohortReportPdf(report, lang, new Date(`${TODAY}T10:00:00Z`)).then((pdf) => {
        fs.writeFileSync(file, pdf);
        const out = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8").replace(/\s+/g, " ");
        fs.unlinkSync(file);
        return out;
      });
    };
    const nl = await text("nl");
    const learning = Math.round(carried[0]!.learningHours * 100) / 100;
    const practice = Math.round((carried[0]!.practiceConfirmedMinutes / 60) * 100) / 100;
    expect(nl).toContain("Teruggekomen uit een eerdere groep: < 5");
    expect(nl).toContain(`Uren leren meegenomen uit een eerdere groep (niet in de uren hierboven): ${formatNumber("nl", learning)}`);
    expect(nl).toContain(`Praktijkuren meegenomen uit een eerdere groep (niet in de uren hierboven): ${formatNumber("nl", practice)}`);
    expect(nl).not.toContain(participantName);
    expect(nl).not.toContain(DEMO_COHORT_FINISHED);
    const en = await text("en");
    expect(en).toContain("Came back from an earlier group: < 5");
    expect(en).toContain(`Learning hours brought from an earlier group (not in the hours above): ${formatNumber("en", learning)}`);
    expect(en).toContain(`Practice hours brought from an earlier group (not in the hours above): ${formatNumber("en", practice)}`);
  });
});
