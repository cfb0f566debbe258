import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { expectedParticipants } from "../../app/services/attendance.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { renderAttendanceListPdf } from "../../app/services/pdf/attendance-list-pdf.server";
import { getMeeting } from "../../app/services/schedule.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";

/**
 * The printable attendance list (issue 29, point 5) from the real data of a meeting: the
 * meeting's details, the people expected there in the attendance sheet's order, a column to
 * sign, and where to enter it afterwards. Read back with pdftotext.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(async () => {
  await t.close();
});

function pdfText(pdf: Buffer, layout = false): string {
  const file = path.join(os.tmpdir(), `presentielijst-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"]).toString("utf8");
  } finally {
    fs.rmSync(file);
  }
}

async function demoLesson(cohortName: string) {
  const cohort = await cohortByName(t.db, cohortName);
  const row = await t.db
    .selectFrom("course_sessions")
    .select("id")
    .where("cohort_id", "=", cohort.id)
    .where("type", "=", "les")
    .orderBy("date", "desc")
    .executeTakeFirstOrThrow();
  return { cohort, meeting: (await getMeeting(t.db, cohort.id, row.id))! };
}

describe("printable attendance list", () => {
  it("lists exactly the people expected, in the sheet's order, with the meeting's details and a column to sign", async () => {
    const { cohort, meeting } = await demoLesson(DEMO_COHORT);
    const people = await expectedParticipants(t.db, meeting);
    expect(people.length).toBeGreaterThan(5);
    // The participants of the other demo group are not expected here.
    const other = await cohortByName(t.db, DEMO_COHORT_2);
    const outsiders = await t.db
      .selectFrom("enrolments as e")
      .innerJoin("users as u", "u.id", "e.participant_id")
      .select("u.name")
      .where("e.cohort_id", "=", other.id)
      .execute();
    expect(outsiders.length).toBeGreaterThan(0);
    const pdf = await renderAttendanceListPdf({
      cohort: cohort.name,
      meeting,
      people,
      sheetUrl: `https://leerlijn.example.nl/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/aanwezigheid`,
      lang: "nl",
      printedAt: new Date("2026-12-01T09:00:00Z"),
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain(`Presentielijst ${meeting.title}`);
    expect(text).toContain(`Groep: ${cohort.name}`);
    expect(text).toContain(`Tijd: ${meeting.start_time}–${meeting.end_time}`);
    if (meeting.location) expect(text).toContain(`Plaats: ${meeting.location}`);
    expect(text).toContain("Handtekening");
    expect(text).toContain(`Invullen in Leerlijn: https://leerlijn.example.nl/groepen/${cohort.id}/bijeenkomsten/${meeting.id}/aanwezigheid`);
    // Every expected name, in order; nobody of the other cohort.
    let at = -1;
    for (const p of people) {
      const found = text.indexOf(p.name, at + 1);
      expect(found).toBeGreaterThan(at);
      at = found;
    }
    for (const o of outsiders) if (!people.some((p) => p.name === o.name)) expect(text).not.toContain(o.name);
  });

  it("carries on over a second page with the heading again and numbers each page", async () => {
    const { cohort, meeting } = await demoLesson(DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    for (let i = 0; i < 25; i++)
      await enrolParticipant(t.db, cohort.id, (await makeUser(t.db, { name: `Extra Deelnemer ${String(i).padStart(2, "0")}` })).id, trainer);
    const people = await expectedParticipants(t.db, meeting);
    expect(people.length).toBeGreaterThan(30);
    const pdf = await renderAttendanceListPdf({
      cohort: cohort.name,
      meeting,
      people,
      sheetUrl: "https://x.example/a",
      lang: "en",
      printedAt: new Date("2026-12-01T09:00:00Z"),
    });
    const pages = pdfText(pdf, true)
      .split("\f")
      .filter((p) => p.trim() !== "");
    expect(pages.length).toBe(2);
    pages.forEach((page, i) => {
      expect(page).toContain("Signature");
      expect(page).toContain(`page ${i + 1} of 2`);
    });
    const all = pages.join(" ");
    for (const p of people) expect(all).toContain(p.name);
  });
});
