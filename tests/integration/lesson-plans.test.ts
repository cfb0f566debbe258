import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { parseForm } from "../../app/forms/parse.server";
import { meetingSchema } from "../../app/forms/meetings";
import { programmeFit } from "../../app/rules/lesson-plans";
import { parseProgrammeJson } from "../../app/rules/programme";
import { lessonPlansForCohort } from "../../app/services/lesson-plans.server";
import { createMeeting, getMeeting, listMeetings } from "../../app/services/schedule.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

/*
 * Issue 29 point 7: a trainer starts a meeting from a lesson plan of the cohort's leerlijn version,
 * adapts it and saves it, through the real services and a real SQLite file (the demo data).
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const form = (fields: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

describe("a meeting from a lesson plan (issue 29 point 7)", () => {
  it("offers the plans of the cohort's own leerlijn version, each dagdeel a choice", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const { choices, chosen } = await lessonPlansForCohort(t.db, cohort, null, null);
    expect(chosen).toBeNull();
    expect(choices.map((c) => `${c.code}/${c.dagdeel + 1}`)).toEqual(
      expect.arrayContaining(["ervaringskennis/1", "contact-zonder-oordeel/1", "grenzen-stellen/1", "grenzen-stellen/2", "intervisie-stress/1"]),
    );
    expect((await lessonPlansForCohort(t.db, cohort, "bestaat-niet", "1")).chosen).toBeNull();
  });

  it("stores the plan's blocks and oefenopdracht as the trainer adapted them, through the form's schema", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const { chosen } = await lessonPlansForCohort(t.db, cohort, "ervaringskennis", "1");
    expect(chosen).not.toBeNull();
    const v = chosen!.values;
    expect(v.title).toBe("Van ervaringskennis naar ervaringsdeskundigheid");
    expect(v.programme.split("\n")[1]).toBe('30 min Oefening "over de lijn" (oefening in de groep)');
    // The trainer adds a block and keeps the rest: the programme is now 20 minutes too long, which is a warning, not a refusal.
    const programme = `${v.programme}\n20 min Extra rondje`;
    const parsed = parseForm(
      meetingSchema,
      form({
        ...v,
        programme,
        date: "2030-10-01",
        location: "Vrijwilligersacademie",
        mode: "in_person",
        trainerIds: [String(trainer.id)],
        intervisieGroupId: "",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(programmeFit(parsed.data.programme, parsed.data.startTime, parsed.data.endTime)).toEqual({
      status: "tooLong",
      planned: 200,
      available: 180,
      over: 20,
    });
    const id = await createMeeting(t.db, cohort.id, parsed.data, trainer);
    const stored = await getMeeting(t.db, cohort.id, id);
    expect(stored).toMatchObject({ type: "les", title: v.title, start_time: "13:30", end_time: "16:30", assignment: v.assignment });
    const blocks = parseProgrammeJson(stored!.programme);
    expect(blocks).toHaveLength(8);
    expect(blocks[0]).toEqual({ minutes: 15, title: "Welkom en terugblik (groepsgesprek)" });
    expect(blocks[7]).toEqual({ minutes: 20, title: "Extra rondje" });
  });

  it("the demo's coming cohort starts with a lesson planned from a plan, its programme 10 minutes too long", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT_2);
    const [first] = await listMeetings(t.db, cohort.id);
    expect(first).toMatchObject({ title: "Van ervaringskennis naar ervaringsdeskundigheid", date: cohort.start_date, type: "les" });
    const blocks = parseProgrammeJson(first.programme);
    expect(programmeFit(blocks, first.start_time, first.end_time)).toMatchObject({ status: "tooLong", over: 10 });
    expect(first.assignment).toMatch(/^Beschrijf een moment uit je werk/);
  });

  it("a training's plan names the training, so the form's rule for a training is met", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const { chosen } = await lessonPlansForCohort(t.db, cohort, "grenzen-stellen", "2");
    const training = await t.db
      .selectFrom("trainings")
      .select("id")
      .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
      .where("code", "=", "grenzen-stellen")
      .executeTakeFirstOrThrow();
    expect(chosen!.values).toMatchObject({ type: "training", trainingId: String(training.id), endTime: "16:30" });
    expect(chosen!.exercises.map((x) => x.title)).toContain("Nee zeggen in een rollenspel");
  });
});
