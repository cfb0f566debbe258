import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { parseForm } from "../../app/forms/parse.server";
import { meetingSchema } from "../../app/forms/meetings";
import { cancelLaterSchema, seriesSchema } from "../../app/forms/series";
import { participantAttendance } from "../../app/services/attendance.server";
import { lessonPlanFill, lessonPlansForCohort, meetingLessonPlan } from "../../app/services/lesson-plans.server";
import { createMeeting, getMeeting, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import {
  cancelFromHereOn,
  createSeries,
  reinstateFromHereOn,
  toCancelFromHereOn,
  toReinstateFromHereOn,
  type SeriesInput,
} from "../../app/services/series.server";
import { UserInputError } from "../../app/services/errors";
import { createTestDb, type TestDb } from "../support/db";
import { auditLines } from "../support/audit";
import { cohortByName, userByEmail } from "../support/factories";

/*
 * Issue 29 points 6 and 7, the parts left after the first round: a meeting keeps the lesson plan it
 * was planned from (0034) and shows its material to the trainer and the participants; a series
 * gets one lesson plan; "cancel this one and all later ones" of a series, with its undo. Real
 * services, a real SQLite file (or PostgreSQL with TEST_DATABASE_URL), the demo data; every
 * moment fixed.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const BASE = "https://leerlijn.example.nl";
const NOW = new Date("2030-01-06T10:00:00+01:00");

async function demo() {
  const [cohort, cohort2] = await Promise.all([cohortByName(t.db, DEMO_COHORT), cohortByName(t.db, DEMO_COHORT_2)]);
  const [trainer, trainer2] = await Promise.all(["trainer", "trainer2"].map((n) => userByEmail(t.db, `${n}@leerlijn.test`)));
  return { cohort, cohort2, trainer, trainer2 };
}

const form = (fields: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

const seriesInput = (over: Partial<SeriesInput> = {}): SeriesInput => ({
  type: "les",
  title: "Thema herstel",
  startTime: "13:30",
  endTime: "16:30",
  location: "Vrijwilligersacademie",
  onlineUrl: null,
  trainerIds: [],
  trainingId: null,
  intervisieGroupId: null,
  programme: [{ minutes: 15, title: "welkom" }],
  assignment: null,
  firstDate: "2030-02-05",
  everyWeeks: 1,
  count: 5,
  skip: [],
  ...over,
});

const seriesRows = (seriesId: number) => t.db.selectFrom("course_sessions").selectAll().where("series_id", "=", seriesId).orderBy("date").execute();

describe("the lesson plan stays with the meeting (issue 29 point 7)", () => {
  it("a meeting planned from a plan keeps its code and dagdeel; its page and the participant's rooster show the plan's material", async () => {
    const { cohort, trainer } = await demo();
    const { chosen } = await lessonPlansForCohort(t.db, cohort, "grenzen-stellen", "2");
    expect(chosen?.value).toBe("grenzen-stellen:2");
    // As the new-meeting page sends it: the plan's values, adapted, with the plan in a hidden field.
    const parsed = parseForm(
      meetingSchema,
      form({
        ...chosen!.values,
        type: "les",
        trainingId: "",
        lessonPlan: chosen!.value,
        date: "2030-03-03",
        trainerIds: [String(trainer.id)],
        assignment: "Eigen opdracht",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    expect(parsed.data.lessonPlan).toEqual({ code: "grenzen-stellen", dagdeel: 2 });
    const id = await createMeeting(t.db, cohort.id, parsed.data, trainer, NOW);
    const stored = (await getMeeting(t.db, cohort.id, id))!;
    expect(stored).toMatchObject({ lesson_plan_code: "grenzen-stellen", lesson_plan_dagdeel: 2, assignment: "Eigen opdracht" });

    // The trainer's page: the plan's title with the dagdeel, its exercises, its own oefenopdracht and reading.
    const material = (await meetingLessonPlan(t.db, stored))!;
    expect(material.title).toMatch(/^Grenzen stellen.*: /);
    expect(material.exercises.map((x) => x.title)).toContain("Nee zeggen in een rollenspel");
    expect(material.assignment).not.toBe("");
    expect(material.assignment).not.toBe("Eigen opdracht");
    expect(material.reading.length).toBeGreaterThan(0);

    // A change of the meeting (the edit form sends no plan) keeps the plan.
    await updateMeeting(t.db, cohort.id, id, { ...parsed.data, lessonPlan: null, title: "Grenzen, aangepast" }, trainer, NOW);
    expect(await getMeeting(t.db, cohort.id, id)).toMatchObject({ title: "Grenzen, aangepast", lesson_plan_code: "grenzen-stellen", lesson_plan_dagdeel: 2 });

    // A participant of the cohort sees the same material with the meeting in their rooster.
    const enrolled = await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohort.id).where("left_on", "is", null).execute();
    const mine = await participantAttendance(t.db, { id: enrolled[0].participant_id }, "2030-01-06");
    const row = mine!.meetings.find((m) => m.id === id)!;
    expect(row.lessonPlan).toEqual(material);
    // A meeting planned without a plan has none.
    expect(mine!.meetings.filter((m) => m.id !== id).every((m) => m.lessonPlan === null || m.lessonPlan.code === "ervaringskennis")).toBe(true);
  });

  it("the audit line of the new meeting names the plan; an unknown plan or dagdeel is refused on the field, and nothing is planned", async () => {
    const { cohort, trainer } = await demo();
    const base: MeetingInput = {
      type: "les",
      title: "Les",
      date: "2030-03-10",
      startTime: "13:30",
      endTime: "16:30",
      location: null,
      onlineUrl: null,
      trainerIds: [],
      trainingId: null,
      intervisieGroupId: null,
      programme: [],
      assignment: null,
    };
    const id = await createMeeting(t.db, cohort.id, { ...base, lessonPlan: { code: "ervaringskennis", dagdeel: 1 } }, trainer, NOW);
    const line = await auditLines(t.db).select("details").where("action", "=", "session.create").where("target_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(JSON.parse(line.details!)).toMatchObject({ lessonPlan: "ervaringskennis:1" });

    const before = (await t.db.selectFrom("course_sessions").select("id").execute()).length;
    for (const lessonPlan of [
      { code: "bestaat-niet", dagdeel: 1 },
      { code: "ervaringskennis", dagdeel: 2 },
    ]) {
      await expect(createMeeting(t.db, cohort.id, { ...base, lessonPlan }, trainer, NOW)).rejects.toMatchObject({
        messageKey: "lessonPlan.unknown",
        field: "lessonPlan",
      });
      await expect(createSeries(t.db, trainer, cohort.id, seriesInput({ lessonPlan }), NOW)).rejects.toBeInstanceOf(UserInputError);
    }
    expect((await t.db.selectFrom("course_sessions").select("id").execute()).length).toBe(before);
    // The form refuses what is not a plan's value at all.
    const bad = parseForm(meetingSchema, form({ type: "les", title: "x", date: "2030-03-10", startTime: "13:30", endTime: "16:30", lessonPlan: "x;drop" }));
    expect(bad.ok ? null : bad.fieldErrors.lessonPlan).toBe("lessonPlan.invalid");
  });

  it("a series gets one lesson plan for every meeting; an empty programme and oefenopdracht come from the plan", async () => {
    const { cohort, trainer } = await demo();
    const parsed = parseForm(
      seriesSchema,
      form({
        type: "les",
        title: "Ervaringskennis",
        firstDate: "2030-04-02",
        everyWeeks: "2",
        count: "3",
        startTime: "13:30",
        endTime: "15:30",
        trainerIds: [String(trainer.id)],
        lessonPlan: "ervaringskennis:1",
        programme: "",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    // What the series page does with an empty programme: the plan's blocks and oefenopdracht.
    const fill = (await lessonPlanFill(t.db, cohort.id, parsed.data.lessonPlan!))!;
    expect(fill.blocks.length).toBeGreaterThan(3);
    expect(fill.assignment).toMatch(/^Beschrijf een moment uit je werk/);
    expect(await lessonPlanFill(t.db, cohort.id, { code: "ervaringskennis", dagdeel: 5 })).toBeNull();
    const { seriesId } = await createSeries(t.db, trainer, cohort.id, { ...parsed.data, programme: fill.blocks, assignment: fill.assignment }, NOW);
    const rows = await seriesRows(seriesId);
    expect(rows.map((r) => `${r.date} ${r.lesson_plan_code}:${r.lesson_plan_dagdeel}`)).toEqual([
      "2030-04-02 ervaringskennis:1",
      "2030-04-16 ervaringskennis:1",
      "2030-04-30 ervaringskennis:1",
    ]);
    expect(rows.every((r) => JSON.parse(r.programme).length === fill.blocks.length)).toBe(true);
    const line = await auditLines(t.db)
      .select("details")
      .where("action", "=", "series.create")
      .where("target_id", "=", String(seriesId))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(line.details!)).toMatchObject({ lessonPlan: "ervaringskennis:1" });
    // Without a plan: none on any meeting.
    const none = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2030-06-04", count: 2 }), NOW);
    expect((await seriesRows(none.seriesId)).map((r) => r.lesson_plan_code)).toEqual([null, null]);
  });
});

describe("cancel this one and all later ones of a series (issue 29 point 6)", () => {
  it("lists, then cancels exactly this one and the later planned ones; audited; each expected person gets the cancel mail", async () => {
    const { cohort, trainer } = await demo();
    const { seriesId, meetingIds } = await createSeries(
      t.db,
      trainer,
      cohort.id,
      seriesInput({ firstDate: "2030-09-03", count: 6, trainerIds: [trainer.id] }),
      NOW,
    );
    // The fifth was already cancelled on its own (a holiday): not part of this cancel.
    await setCancelled(t.db, cohort.id, meetingIds[4], true, "Vakantie", trainer, NOW);
    await t.db.deleteFrom("mail_outbox").execute();

    const listed = await toCancelFromHereOn(t.db, trainer, cohort.id, meetingIds[2]);
    expect(listed.map((m) => m.id)).toEqual([meetingIds[2], meetingIds[3], meetingIds[5]]);
    const { cancelled } = await cancelFromHereOn(
      t.db,
      trainer,
      cohort.id,
      meetingIds[2],
      { reason: "De groep stopt", expected: listed.map((m) => m.id) },
      NOW,
      { baseUrl: BASE },
    );
    expect(cancelled).toEqual([meetingIds[2], meetingIds[3], meetingIds[5]]);
    const rows = await seriesRows(seriesId);
    expect(rows.map((r) => `${r.status} ${r.cancel_reason ?? "-"} ${r.cancelled_from ?? "-"}`)).toEqual([
      "planned - -",
      "planned - -",
      `cancelled De groep stopt ${meetingIds[2]}`,
      `cancelled De groep stopt ${meetingIds[2]}`,
      "cancelled Vakantie -",
      `cancelled De groep stopt ${meetingIds[2]}`,
    ]);

    // Audited per meeting and once for the series.
    const lines = await auditLines(t.db)
      .select(["action", "target_id", "details"])
      .where("action", "in", ["session.cancel", "series.cancel_later"])
      .where("at", "=", NOW.toISOString())
      .where((eb) => eb.or([eb("target_id", "in", cancelled.map(String)), eb("target_type", "=", "series")]))
      .orderBy("id")
      .execute();
    expect(lines.map((l) => `${l.action} ${l.target_id}`)).toEqual([...cancelled.map((id) => `session.cancel ${id}`), `series.cancel_later ${seriesId}`]);
    expect(JSON.parse(lines.at(-1)!.details!)).toEqual({ from: meetingIds[2], cancelled });

    // The meeting-change mail, as a single cancel sends it: per meeting, to each participant expected there (not the trainer who cancelled).
    const participants = await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohort.id).where("left_on", "is", null).execute();
    const mails = await t.db.selectFrom("mail_outbox").select(["type", "recipient_user_id"]).execute();
    expect(new Set(mails.map((m) => m.type))).toEqual(new Set(["session-cancelled"]));
    expect(mails.length).toBe(3 * participants.length);
    expect(mails.some((m) => m.recipient_user_id === trainer.id)).toBe(false);
  });

  it("refuses when the series changed after the confirmation step listed it, and cancels nothing", async () => {
    const { cohort, trainer } = await demo();
    const { seriesId, meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2031-01-07", count: 4 }), NOW);
    const listed = (await toCancelFromHereOn(t.db, trainer, cohort.id, meetingIds[1])).map((m) => m.id);
    // Meanwhile someone cancels the last one on its own.
    await setCancelled(t.db, cohort.id, meetingIds[3], true, null, trainer, NOW);
    await expect(cancelFromHereOn(t.db, trainer, cohort.id, meetingIds[1], { reason: null, expected: listed }, NOW)).rejects.toMatchObject({
      messageKey: "series.cancelLater.changed",
    });
    expect((await seriesRows(seriesId)).map((r) => r.status)).toEqual(["planned", "planned", "planned", "cancelled"]);
    // The form's field: ids only.
    expect(cancelLaterSchema.safeParse({ expected: "1,2,x" }).success).toBe(false);
    expect(cancelLaterSchema.parse({ expected: "3,4" }).expected).toEqual([3, 4]);
  });

  it("undo: puts back exactly the meetings cancelled together, from the one chosen on; one cancelled on its own stays cancelled", async () => {
    const { cohort, trainer } = await demo();
    const { seriesId, meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2031-03-04", count: 5 }), NOW);
    await setCancelled(t.db, cohort.id, meetingIds[3], true, "Vakantie", trainer, NOW);
    const expected = (await toCancelFromHereOn(t.db, trainer, cohort.id, meetingIds[1])).map((m) => m.id);
    await cancelFromHereOn(t.db, trainer, cohort.id, meetingIds[1], { reason: null, expected }, NOW);
    const third = (await getMeeting(t.db, cohort.id, meetingIds[2]))!;
    // From the third on: the third and the fifth (not the second, earlier; not the fourth, cancelled on its own).
    expect((await toReinstateFromHereOn(t.db, cohort.id, third)).map((m) => m.id)).toEqual([meetingIds[2], meetingIds[4]]);
    await t.db.deleteFrom("mail_outbox").execute();
    const { reinstated } = await reinstateFromHereOn(t.db, trainer, cohort.id, meetingIds[2], NOW, { baseUrl: BASE });
    expect(reinstated).toEqual([meetingIds[2], meetingIds[4]]);
    expect((await seriesRows(seriesId)).map((r) => `${r.status} ${r.cancelled_from ?? "-"}`)).toEqual([
      "planned -",
      `cancelled ${meetingIds[1]}`,
      "planned -",
      "cancelled -",
      "planned -",
    ]);
    expect(new Set((await t.db.selectFrom("mail_outbox").select("type").execute()).map((m) => m.type))).toEqual(new Set(["session-changed"]));
    expect(
      await auditLines(t.db).select("action").where("action", "=", "series.reinstate_later").where("target_id", "=", String(seriesId)).execute(),
    ).toHaveLength(1);
    // The single reinstate of the second clears its mark; nothing is left to put back together.
    await setCancelled(t.db, cohort.id, meetingIds[1], false, null, trainer, NOW);
    expect((await getMeeting(t.db, cohort.id, meetingIds[1]))!.cancelled_from).toBeNull();
    await expect(reinstateFromHereOn(t.db, trainer, cohort.id, meetingIds[1], NOW)).rejects.toMatchObject({ messageKey: "series.reinstateLater.none" });
  });

  it("a meeting outside a series, or a trainer of another cohort, cancels nothing", async () => {
    const { cohort, trainer, trainer2 } = await demo();
    const { seriesId, meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2031-05-06", count: 3 }), NOW);
    await expect(toCancelFromHereOn(t.db, trainer2, cohort.id, meetingIds[0])).rejects.toMatchObject({ messageKey: "cohort.notFound" });
    await expect(cancelFromHereOn(t.db, trainer2, cohort.id, meetingIds[0], { reason: null, expected: meetingIds }, NOW)).rejects.toMatchObject({
      messageKey: "cohort.notFound",
    });
    const single = await createMeeting(t.db, cohort.id, { ...seriesInput(), date: "2031-05-07", assignmentDue: null }, trainer, NOW);
    await expect(cancelFromHereOn(t.db, trainer, cohort.id, single, { reason: null, expected: [single] }, NOW)).rejects.toMatchObject({
      messageKey: "series.notInSeries",
    });
    expect((await seriesRows(seriesId)).every((r) => r.status === "planned")).toBe(true);
  });
});
