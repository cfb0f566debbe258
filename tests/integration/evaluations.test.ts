import { DEMO_COHORT } from "../../demo/seed";
import { saveAttendance } from "../../app/services/attendance.server";
import { evaluationFor, evaluationResults, openEvaluations, submitEvaluation } from "../../app/services/evaluations.server";
import { createMeeting, getMeeting, setCancelled, type MeetingInput } from "../../app/services/schedule.server";
import { parseForm } from "../../app/forms/parse.server";
import { evaluationSchema } from "../../app/forms/evaluation";
import type { AttendanceStatusCode } from "../../db/schema";
import { createTestDb, type TestDb } from "../support/db";
import { auditLines } from "../support/audit";
import { daysFromToday, TODAY } from "../support/clock";
import { tableColumns } from "../support/schema";
import { cohortByName, userByEmail } from "../support/factories";

/*
 * Issue 29 point 8: a short anonymous evaluation after a meeting, through the real services and a
 * real SQLite file (the demo data). Who said what cannot be read back; trainers see results only
 * from 3 answers on.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const NOW = { today: TODAY, time: "12:00" };

async function demo() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const [trainer, trainer2, coordinator] = await Promise.all(["trainer", "trainer2", "coordinator"].map((n) => userByEmail(t.db, `${n}@leerlijn.test`)));
  const people = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => userByEmail(t.db, `deelnemer${n}@leerlijn.test`)));
  return { cohort, trainer, trainer2, coordinator, people };
}

const lesson = (date: string, over: Partial<MeetingInput> = {}): MeetingInput => ({
  type: "les",
  title: `Evaluatieles ${date}`,
  date,
  startTime: "09:00",
  endTime: "11:00",
  location: null,
  onlineUrl: null,
  trainerIds: [],
  trainingId: null,
  intervisieGroupId: null,
  programme: [],
  assignment: null,
  ...over,
});

/** A meeting of the demo cohort on `date`, with attendance: deelnemer1–4 there (3 late), 5 afgemeld, 6 absent, the rest present. */
async function heldMeeting(date: string): Promise<number> {
  const { cohort, trainer, people } = await demo();
  const id = await createMeeting(t.db, cohort.id, lesson(date), trainer);
  const meeting = (await getMeeting(t.db, cohort.id, id))!;
  const enrolled = await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohort.id).execute();
  const statusOf = (pid: number): AttendanceStatusCode =>
    pid === people[2].id ? "te_laat" : pid === people[4].id ? "afgemeld" : pid === people[5].id ? "afwezig" : "aanwezig";
  await saveAttendance(
    t.db,
    meeting,
    {
      revision: 0,
      rows: enrolled.map((e) => ({
        participantId: e.participant_id,
        status: statusOf(e.participant_id),
        minutesMissed: statusOf(e.participant_id) === "te_laat" ? 15 : 0,
        active: true,
        note: null,
      })),
    },
    trainer,
  );
  return id;
}

describe("short evaluation after a meeting (issue 29 point 8)", () => {
  it("the demo: the last held lesson has four answers, shown to its trainer; deelnemer1 can still answer it", async () => {
    const { cohort, trainer, people } = await demo();
    const [evaluated] = await t.db.selectFrom("meeting_evaluations").select("session_id").distinct().execute();
    expect(evaluated).toBeDefined();
    const results = await evaluationResults(t.db, trainer, cohort.id, evaluated.session_id);
    expect(results).toMatchObject({ shown: true, answers: 4 });
    expect((await openEvaluations(t.db, people[0], NOW)).map((m) => m.id)).toContain(evaluated.session_id);
  });

  it("only a participant who was there, after the end and for two weeks; once", async () => {
    const { people } = await demo();
    const [p1, , p3, , p5, p6] = people;
    const id = await heldMeeting(daysFromToday(-1));

    expect(await evaluationFor(t.db, p1, id, NOW)).toMatchObject({ meeting: { id }, answered: false });
    expect(await evaluationFor(t.db, p3, id, NOW)).toMatchObject({ answered: false }); // late is there
    expect(await evaluationFor(t.db, p5, id, NOW)).toBeUndefined(); // afgemeld
    expect(await evaluationFor(t.db, p6, id, NOW)).toBeUndefined(); // absent
    expect((await openEvaluations(t.db, p1, NOW)).map((m) => m.id)).toContain(id);

    await submitEvaluation(t.db, p1, id, { score: 4, comment: "  Fijne oefening.  " }, NOW);
    expect(await evaluationFor(t.db, p1, id, NOW)).toMatchObject({ answered: true });
    expect((await openEvaluations(t.db, p1, NOW)).map((m) => m.id)).not.toContain(id);
    await expect(submitEvaluation(t.db, p1, id, { score: 1, comment: null }, NOW)).rejects.toMatchObject({ messageKey: "evaluation.alreadyAnswered" });
    await expect(submitEvaluation(t.db, p5, id, { score: 5, comment: null }, NOW)).rejects.toMatchObject({ messageKey: "evaluation.notOpen" });
    await expect(submitEvaluation(t.db, p3, id, { score: 6, comment: null }, NOW)).rejects.toMatchObject({ messageKey: "evaluation.scoreInvalid" });
    expect(await t.db.selectFrom("meeting_evaluations").select(["score", "comment"]).where("session_id", "=", id).execute()).toEqual([
      { score: 4, comment: "Fijne oefening." },
    ]);

    // Closed before the end of the meeting, and after two weeks.
    const meetingDay = daysFromToday(-1);
    expect(await evaluationFor(t.db, p3, id, { today: meetingDay, time: "10:59" })).toBeUndefined();
    expect(await evaluationFor(t.db, p3, id, { today: meetingDay, time: "11:00" })).toBeDefined();
    expect(await evaluationFor(t.db, p3, id, { today: daysFromToday(13), time: "23:59" })).toBeDefined();
    expect(await evaluationFor(t.db, p3, id, { today: daysFromToday(14), time: "00:00" })).toBeUndefined();
  });

  it("a cancelled meeting cannot be evaluated", async () => {
    const { cohort, trainer, people } = await demo();
    const id = await heldMeeting(daysFromToday(-2));
    await setCancelled(t.db, cohort.id, id, true, null, trainer);
    expect(await evaluationFor(t.db, people[0], id, NOW)).toBeUndefined();
  });

  it("stores the answer without the person, and who answered without the answer", async () => {
    const { people } = await demo();
    const id = await heldMeeting(daysFromToday(-3));
    await submitEvaluation(t.db, people[1], id, { score: 2, comment: "Te lang" }, NOW);
    await submitEvaluation(t.db, people[3], id, { score: 5, comment: null }, NOW);
    const columns = (table: string) => tableColumns(t.db, table).then((cols) => cols.map((c) => c.name).sort());
    expect(await columns("meeting_evaluations")).toEqual(["comment", "id", "score", "session_id"]);
    expect(await columns("meeting_evaluation_answered")).toEqual(["participant_id", "session_id"]);
    const answers = await t.db.selectFrom("meeting_evaluations").select("id").where("session_id", "=", id).execute();
    // Random keys, not a counter: the order of the answers is not kept.
    for (const a of answers) expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      await t.db.selectFrom("meeting_evaluation_answered").select("participant_id").where("session_id", "=", id).orderBy("participant_id").execute(),
    ).toEqual([{ participant_id: people[1].id }, { participant_id: people[3].id }].sort((a, b) => a.participant_id - b.participant_id));
    // The audit trail says that someone answered, never what.
    const log = await auditLines(t.db)
      .select(["action", "actor_id", "target_id", "details"])
      .where("action", "=", "evaluation.submit")
      .where("target_id", "=", String(id))
      .execute();
    expect(log).toHaveLength(2);
    expect(log.every((l) => l.details === null)).toBe(true);
  });

  it("trainers see only how many answered until 3 did; then the scores and the lines, never who", async () => {
    const { cohort, trainer, trainer2, coordinator, people } = await demo();
    const id = await heldMeeting(daysFromToday(-4));
    expect(await evaluationResults(t.db, trainer, cohort.id, id)).toEqual({ shown: false, answers: 0 });
    await submitEvaluation(t.db, people[0], id, { score: 5, comment: "Zo doorgaan" }, NOW);
    await submitEvaluation(t.db, people[1], id, { score: 3, comment: null }, NOW);
    const two = await evaluationResults(t.db, trainer, cohort.id, id);
    expect(two).toEqual({ shown: false, answers: 2 });
    await submitEvaluation(t.db, people[2], id, { score: 4, comment: "Andere ruimte graag" }, NOW);
    const three = await evaluationResults(t.db, trainer, cohort.id, id);
    expect(three).toEqual({
      shown: true,
      answers: 3,
      average: 4,
      counts: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 },
      // Alphabetical, not in the order they came in.
      comments: ["Andere ruimte graag", "Zo doorgaan"],
    });
    expect(JSON.stringify(three)).not.toMatch(new RegExp(people.map((p) => p.name).join("|")));
    expect(await evaluationResults(t.db, coordinator, cohort.id, id)).toEqual(three);
    // A trainer of another cohort, or a participant, gets nothing.
    expect(await evaluationResults(t.db, trainer2, cohort.id, id)).toBeUndefined();
    expect(await evaluationResults(t.db, people[0], cohort.id, id)).toBeUndefined();
  });

  it("the form's schema: a score of 1–5 and one optional line of at most 200 characters", () => {
    const form = (fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      return parseForm(evaluationSchema, fd);
    };
    expect(form({ score: "3", comment: " Goed " })).toEqual({ ok: true, data: { score: 3, comment: "Goed" } });
    expect(form({ score: "3", comment: "" })).toEqual({ ok: true, data: { score: 3, comment: null } });
    expect(form({ score: "" })).toMatchObject({ ok: false, fieldErrors: { score: "evaluation.scoreInvalid" } });
    expect(form({ score: "0" })).toMatchObject({ ok: false, fieldErrors: { score: "evaluation.scoreInvalid" } });
    expect(form({ score: "5", comment: "x".repeat(201) })).toMatchObject({ ok: false, fieldErrors: { comment: expect.stringContaining("form.tooLong") } });
  });
});
