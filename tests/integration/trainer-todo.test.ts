import type { KyselyPlugin } from "kysely";
import type { DB } from "../../db/connect";
import { currentTime } from "../../app/clock.server";
import { saveAttendance } from "../../app/services/attendance.server";
import { reviewAnswer } from "../../app/services/assignments.server";
import { gopStep, saveGop } from "../../app/services/gop.server";
import { cancelInterview, planInterview } from "../../app/services/interviews.server";
import { decidePop } from "../../app/services/pop.server";
import { decideByTrainer, saveEntry } from "../../app/services/practice.server";
import { getMeeting } from "../../app/services/schedule.server";
import { coordinatorTodo, OVERDUE_DAYS, TODO_KINDS, trainerTodo, type TodoKind, type TrainerTodo } from "../../app/services/trainer-todo.server";
import { emptyGop } from "../../app/rules/gop";
import { DEMO_CANDIDATE, DEMO_COHORT, DEMO_COHORT_2, DEMO_COHORT_FINISHED } from "../../demo/seed";
import { TODAY, daysFromToday } from "../support/clock";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";

/**
 * Issue 29 point 1: the trainer's "Te doen", through the real service on the demo database. Each
 * kind of item is there when its cause is, and goes when the trainer acts; practice entries come
 * oldest first and are flagged after 7 days (with a fixed clock); another trainer's cohort never
 * shows. The coordinator sees the interview candidates too.
 */
let t: TestDb;
const NOW = currentTime();

beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const people = async () => {
  const [trainer, trainer2, coordinator, e1, e2] = await Promise.all(
    ["trainer", "trainer2", "coordinator", "examinator", "examinator2"].map((n) => userByEmail(t.db, `${n}@leerlijn.test`)),
  );
  return {
    trainer,
    trainer2,
    coordinator,
    e1,
    e2,
    cohort: await cohortByName(t.db, DEMO_COHORT),
    cohort2: await cohortByName(t.db, DEMO_COHORT_2),
    finished: await cohortByName(t.db, DEMO_COHORT_FINISHED),
  };
};
const groupOf = (todo: TrainerTodo, kind: TodoKind) => todo.groups.find((g) => g.kind === kind)!;
const hrefs = (todo: TrainerTodo, kind: TodoKind) => groupOf(todo, kind).items.map((i) => i.href);

describe("the trainer's to-do list on the demo data", () => {
  it("has every group with a count, and the demo's items of each kind", async () => {
    const { trainer, cohort, finished } = await people();
    const todo = await trainerTodo(t.db, trainer.id, NOW);
    expect(todo.groups.map((g) => g.kind)).toEqual([...TODO_KINDS]);
    for (const g of todo.groups) expect(g.count).toBe(g.items.reduce((a, i) => a + i.count, 0));
    expect(todo.total).toBe(todo.groups.reduce((a, g) => a + g.count, 0));
    const p2 = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    expect(hrefs(todo, "pop")).toEqual([`/pop/${p2.id}`]);
    expect(hrefs(todo, "gop")).toEqual([`/groepen/${cohort.id}/gop`]);
    expect(groupOf(todo, "practice").count).toBeGreaterThan(0);
    expect(groupOf(todo, "assignments").count).toBeGreaterThan(0);
    expect(hrefs(todo, "attendance")).toHaveLength(1);
    // Samira Haddou's pace fell behind this week: at risk now, not a week ago.
    const samira = await userByEmail(t.db, "deelnemer11@leerlijn.test");
    const linda = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    expect(hrefs(todo, "atRisk")).toEqual([`/groepen/${cohort.id}/voortgang/${samira.id}`]);
    // Linda Kok is at risk too, but was already a week ago: not "new".
    expect(hrefs(todo, "atRisk")).not.toContain(`/groepen/${cohort.id}/voortgang/${linda.id}`);
    // Orlando Pinas (the finished cohort) is ready for the final interview and has none planned.
    const orlando = await userByEmail(t.db, DEMO_CANDIDATE.email);
    expect(hrefs(todo, "interview")).toEqual([`/groepen/${finished.id}/voortgang/${orlando.id}`]);
  });

  it("makes the same number of queries with more participants waiting (never one per person)", async () => {
    const { trainer, cohort } = await people();
    const count = async () => {
      let n = 0;
      const plugin: KyselyPlugin = { transformQuery: (a) => a.node, transformResult: async (a) => ((n += 1), a.result) };
      await trainerTodo((t.db as DB).withPlugin(plugin), trainer.id, NOW);
      return n;
    };
    const before = await count();
    const stamp = NOW.toISOString();
    for (let i = 0; i < 3; i++) {
      const p = await makeUser(t.db, { name: `Extra deelnemer ${i}` });
      await t.db
        .insertInto("enrolments")
        .values({ cohort_id: cohort.id, participant_id: p.id, enrolled_at: `${cohort.start_date}T00:00:00.000Z` })
        .execute();
      await t.db
        .insertInto("practice_entries")
        .values({
          participant_id: p.id,
          date: daysFromToday(-2),
          minutes: 60,
          activity: "huisbezoek",
          description: "x",
          reflection: "y",
          status: "open",
          decided_how: null,
          decided_by: null,
          decided_by_name: null,
          decided_link_id: null,
          decision_comment: null,
          decided_at: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
    }
    const after = await trainerTodo(t.db, trainer.id, NOW);
    expect(groupOf(after, "practice").items.filter((i) => i.name.startsWith("Extra deelnemer"))).toHaveLength(3);
    expect(await count()).toBe(before);
    // Own lists (7) plus the engine, cold, for today and for a week ago (a fixed set each).
    expect(before).toBeLessThanOrEqual(30);
  });

  it("practice: oldest first, and flagged once an entry waits longer than 7 days", async () => {
    const { trainer } = await people();
    const practice = groupOf(await trainerTodo(t.db, trainer.id, NOW), "practice");
    const dates = practice.items.map((i) => i.date!);
    expect(dates).toEqual([...dates].sort());
    expect(practice.overdue).toBe(practice.items.filter((i) => i.overdue).reduce((a, i) => a + i.count, 0));
    // The newest waiting item, just before and just after it has waited 7 days.
    const newest = practice.items[practice.items.length - 1];
    const at = (ms: number) => new Date(new Date(newest.date!).getTime() + OVERDUE_DAYS * 86_400_000 + ms);
    const before = groupOf(await trainerTodo(t.db, trainer.id, at(-60_000)), "practice").items.find((i) => i.href === newest.href)!;
    const after = groupOf(await trainerTodo(t.db, trainer.id, at(60_000)), "practice").items.find((i) => i.href === newest.href)!;
    expect(before.overdue).toBe(false);
    expect(after.overdue).toBe(true);
  });

  it("never shows another trainer's cohort, and that trainer sees only their own", async () => {
    const { trainer, trainer2, cohort2 } = await people();
    const own = (await t.db.selectFrom("cohort_trainers").select("cohort_id").where("user_id", "=", trainer.id).execute()).map((r) => r.cohort_id);
    // A cause in the other trainer's cohort: its GOP handed in.
    const p13 = await userByEmail(t.db, "deelnemer13@leerlijn.test");
    const saved = await saveGop(t.db, p13, cohort2.id, { baseVersion: 0, content: { ...emptyGop(), agreements: "We beginnen op tijd." } });
    await gopStep(t.db, p13, cohort2.id, { action: "submit", version: saved.version, note: null });

    const mine = await trainerTodo(t.db, trainer.id, NOW);
    for (const g of mine.groups) for (const i of g.items) expect(own).toContain(i.cohortId);
    expect(hrefs(mine, "gop")).not.toContain(`/groepen/${cohort2.id}/gop`);
    const theirs = await trainerTodo(t.db, trainer2.id, NOW);
    expect(hrefs(theirs, "gop")).toEqual([`/groepen/${cohort2.id}/gop`]);
    for (const g of theirs.groups) for (const i of g.items) expect(i.cohortId).toBe(cohort2.id);
  });
});

describe("each item goes when the trainer acts", () => {
  it("POP and GOP: approved, gone", async () => {
    const { trainer, cohort } = await people();
    const p2 = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    const pop = await t.db.selectFrom("pops").select("current_version").where("participant_id", "=", p2.id).executeTakeFirstOrThrow();
    await decidePop(t.db, trainer, p2.id, { action: "approve", version: pop.current_version, note: null });
    const gop = await t.db.selectFrom("gops").select("current_version").where("cohort_id", "=", cohort.id).executeTakeFirstOrThrow();
    await gopStep(t.db, trainer, cohort.id, { action: "return", version: gop.current_version, note: "Nog een doel erbij?" });
    const todo = await trainerTodo(t.db, trainer.id, NOW);
    expect(groupOf(todo, "pop").count).toBe(0);
    expect(groupOf(todo, "gop").count).toBe(0);
  });

  it("practice: decided, gone; a new entry appears", async () => {
    const { trainer, cohort } = await people();
    const first = groupOf(await trainerTodo(t.db, trainer.id, NOW), "practice").items[0];
    const participantId = Number(first.href.split("/").pop());
    const open = await t.db
      .selectFrom("practice_entries")
      .select(["id", "revision"])
      .where("participant_id", "=", participantId)
      .where("status", "=", "open")
      .execute();
    expect(open).toHaveLength(first.count);
    await decideByTrainer(
      t.db,
      { id: trainer.id, role: "trainer", name: trainer.name },
      participantId,
      open.map((e) => ({ entryId: e.id, decision: "bevestigd" as const, comment: null, revision: e.revision })),
      NOW,
    );
    const after = groupOf(await trainerTodo(t.db, trainer.id, NOW), "practice");
    expect(after.items.map((i) => i.href)).not.toContain(first.href);
    // The participant logs new hours: they wait again, not flagged.
    await saveEntry(
      t.db,
      { id: participantId },
      { date: daysFromToday(-1), hours: 120, activity: "huisbezoek", description: "Huisbezoek met een collega.", reflection: "Ik luisterde eerst." },
      TODAY,
      NOW,
    );
    const again = groupOf(await trainerTodo(t.db, trainer.id, NOW), "practice").items.find((i) => i.href === `/groepen/${cohort.id}/praktijk/${participantId}`);
    expect(again).toMatchObject({ count: 1, overdue: false });
  });

  it("oefenopdracht answers: feedback given, gone (the count drops by one)", async () => {
    const { trainer, cohort } = await people();
    const item = groupOf(await trainerTodo(t.db, trainer.id, NOW), "assignments").items[0];
    const meetingId = Number(item.href.split("/")[4]);
    const waiting = await t.db
      .selectFrom("assignment_answers")
      .select("participant_id")
      .where("session_id", "=", meetingId)
      .where("done_at", "is", null)
      .where("feedback", "is", null)
      .execute();
    expect(waiting.length).toBeGreaterThanOrEqual(item.count);
    await reviewAnswer(
      t.db,
      trainer,
      { cohortId: cohort.id, meetingId, participantId: waiting[0].participant_id, feedback: "Mooi beschreven.", markDone: false },
      NOW,
    );
    const after = groupOf(await trainerTodo(t.db, trainer.id, NOW), "assignments").items.find((i) => i.href === item.href);
    expect(after?.count ?? 0).toBe(item.count - 1);
  });

  it("attendance: saved, gone", async () => {
    const { trainer, cohort } = await people();
    const item = groupOf(await trainerTodo(t.db, trainer.id, NOW), "attendance").items[0];
    const meeting = (await getMeeting(t.db, cohort.id, Number(item.href.split("/")[4])))!;
    expect(meeting.date < TODAY).toBe(true);
    const members = await t.db.selectFrom("intervisie_group_members").select("participant_id").where("group_id", "=", meeting.intervisie_group_id!).execute();
    await saveAttendance(
      t.db,
      meeting,
      {
        revision: meeting.attendance_revision,
        rows: members.map((m) => ({ participantId: m.participant_id, status: "aanwezig" as const, minutesMissed: 0, active: true, note: null })),
      },
      trainer,
      NOW,
    );
    expect(hrefs(await trainerTodo(t.db, trainer.id, NOW), "attendance")).not.toContain(item.href);
  });

  it("newly at risk: more hours confirmed, gone", async () => {
    const { trainer, cohort } = await people();
    const samira = await userByEmail(t.db, "deelnemer11@leerlijn.test");
    expect(hrefs(await trainerTodo(t.db, trainer.id, NOW), "atRisk")).toEqual([`/groepen/${cohort.id}/voortgang/${samira.id}`]);
    const id = await saveEntry(
      t.db,
      samira,
      { date: daysFromToday(-2), hours: 180, activity: "huisbezoek", description: "Huisbezoek met een collega.", reflection: "Ik hield mijn verhaal kort." },
      TODAY,
      NOW,
    );
    const entries = await t.db
      .selectFrom("practice_entries")
      .select(["id", "revision"])
      .where("participant_id", "=", samira.id)
      .where("status", "=", "open")
      .execute();
    expect(entries.map((e) => e.id)).toContain(id);
    await decideByTrainer(
      t.db,
      { id: trainer.id, role: "trainer", name: trainer.name },
      samira.id,
      entries.map((e) => ({ entryId: e.id, decision: "bevestigd" as const, comment: null, revision: e.revision })),
      NOW,
    );
    expect(groupOf(await trainerTodo(t.db, trainer.id, NOW), "atRisk").count).toBe(0);
  });

  it("interview: a ready participant without a planned interview shows for the trainer and the coordinator; planned, gone", async () => {
    const { trainer, trainer2, coordinator, e1, e2, finished } = await people();
    const hamza = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    // The demo's candidate without a planned interview is in the lists throughout.
    const orlando = await userByEmail(t.db, DEMO_CANDIDATE.email);
    const planned = await t.db
      .selectFrom("interviews")
      .select("id")
      .where("participant_id", "=", hamza.id)
      .where("status", "=", "gepland")
      .executeTakeFirstOrThrow();
    expect((await coordinatorTodo(t.db, NOW)).items.map((i) => i.href)).not.toContain(`/eindgesprekken/nieuw?deelnemer=${hamza.id}`);
    await cancelInterview(t.db, coordinator, planned.id, "Examinator ziek.");

    expect(hrefs(await trainerTodo(t.db, trainer.id, NOW), "interview").sort()).toEqual(
      [`/groepen/${finished.id}/voortgang/${hamza.id}`, `/groepen/${finished.id}/voortgang/${orlando.id}`].sort(),
    );
    expect(groupOf(await trainerTodo(t.db, trainer2.id, NOW), "interview").count).toBe(0);
    const forCoordinator = await coordinatorTodo(t.db, NOW);
    expect(forCoordinator.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ href: `/eindgesprekken/nieuw?deelnemer=${hamza.id}`, name: hamza.name }),
        expect.objectContaining({ href: `/eindgesprekken/nieuw?deelnemer=${orlando.id}`, name: orlando.name }),
      ]),
    );
    expect(forCoordinator.count).toBe(2);

    await planInterview(t.db, e1, {
      participantId: hamza.id,
      date: daysFromToday(5),
      startTime: "14:00",
      location: "Vrijwilligersacademie, Amsterdam",
      assessorIds: [e1.id, e2.id],
    });
    // Planned: Hamza is gone, Orlando stays.
    expect(hrefs(await trainerTodo(t.db, trainer.id, NOW), "interview")).toEqual([`/groepen/${finished.id}/voortgang/${orlando.id}`]);
    expect((await coordinatorTodo(t.db, NOW)).items.map((i) => i.href)).toEqual([`/eindgesprekken/nieuw?deelnemer=${orlando.id}`]);
  });

  it("someone who left raises no more work", async () => {
    const { trainer, cohort } = await people();
    const before = await trainerTodo(t.db, trainer.id, NOW);
    const item = groupOf(before, "practice").items[0];
    const participantId = Number(item.href.split("/").pop());
    await t.db
      .updateTable("enrolments")
      .set({ left_on: TODAY, left_reason: "werk" })
      .where("cohort_id", "=", cohort.id)
      .where("participant_id", "=", participantId)
      .execute();
    const after = await trainerTodo(t.db, trainer.id, NOW);
    for (const g of after.groups)
      for (const i of g.items) expect(i.href).not.toMatch(new RegExp(`/(praktijk|voortgang)/${participantId}$|^/pop/${participantId}$`));
  });
});
