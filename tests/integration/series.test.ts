import { DEMO_COHORT, DEMO_COHORT_2 } from "../../demo/seed";
import { parseForm } from "../../app/forms/parse.server";
import { seriesSchema } from "../../app/forms/series";
import { getMeeting, listMeetings, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { createSeries, laterInSeries, seriesSummary, updateFromHereOn, type SeriesInput } from "../../app/services/series.server";
import { cohortForStaff } from "../../app/services/staff.server";
import { createTestDb, type TestDb } from "../support/db";
import { auditLines } from "../support/audit";
import { cohortByName, userByEmail } from "../support/factories";

/*
 * Issue 29 point 6: a series of meetings planned in one form, through the real services and a
 * real SQLite file (the demo data).
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

async function demo() {
  const [cohort, cohort2] = await Promise.all([cohortByName(t.db, DEMO_COHORT), cohortByName(t.db, DEMO_COHORT_2)]);
  const [trainer, trainer2, coordinator] = await Promise.all(["trainer", "trainer2", "coordinator"].map((n) => userByEmail(t.db, `${n}@leerlijn.test`)));
  return { cohort, cohort2, trainer, trainer2, coordinator };
}

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
  assignment: "Schrijf een halve pagina over herstel.",
  firstDate: "2030-09-24",
  everyWeeks: 1,
  count: 10,
  skip: [],
  ...over,
});

const form = (fields: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

const seriesRows = (seriesId: number) => t.db.selectFrom("course_sessions").selectAll().where("series_id", "=", seriesId).orderBy("date").execute();

describe("series of meetings (issue 29 point 6)", () => {
  it("the demo has a series: the weekly lessons of 2026-1, one of them cancelled on its own", async () => {
    const { cohort } = await demo();
    const lessons = (await listMeetings(t.db, cohort.id)).filter((m) => m.type === "les");
    const ids = new Set(lessons.map((m) => m.series_id));
    expect(ids.size).toBe(1);
    const [seriesId] = [...ids];
    expect(seriesId).not.toBeNull();
    expect(lessons).toHaveLength(20);
    expect(lessons.filter((m) => m.status === "cancelled")).toHaveLength(1);
    expect(await t.db.selectFrom("meeting_series").select(["every_weeks", "count"]).where("id", "=", seriesId!).executeTakeFirst()).toEqual({
      every_weeks: 1,
      count: 20,
    });
  });

  it("plans a weekly series from the form's fields, skipping a school holiday, with the same programme for each", async () => {
    const { cohort, trainer } = await demo();
    // The same schema as the page: a holiday written as a period, the count as typed.
    const parsed = parseForm(
      seriesSchema,
      form({
        type: "les",
        title: "Thema herstel",
        firstDate: "2030-09-24",
        everyWeeks: "1",
        count: "10",
        skip: "2030-10-12 t/m 2030-10-20",
        startTime: "13:30",
        endTime: "16:30",
        location: "Vrijwilligersacademie",
        trainerIds: [String(trainer.id)],
        programme: "15 min welkom\n60 min thema herstel",
        assignment: "",
      }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
    const before = (await listMeetings(t.db, cohort.id)).length;
    const { seriesId, meetingIds, dates, skipped } = await createSeries(t.db, trainer, cohort.id, parsed.data);

    expect(skipped).toEqual(["2030-10-15"]);
    const rows = await seriesRows(seriesId);
    expect(rows.map((r) => r.id)).toEqual(meetingIds);
    expect(rows.map((r) => r.date)).toEqual([
      "2030-09-24",
      "2030-10-01",
      "2030-10-08",
      "2030-10-22",
      "2030-10-29",
      "2030-11-05",
      "2030-11-12",
      "2030-11-19",
      "2030-11-26",
      "2030-12-03",
    ]);
    expect(dates).toEqual(rows.map((r) => r.date));
    // Across the end of summer time (27 October 2030) the wall-clock time stays the same.
    expect(new Set(rows.map((r) => `${r.start_time}-${r.end_time}`))).toEqual(new Set(["13:30-16:30"]));
    for (const r of rows) {
      expect(r).toMatchObject({ cohort_id: cohort.id, type: "les", title: "Thema herstel", location: "Vrijwilligersacademie", status: "planned" });
      expect(JSON.parse(r.programme)).toEqual([
        { minutes: 15, title: "welkom" },
        { minutes: 60, title: "thema herstel" },
      ]);
      expect((await getMeeting(t.db, cohort.id, r.id))?.trainer_ids).toEqual([trainer.id]);
    }
    expect((await listMeetings(t.db, cohort.id)).length).toBe(before + 10);

    const stored = await t.db.selectFrom("meeting_series").selectAll().where("id", "=", seriesId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ cohort_id: cohort.id, first_date: "2030-09-24", every_weeks: 1, count: 10, created_by: trainer.id });
    expect(JSON.parse(stored.skip_dates)).toHaveLength(9);
    expect(await seriesSummary(t.db, cohort.id, seriesId)).toEqual({ skipped: ["2030-10-15"] });

    const log = await auditLines(t.db)
      .select(["action", "target_type", "target_id", "actor_id"])
      .where("actor_id", "=", trainer.id)
      .where("action", "in", ["series.create", "session.create"])
      .execute();
    expect(log.filter((l) => l.action === "series.create")).toEqual([
      { action: "series.create", target_type: "series", target_id: String(seriesId), actor_id: trainer.id },
    ]);
    expect(log.filter((l) => l.action === "session.create" && meetingIds.map(String).includes(l.target_id!))).toHaveLength(10);
  });

  it("every two weeks, a skipped day on the rhythm moves the rest on by two weeks; a day off the rhythm changes nothing", async () => {
    const { cohort, coordinator } = await demo();
    const { dates, skipped } = await createSeries(
      t.db,
      coordinator,
      cohort.id,
      seriesInput({ firstDate: "2031-01-07", everyWeeks: 2, count: 4, skip: ["2031-01-21", "2031-01-22"] }),
    );
    expect(dates).toEqual(["2031-01-07", "2031-02-04", "2031-02-18", "2031-03-04"]);
    expect(skipped).toEqual(["2031-01-21"]);
  });

  it("the form refuses a wrong count, a wrong skip line and an end before the start, with the field that is wrong", () => {
    const base = { type: "les", title: "Les", firstDate: "2030-09-24", everyWeeks: "1", count: "10", startTime: "13:30", endTime: "16:30" };
    const fails = (fields: Record<string, string>) => {
      const parsed = parseForm(seriesSchema, form({ ...base, ...fields }));
      return parsed.ok ? null : parsed.fieldErrors;
    };
    expect(fails({})).toBeNull();
    expect(fails({ count: "53" })).toEqual({ count: "series.countInvalid" });
    expect(fails({ count: "1" })).toEqual({ count: "series.countInvalid" });
    expect(fails({ everyWeeks: "3" })).toEqual({ everyWeeks: "series.everyInvalid" });
    expect(fails({ skip: "na de kerst" })).toEqual({ skip: "series.skipInvalid" });
    expect(fails({ endTime: "12:00" })).toEqual({ endTime: "session.endBeforeStart" });
    expect(fails({ firstDate: "2030-02-30" })).toEqual({ firstDate: "form.date.invalid" });
  });

  it("'this and all later ones' changes title, times and place of the later meetings only; the earlier ones and the days stay", async () => {
    const { cohort, trainer } = await demo();
    const { seriesId, meetingIds } = await createSeries(
      t.db,
      trainer,
      cohort.id,
      seriesInput({ firstDate: "2032-02-03", count: 6, title: "Intervisie oefenen" }),
    );
    const before = await seriesRows(seriesId);
    const fourth = before[3];
    expect((await laterInSeries(t.db, cohort.id, fourth.id)).map((m) => m.id)).toEqual(meetingIds.slice(4));

    const input: MeetingInput = {
      ...seriesInput(),
      title: "Stigma en herstel",
      date: fourth.date,
      startTime: "10:00",
      endTime: "12:30",
      location: "Buurthuis De Meeuw",
      programme: [{ minutes: 30, title: "alleen deze keer" }],
      assignmentDue: null,
    };
    expect(await updateFromHereOn(t.db, trainer, cohort.id, fourth.id, input)).toEqual({ later: 2 });

    const after = await seriesRows(seriesId);
    expect(after.map((r) => r.date)).toEqual(before.map((r) => r.date));
    // The first three: untouched.
    for (const i of [0, 1, 2]) expect(after[i]).toEqual(before[i]);
    // This one and the later ones: the new title, times and place.
    for (const i of [3, 4, 5])
      expect(after[i]).toMatchObject({ title: "Stigma en herstel", start_time: "10:00", end_time: "12:30", location: "Buurthuis De Meeuw" });
    // The programme changed only for this meeting; the later ones keep their own.
    expect(JSON.parse(after[3].programme)).toEqual([{ minutes: 30, title: "alleen deze keer" }]);
    expect(JSON.parse(after[4].programme)).toEqual([{ minutes: 15, title: "welkom" }]);
    // Calendars see the change of the moved meetings (0024's sequence), not of the others.
    expect(after.map((r) => r.calendar_sequence)).toEqual([0, 0, 0, 1, 1, 1]);

    const log = await auditLines(t.db)
      .select(["action", "target_id", "details"])
      .where("actor_id", "=", trainer.id)
      .where("action", "in", ["session.move", "series.update_later"])
      .execute();
    expect(log.filter((l) => l.action === "session.move" && meetingIds.map(String).includes(l.target_id!)).map((l) => Number(l.target_id))).toEqual(
      meetingIds.slice(3),
    );
    expect(log.filter((l) => l.action === "series.update_later")).toEqual([
      { action: "series.update_later", target_id: String(seriesId), details: JSON.stringify({ from: fourth.id, later: meetingIds.slice(4) }) },
    ]);

    // Changing one meeting "as today" leaves the rest of the series alone.
    await updateMeeting(
      t.db,
      cohort.id,
      after[1].id,
      { ...input, title: "Alleen de tweede", date: after[1].date, startTime: "13:30", endTime: "16:30" },
      trainer,
    );
    const once = await seriesRows(seriesId);
    expect(once.map((r) => r.title)).toEqual([
      "Intervisie oefenen",
      "Alleen de tweede",
      "Intervisie oefenen",
      "Stigma en herstel",
      "Stigma en herstel",
      "Stigma en herstel",
    ]);
  });

  it("the last meeting of a series has no later ones; a single meeting is not a series", async () => {
    const { cohort, trainer } = await demo();
    const { meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2033-03-01", count: 2 }));
    expect(await laterInSeries(t.db, cohort.id, meetingIds[1])).toEqual([]);
    const single = (await listMeetings(t.db, cohort.id)).find((m) => m.series_id === null)!;
    await expect(updateFromHereOn(t.db, trainer, cohort.id, single.id, { ...seriesInput(), date: single.date, assignmentDue: null })).rejects.toMatchObject({
      messageKey: "series.notInSeries",
    });
  });

  it("cancelling one meeting of a series leaves the others planned", async () => {
    const { cohort, trainer } = await demo();
    const { seriesId, meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2034-04-04", count: 5 }));
    await setCancelled(t.db, cohort.id, meetingIds[2], true, "Trainer ziek", trainer);
    const rows = await seriesRows(seriesId);
    expect(rows.map((r) => r.status)).toEqual(["planned", "planned", "cancelled", "planned", "planned"]);
    expect(rows[2].cancel_reason).toBe("Trainer ziek");
    expect(rows.filter((r) => r.id !== meetingIds[2]).every((r) => r.cancel_reason === null)).toBe(true);
    // A change for "this and all later ones" from the second one reaches the cancelled one, which stays cancelled.
    await updateFromHereOn(t.db, trainer, cohort.id, meetingIds[1], { ...seriesInput(), date: rows[1].date, startTime: "14:00", assignmentDue: null });
    const after = await seriesRows(seriesId);
    expect(after.map((r) => `${r.status} ${r.start_time}`)).toEqual(["planned 13:30", "planned 14:00", "cancelled 14:00", "planned 14:00", "planned 14:00"]);
  });

  it("a trainer of another cohort cannot plan, see or change a series of this cohort", async () => {
    const { cohort, cohort2, trainer, trainer2 } = await demo();
    const { seriesId, meetingIds } = await createSeries(t.db, trainer, cohort.id, seriesInput({ firstDate: "2035-05-01", count: 3 }));
    const before = await seriesRows(seriesId);
    const count = await t.db
      .selectFrom("meeting_series")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();

    // The routes' guard finds no cohort for them …
    expect(await cohortForStaff(t.db, trainer2, cohort.id)).toBeUndefined();
    // … and the services refuse on their own.
    await expect(createSeries(t.db, trainer2, cohort.id, seriesInput())).rejects.toMatchObject({ messageKey: "cohort.notFound" });
    await expect(
      updateFromHereOn(t.db, trainer2, cohort.id, meetingIds[0], { ...seriesInput(), title: "Overgenomen", date: before[0].date, assignmentDue: null }),
    ).rejects.toMatchObject({ messageKey: "cohort.notFound" });
    // Through their own cohort the meeting is not found either.
    await expect(
      updateFromHereOn(t.db, trainer2, cohort2.id, meetingIds[0], { ...seriesInput(), title: "Overgenomen", date: before[0].date, assignmentDue: null }),
    ).rejects.toMatchObject({ messageKey: "session.notFound" });
    expect(await laterInSeries(t.db, cohort2.id, meetingIds[0])).toEqual([]);
    expect(await seriesSummary(t.db, cohort2.id, seriesId)).toBeUndefined();
    // A participant is no staff at all.
    const participant = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    await expect(createSeries(t.db, participant, cohort.id, seriesInput())).rejects.toMatchObject({ messageKey: "cohort.notFound" });

    expect(await seriesRows(seriesId)).toEqual(before);
    expect(
      await t.db
        .selectFrom("meeting_series")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow(),
    ).toEqual(count);
  });

  it("refuses a training of another leerlijn or a group of another cohort for the whole series, planning nothing", async () => {
    const { cohort, cohort2, trainer2, coordinator } = await demo();
    const groupOfCohort1 = await t.db.selectFrom("intervisie_groups").select("id").where("cohort_id", "=", cohort.id).executeTakeFirstOrThrow();
    const before = (await listMeetings(t.db, cohort2.id)).length;
    await expect(
      createSeries(t.db, trainer2, cohort2.id, seriesInput({ type: "intervisie", intervisieGroupId: groupOfCohort1.id, firstDate: "2036-01-01" })),
    ).rejects.toMatchObject({ messageKey: "session.groupRequired" });
    await expect(createSeries(t.db, coordinator, cohort2.id, seriesInput({ trainerIds: [999_999] }))).rejects.toMatchObject({
      messageKey: "cohort.trainerUnknown",
    });
    expect((await listMeetings(t.db, cohort2.id)).length).toBe(before);
  });
});
