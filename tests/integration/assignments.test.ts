import { seedDemoAssignments } from "../../demo/assignments";
import { DEMO_COHORT, DEMO_COHORT_2, DEMO_RETURNING } from "../../demo/seed";
import { isOpen } from "../../app/rules/assignments";
import {
  cohortAssignmentOverview,
  handInAnswer,
  participantAssignment,
  participantAssignments,
  reopenAnswer,
  reviewAnswer,
  meetingAnswers,
} from "../../app/services/assignments.server";
import { listGroups } from "../../app/services/intervisie.server";
import { createMeeting, getMeeting, setCancelled, updateMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";
import { currentTime, currentTimeMs } from "../../app/clock.server";
import { TODAY, daysFromToday } from "../support/clock";

let t: TestDb;
const today = TODAY;

const lesson = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  type: "les",
  title: "Thema peer support",
  date: daysFromToday(-3),
  startTime: "13:30",
  endTime: "16:30",
  location: "Vrijwilligersacademie",
  onlineUrl: null,
  trainerIds: [],
  trainingId: null,
  intervisieGroupId: null,
  programme: [{ minutes: 15, title: "welkom" }],
  assignment: "Beschrijf een gesprek waarin je je eigen verhaal kort hield.",
  assignmentDue: null,
  ...over,
});

async function demo() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const cohort2 = await cohortByName(t.db, DEMO_COHORT_2);
  const [trainer, trainer2, coordinator, p1, p2, p6, p13] = await Promise.all(
    ["trainer", "trainer2", "coordinator", "deelnemer1", "deelnemer2", "deelnemer6", "deelnemer13"].map((n) => userByEmail(t.db, `${n}@leerlijn.test`)),
  );
  return { cohort, cohort2, trainer, trainer2, coordinator, p1, p2, p6, p13 };
}

async function answerRow(meetingId: number, participantId: number) {
  return t.db.selectFrom("assignment_answers").selectAll().where("session_id", "=", meetingId).where("participant_id", "=", participantId).executeTakeFirst();
}

async function allAnswers() {
  return t.db.selectFrom("assignment_answers").selectAll().orderBy("id").execute();
}

beforeAll(async () => {
  t = await createTestDb("demo");
  const { cohort, trainer } = await demo();
  // Does nothing when the demo seed already holds the answers.
  await seedDemoAssignments(t.db, { cohortId: cohort.id, trainerId: trainer.id, now: currentTime() });
});
afterAll(() => t.close());

describe("demo answers", () => {
  it("show every stage: deelnemer1 all done, deelnemer6 the newest still open, everyone but the newly returned has handed something in", async () => {
    const { cohort, p1, p6, trainer } = await demo();
    const mine1 = await participantAssignments(t.db, p1, today);
    expect(mine1.length).toBeGreaterThanOrEqual(4);
    expect(mine1.every((a) => a.state === "done" && a.answer?.feedback)).toBe(true);

    const mine6 = await participantAssignments(t.db, p6, today);
    const newest = [...mine6].sort((a, b) => b.date.localeCompare(a.date))[0];
    expect(isOpen(newest.state)).toBe(true);
    expect(newest.answer).toBeNull();
    expect(mine6.filter((a) => a.answer).length).toBeGreaterThanOrEqual(3);

    const overview = (await cohortAssignmentOverview(t.db, trainer, cohort.id, today))!;
    // deelnemer1..12, and the participant who came back after a break two weeks ago (DEMO_RETURNING):
    // she has handed in nothing yet, and the assignment since her return is open for her.
    expect(overview.participants).toHaveLength(13);
    const returning = await userByEmail(t.db, DEMO_RETURNING.email);
    expect(overview.participants.filter((p) => p.id !== returning.id).every((p) => p.waiting + p.done > 0)).toBe(true);
    const hers = overview.participants.find((p) => p.id === returning.id)!;
    expect(hers.waiting + hers.done).toBe(0);
    expect(hers.open.length).toBeGreaterThan(0);
    const totals = overview.meetings.reduce((a, s) => ({ waiting: a.waiting + s.counts.waiting, done: a.done + s.counts.done, open: a.open + s.counts.open }), {
      waiting: 0,
      done: 0,
      open: 0,
    });
    expect(totals.waiting).toBeGreaterThan(0);
    expect(totals.done).toBeGreaterThan(0);
    expect(totals.open).toBeGreaterThan(0);
    const withFeedbackNotDone = await t.db
      .selectFrom("assignment_answers")
      .select("id")
      .where("feedback", "is not", null)
      .where("done_at", "is", null)
      .execute();
    expect(withFeedbackNotDone.length).toBeGreaterThan(0);
    // Nothing in the demo names anyone: the answers are the participants' own words only.
    for (const a of await allAnswers()) expect(a.submitted_at <= a.updated_at && (!a.done_at || a.done_at >= a.updated_at)).toBe(true);
  });
});

describe("a participant hands in", () => {
  it("hands in, edits until the trainer marks it done, and is refused after that", async () => {
    const { cohort, trainer, p2 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ assignmentDue: daysFromToday(2) }), trainer);
    const before = await participantAssignment(t.db, p2, id, today);
    expect(before).toMatchObject({ state: "open", deadline: daysFromToday(2), answer: null });

    const at1 = new Date(currentTimeMs() - 60_000);
    expect(await handInAnswer(t.db, p2, id, "  Ik hield mijn verhaal bij twee zinnen.  ", today, at1)).toBe("handed_in");
    const first = (await answerRow(id, p2.id))!;
    expect(first).toMatchObject({
      text: "Ik hield mijn verhaal bij twee zinnen.",
      submitted_at: at1.toISOString(),
      updated_at: at1.toISOString(),
      done_at: null,
    });

    expect(await handInAnswer(t.db, p2, id, "Ik hield mijn verhaal bij twee zinnen.", today)).toBe("unchanged");
    const at2 = currentTime();
    expect(await handInAnswer(t.db, p2, id, "Ik hield mijn verhaal kort en vroeg daarna door.", today, at2)).toBe("updated");
    expect(await answerRow(id, p2.id)).toMatchObject({
      id: first.id,
      text: "Ik hield mijn verhaal kort en vroeg daarna door.",
      submitted_at: at1.toISOString(),
      updated_at: at2.toISOString(),
    });
    expect((await participantAssignment(t.db, p2, id, today))?.state).toBe("handed_in");

    await reviewAnswer(t.db, trainer, { cohortId: cohort.id, meetingId: id, participantId: p2.id, feedback: "Mooi voorbeeld.", markDone: true });
    await expect(handInAnswer(t.db, p2, id, "Toch nog iets anders.", today)).rejects.toMatchObject({ messageKey: "assignments.alreadyDone" });
    expect((await answerRow(id, p2.id))?.text).toBe("Ik hield mijn verhaal kort en vroeg daarna door.");
    const after = await participantAssignment(t.db, p2, id, today);
    expect(after).toMatchObject({ state: "done", answer: { feedback: "Mooi voorbeeld.", feedbackBy: "Marieke Hoekstra", doneBy: "Marieke Hoekstra" } });

    // The trainer opens it again: the participant may change it again.
    await reopenAnswer(t.db, trainer, { cohortId: cohort.id, meetingId: id, participantId: p2.id });
    expect(await handInAnswer(t.db, p2, id, "Toch nog iets anders.", today)).toBe("updated");
    const reopened = await t.db
      .selectFrom("audit_log")
      .select(["actor_id"])
      .where("action", "=", "assignment.reopen")
      .where("target_id", "=", String(first.id))
      .execute();
    expect(reopened).toEqual([{ actor_id: trainer.id }]);
  });

  it("accepts a late answer and shows it as late", async () => {
    const { cohort, trainer, p2 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ date: daysFromToday(-20), assignmentDue: daysFromToday(-15) }), trainer);
    expect((await participantAssignment(t.db, p2, id, today))?.state).toBe("late");
    await handInAnswer(t.db, p2, id, "Sorry, wat later: mijn antwoord.", today);
    expect(await participantAssignment(t.db, p2, id, today)).toMatchObject({ state: "handed_in", answer: { late: true } });
  });

  it("refuses bad input with a Dutch message and changes nothing", async () => {
    const { cohort, trainer, p2 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson(), trainer);
    const snapshot = await allAnswers();
    await expect(handInAnswer(t.db, p2, id, "   ", today)).rejects.toMatchObject({ messageKey: "assignments.answerRequired", field: "text" });
    await expect(handInAnswer(t.db, p2, id, "x".repeat(4001), today)).rejects.toMatchObject({ messageKey: "assignments.answerTooLong", field: "text" });
    expect(await allAnswers()).toEqual(snapshot);

    await handInAnswer(t.db, p2, id, "Mijn antwoord.", today);
    const stored = await allAnswers();
    await expect(handInAnswer(t.db, p2, id, "", today)).rejects.toMatchObject({ messageKey: "assignments.answerRequired" });
    const ref = { cohortId: cohort.id, meetingId: id, participantId: p2.id };
    await expect(reviewAnswer(t.db, trainer, { ...ref, feedback: "x".repeat(1001), markDone: true })).rejects.toMatchObject({
      messageKey: "assignments.feedbackTooLong",
      field: "feedback",
    });
    await expect(reviewAnswer(t.db, trainer, { ...ref, feedback: "  ", markDone: false })).rejects.toMatchObject({
      messageKey: "assignments.feedbackRequired",
      field: "feedback",
    });
    expect(await allAnswers()).toEqual(stored);

    // A hand-in date before the meeting is refused on the meeting too, and the meeting stays as it was.
    await expect(createMeeting(t.db, cohort.id, lesson({ assignmentDue: daysFromToday(-4) }), trainer)).rejects.toMatchObject({
      messageKey: "session.assignmentDueBeforeDate",
      field: "assignmentDue",
    });
    const meeting = await getMeeting(t.db, cohort.id, id);
    await expect(updateMeeting(t.db, cohort.id, id, lesson({ assignmentDue: daysFromToday(-10) }), trainer)).rejects.toMatchObject({
      messageKey: "session.assignmentDueBeforeDate",
    });
    expect(await getMeeting(t.db, cohort.id, id)).toEqual(meeting);
  });
});

describe("who sees what", () => {
  it("a participant only ever sees their own answer", async () => {
    const { cohort, trainer, p1, p2 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ date: daysFromToday(-1) }), trainer);
    await handInAnswer(t.db, p1, id, "Geheim antwoord van deelnemer 1.", today);
    const other = await participantAssignment(t.db, p2, id, today);
    expect(other?.answer).toBeNull();
    expect(JSON.stringify(await participantAssignments(t.db, p2, today))).not.toContain("Geheim antwoord van deelnemer 1.");
    // Handing in creates p2's own row; p1's answer is untouched.
    await handInAnswer(t.db, p2, id, "Mijn eigen antwoord.", today);
    expect((await answerRow(id, p1.id))?.text).toBe("Geheim antwoord van deelnemer 1.");
  });

  it("refuses meetings the participant is not expected at, another cohort's, future and cancelled ones", async () => {
    const { cohort, cohort2, trainer, trainer2, p6, p13 } = await demo();
    const snapshot = await allAnswers();
    // An intervisie meeting of a group deelnemer6 is not in.
    const groups = await listGroups(t.db, cohort.id);
    const otherGroup = groups.find((g) => !g.members.some((m) => m.id === p6.id))!;
    const intervisie = await createMeeting(t.db, cohort.id, lesson({ type: "intervisie", title: "Intervisie", intervisieGroupId: otherGroup.id }), trainer);
    // A training deelnemer6 did not choose.
    const mine = await t.db.selectFrom("training_choices").select("training_id").where("participant_id", "=", p6.id).execute();
    const notChosen = await t.db
      .selectFrom("trainings")
      .select(["id", "title"])
      .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
      .where(
        "id",
        "not in",
        mine.map((m) => m.training_id),
      )
      .executeTakeFirstOrThrow();
    const chosen = await t.db
      .selectFrom("training_choices")
      .select("participant_id")
      .where("training_id", "=", notChosen.id)
      .where("cohort_id", "=", cohort.id)
      .where("status", "in", ["gekozen", "bevestigd"])
      .executeTakeFirst();
    const training = await createMeeting(t.db, cohort.id, lesson({ type: "training", title: notChosen.title, trainingId: notChosen.id }), trainer);
    const otherCohort = await createMeeting(t.db, cohort2.id, lesson({ title: "Les van 2027-1" }), trainer2);
    const future = await createMeeting(t.db, cohort.id, lesson({ date: daysFromToday(5) }), trainer);
    const cancelled = await createMeeting(t.db, cohort.id, lesson(), trainer);
    await setCancelled(t.db, cohort.id, cancelled, true, "Storm", trainer);

    for (const id of [intervisie, training, otherCohort, future, cancelled]) {
      expect(await participantAssignment(t.db, p6, id, today)).toBeUndefined();
      await expect(handInAnswer(t.db, p6, id, "Toch proberen.", today)).rejects.toMatchObject({ messageKey: "assignments.notFound" });
    }
    expect((await participantAssignments(t.db, p6, today)).map((a) => a.meetingId)).not.toEqual(expect.arrayContaining([intervisie]));
    expect(await allAnswers()).toEqual(snapshot);
    // The people who are expected do see them.
    expect(await participantAssignment(t.db, { id: otherGroup.members[0].id }, intervisie, today)).toMatchObject({ state: "open" });
    expect(await participantAssignment(t.db, { id: chosen!.participant_id }, training, today)).toMatchObject({ state: "open" });
    // Not even for deelnemer13 of that cohort: the meeting lies before they joined (the cohort starts later).
    expect(await participantAssignment(t.db, p13, otherCohort, today)).toBeUndefined();
  });

  it("a trainer of another cohort, or a participant, gets nothing and changes nothing", async () => {
    const { cohort, cohort2, trainer, trainer2, p2, p6 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson(), trainer);
    await handInAnswer(t.db, p2, id, "Mijn antwoord.", today);
    const snapshot = await allAnswers();
    expect(await meetingAnswers(t.db, trainer2, cohort.id, id, today)).toBeUndefined();
    expect(await cohortAssignmentOverview(t.db, trainer2, cohort.id, today)).toBeUndefined();
    // Their own cohort id with this cohort's meeting: not found either.
    expect(await meetingAnswers(t.db, trainer2, cohort2.id, id, today)).toBeUndefined();
    expect(await meetingAnswers(t.db, p6, cohort.id, id, today)).toBeUndefined();
    expect(await cohortAssignmentOverview(t.db, p6, cohort.id, today)).toBeUndefined();
    await expect(
      reviewAnswer(t.db, trainer2, { cohortId: cohort.id, meetingId: id, participantId: p2.id, feedback: "Nee", markDone: true }),
    ).rejects.toMatchObject({
      messageKey: "assignments.notFound",
    });
    await expect(
      reviewAnswer(t.db, trainer2, { cohortId: cohort2.id, meetingId: id, participantId: p2.id, feedback: "Nee", markDone: true }),
    ).rejects.toMatchObject({
      messageKey: "assignments.notHandedIn",
    });
    await expect(reopenAnswer(t.db, trainer2, { cohortId: cohort.id, meetingId: id, participantId: p2.id })).rejects.toMatchObject({
      messageKey: "assignments.notFound",
    });
    await expect(reviewAnswer(t.db, p6, { cohortId: cohort.id, meetingId: id, participantId: p2.id, feedback: null, markDone: true })).rejects.toMatchObject({
      messageKey: "assignments.notFound",
    });
    expect(await allAnswers()).toEqual(snapshot);
  });
});

describe("the trainer reviews", () => {
  it("records feedback and done with who and when, in the audit trail too; only a handed-in answer", async () => {
    const { cohort, trainer, coordinator, p1, p2, p6 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson(), trainer);
    await handInAnswer(t.db, p2, id, "Mijn antwoord.", today);
    const ref = { cohortId: cohort.id, meetingId: id };

    const feedbackAt = new Date(currentTimeMs() - 30_000);
    expect(
      await reviewAnswer(
        t.db,
        trainer,
        { ...ref, participantId: p2.id, feedback: " Goed gedaan, vertel er volgende keer meer over. ", markDone: false },
        feedbackAt,
      ),
    ).toBe("saved");
    const answer = (await answerRow(id, p2.id))!;
    expect(answer).toMatchObject({
      feedback: "Goed gedaan, vertel er volgende keer meer over.",
      feedback_by: trainer.id,
      feedback_at: feedbackAt.toISOString(),
      done_at: null,
      done_by: null,
    });
    expect(
      await reviewAnswer(t.db, trainer, { ...ref, participantId: p2.id, feedback: "Goed gedaan, vertel er volgende keer meer over.", markDone: false }),
    ).toBe("unchanged");

    const doneAt = currentTime();
    expect(await reviewAnswer(t.db, coordinator, { ...ref, participantId: p2.id, feedback: null, markDone: true }, doneAt)).toBe("done");
    expect(await answerRow(id, p2.id)).toMatchObject({
      feedback: "Goed gedaan, vertel er volgende keer meer over.",
      feedback_by: trainer.id,
      done_at: doneAt.toISOString(),
      done_by: coordinator.id,
    });
    await expect(reviewAnswer(t.db, trainer, { ...ref, participantId: p2.id, feedback: "Nog iets", markDone: false })).rejects.toMatchObject({
      messageKey: "assignments.alreadyDoneStaff",
    });

    const log = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "actor_role", "at", "details"])
      .where("target_type", "=", "assignment_answer")
      .where("target_id", "=", String(answer.id))
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      {
        action: "assignment.feedback",
        actor_id: trainer.id,
        actor_role: "trainer",
        at: feedbackAt.toISOString(),
        details: JSON.stringify({ sessionId: id, participantId: p2.id }),
      },
      {
        action: "assignment.done",
        actor_id: coordinator.id,
        actor_role: "coordinator",
        at: doneAt.toISOString(),
        details: JSON.stringify({ sessionId: id, participantId: p2.id }),
      },
    ]);

    // Nothing handed in: nothing to mark done, and no row appears.
    await expect(reviewAnswer(t.db, trainer, { ...ref, participantId: p6.id, feedback: "Mooi", markDone: true })).rejects.toMatchObject({
      messageKey: "assignments.notHandedIn",
    });
    expect(await answerRow(id, p6.id)).toBeUndefined();
    // Feedback and done in one go.
    await handInAnswer(t.db, p1, id, "Antwoord van deelnemer 1.", today);
    expect(await reviewAnswer(t.db, trainer, { ...ref, participantId: p1.id, feedback: "Helder.", markDone: true })).toBe("done");
    expect(await answerRow(id, p1.id)).toMatchObject({ feedback: "Helder.", feedback_by: trainer.id, done_by: trainer.id });
  });

  it("lists every expected participant per meeting, with the answer or none yet", async () => {
    const { cohort, trainer, p1, p2 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ assignmentDue: daysFromToday(1) }), trainer);
    await handInAnswer(t.db, p1, id, "Antwoord 1.", today);
    await handInAnswer(t.db, p2, id, "Antwoord 2.", today);
    await reviewAnswer(t.db, trainer, { cohortId: cohort.id, meetingId: id, participantId: p1.id, feedback: null, markDone: true });
    const sheet = (await meetingAnswers(t.db, trainer, cohort.id, id, today))!;
    expect(sheet.deadline).toBe(daysFromToday(1));
    // The cohort's 13 (deelnemer1..12 and the returning deelnemer20, in it since two weeks ago).
    expect(sheet.rows).toHaveLength(13);
    expect(sheet.rows.find((r) => r.participant.id === p1.id)).toMatchObject({ state: "done", answer: { text: "Antwoord 1." } });
    expect(sheet.rows.find((r) => r.participant.id === p2.id)).toMatchObject({ state: "handed_in", answer: { text: "Antwoord 2." } });
    expect(sheet.rows.filter((r) => r.answer === null && r.state === "open")).toHaveLength(11);
    expect(sheet.counts).toEqual({ expected: 13, handedIn: 2, done: 1, waiting: 1, open: 11 });

    // A meeting without an assignment, or a cancelled one, has nothing to hand in.
    const plain = await createMeeting(t.db, cohort.id, lesson({ assignment: null }), trainer);
    expect(await meetingAnswers(t.db, trainer, cohort.id, plain, today)).toMatchObject({ hasAssignment: false, rows: [] });
    await setCancelled(t.db, cohort.id, id, true, null, trainer);
    expect(await meetingAnswers(t.db, trainer, cohort.id, id, today)).toMatchObject({ hasAssignment: false, rows: [] });
    expect(await participantAssignment(t.db, p2, id, today)).toBeUndefined();
  });
});

describe("deadlines and the overview", () => {
  it("without a due date, the deadline is the next planned lesson (not a cancelled one, not intervisie)", async () => {
    const { cohort, trainer } = await demo();
    const [group] = await listGroups(t.db, cohort.id);
    const a = await createMeeting(t.db, cohort.id, lesson({ date: "2031-03-04" }), trainer);
    await createMeeting(
      t.db,
      cohort.id,
      lesson({ type: "intervisie", title: "Intervisie", date: "2031-03-07", intervisieGroupId: group.id, assignment: null }),
      trainer,
    );
    const b = await createMeeting(t.db, cohort.id, lesson({ date: "2031-03-11", assignment: null }), trainer);
    await createMeeting(t.db, cohort.id, lesson({ date: "2031-03-18", assignment: null }), trainer);
    expect((await meetingAnswers(t.db, trainer, cohort.id, a, today))?.deadline).toBe("2031-03-11");
    await setCancelled(t.db, cohort.id, b, true, null, trainer);
    expect((await meetingAnswers(t.db, trainer, cohort.id, a, today))?.deadline).toBe("2031-03-18");
    await updateMeeting(t.db, cohort.id, a, lesson({ date: "2031-03-04", assignmentDue: "2031-03-09" }), trainer);
    expect((await getMeeting(t.db, cohort.id, a))?.assignment_due).toBe("2031-03-09");
    expect((await meetingAnswers(t.db, trainer, cohort.id, a, today))?.deadline).toBe("2031-03-09");
    // A future meeting is not in the participants' lists yet, and shows as coming in the overview.
    const overview = (await cohortAssignmentOverview(t.db, trainer, cohort.id, today))!;
    expect(overview.upcoming.map((u) => u.id)).toContain(a);
    expect(overview.meetings.map((s) => s.id)).not.toContain(a);
  });

  it("a participant's deadline is the trainer's: the next planned meeting of the same kind and the same intervisie group", async () => {
    const { cohort, trainer } = await demo();
    const [groupA, groupB] = await listGroups(t.db, cohort.id);
    const member = { id: groupA.members[0].id };
    const intervisie = (groupId: number, days: number, assignment: string | null) =>
      createMeeting(
        t.db,
        cohort.id,
        lesson({ type: "intervisie", title: "Intervisie", date: daysFromToday(days), intervisieGroupId: groupId, assignment }),
        trainer,
      );
    const own = await intervisie(groupA.id, -40, "Neem een casus mee.");
    await intervisie(groupB.id, -38, null); // another group's meeting: not a follow-on
    await createMeeting(t.db, cohort.id, lesson({ date: daysFromToday(-37), assignment: null }), trainer); // a lesson: not a follow-on
    const cancelled = await intervisie(groupA.id, -36, null);
    await setCancelled(t.db, cohort.id, cancelled, true, null, trainer);
    await intervisie(groupA.id, -33, null);
    const mine = (await participantAssignments(t.db, member, today)).find((a) => a.meetingId === own)!;
    expect(mine.deadline).toBe((await meetingAnswers(t.db, trainer, cohort.id, own, today))?.deadline);
    // The demo data may hold a planned meeting of group A on any of these days (on 2026-12-05 it had
    // one on day -36): that one is a real follow-on. Read the group's planned meetings from the
    // table itself; the deadline is the first after day -40, never a skipped meeting.
    const plannedOfA = await t.db
      .selectFrom("course_sessions")
      .select("date")
      .where("intervisie_group_id", "=", groupA.id)
      .where("status", "=", "planned")
      .where("date", ">", daysFromToday(-40))
      .orderBy("date")
      .execute();
    expect(mine.deadline).toBe(plannedOfA[0].date);
    const demoOnDay = (day: number) => plannedOfA.some((s) => s.date === daysFromToday(day));
    for (const skipped of [-38, -37, -36]) if (!demoOnDay(skipped)) expect(mine.deadline).not.toBe(daysFromToday(skipped));
    expect(mine.deadline! > daysFromToday(-40) && mine.deadline! <= daysFromToday(-33)).toBe(true);
    expect(mine.state).toBe("late");

    // The same for every assignment of every participant of the cohort, whatever its kind.
    const participants = await t.db.selectFrom("enrolments").select("participant_id as id").where("cohort_id", "=", cohort.id).execute();
    let compared = 0;
    for (const p of participants) {
      for (const a of await participantAssignments(t.db, p, today)) {
        const sheet = await meetingAnswers(t.db, trainer, a.cohortId, a.meetingId, today);
        expect({ meeting: a.meetingId, deadline: a.deadline }).toEqual({ meeting: a.meetingId, deadline: sheet?.deadline });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(participants.length);
  });

  it("counts per meeting and lists per participant what is open, the same as the participants see it", async () => {
    const { cohort, trainer, p1, p2, p6 } = await demo();
    const id = await createMeeting(t.db, cohort.id, lesson({ date: daysFromToday(-10), assignmentDue: daysFromToday(-5) }), trainer);
    await handInAnswer(t.db, p1, id, "Antwoord 1.", today);
    await handInAnswer(t.db, p2, id, "Antwoord 2.", today);
    await reviewAnswer(t.db, trainer, { cohortId: cohort.id, meetingId: id, participantId: p1.id, feedback: "Goed.", markDone: true });
    const overview = (await cohortAssignmentOverview(t.db, trainer, cohort.id, today))!;
    const row = overview.meetings.find((s) => s.id === id)!;
    // Ten days ago: the returning deelnemer20 (back since two weeks ago) is expected too.
    expect(row).toMatchObject({ deadline: daysFromToday(-5), counts: { expected: 13, handedIn: 2, done: 1, waiting: 1, open: 11 } });
    const six = overview.participants.find((p) => p.id === p6.id)!;
    expect(six.open).toContainEqual({ meetingId: id, title: "Thema peer support", date: daysFromToday(-10), deadline: daysFromToday(-5), state: "late" });
    expect(overview.participants.find((p) => p.id === p1.id)!.open.map((o) => o.meetingId)).not.toContain(id);
    // Newest first.
    expect(overview.meetings.map((s) => s.date)).toEqual([...overview.meetings.map((s) => s.date)].sort().reverse());

    // Every participant's open list is exactly what they see themselves.
    for (const p of overview.participants) {
      const own = (await participantAssignments(t.db, { id: p.id }, today)).filter((a) => a.cohortId === cohort.id && isOpen(a.state));
      expect(p.open.map((o) => o.meetingId).sort()).toEqual(own.map((a) => a.meetingId).sort());
      const mine = (await participantAssignments(t.db, { id: p.id }, today)).filter((a) => a.cohortId === cohort.id);
      expect(p.waiting).toBe(mine.filter((a) => a.state === "handed_in").length);
      expect(p.done).toBe(mine.filter((a) => a.state === "done").length);
    }
  });
});
