import { DEMO_COHORT } from "../../demo/seed";
import { expectedParticipants } from "../../app/services/attendance.server";
import {
  assignTraining,
  chooseTraining,
  cohortTrainings,
  confirmChoice,
  moveChoice,
  participantTrainings,
  removeChoice,
  withdrawTraining,
} from "../../app/services/trainings.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const TODAY = currentTime().toISOString().slice(0, 10);

async function ctx() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const trainings = await t.db.selectFrom("trainings").selectAll().where("leerlijn_version_id", "=", cohort.leerlijn_version_id).execute();
  const byCode = (code: string) => trainings.find((x) => x.code === code)!;
  return { cohort, trainer, byCode };
}

async function newMember() {
  const { cohort, trainer } = await ctx();
  const p = await makeUser(t.db);
  await enrolParticipant(t.db, cohort.id, p.id, trainer);
  return p;
}

describe("choosing trainings", () => {
  it("shows the catalogue with hours, places, dates and the participant's own choices", async () => {
    const p12 = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    const offer = (await participantTrainings(t.db, p12, TODAY))!;
    expect(offer.electiveHoursMax).toBe(12);
    expect(offer.chosenHours).toBe(6);
    const verbindend = offer.trainings.find((x) => x.code === "verbindend-communiceren")!;
    expect(verbindend.mine).toBeNull();
    expect(verbindend.meetings.length).toBeGreaterThan(0);
    expect(verbindend.started).toBe(false);
    expect(verbindend.placesLeft).toBe(12 - verbindend.taken);
    expect(offer.trainings.find((x) => x.code === "beter-vragen-stellen")!.mine?.status).toBe("bevestigd");
  });

  it("lets a participant choose within the elective hours and puts them on the attendance list", async () => {
    const { byCode, cohort } = await ctx();
    const p12 = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    const verbindend = byCode("verbindend-communiceren");
    await expect(chooseTraining(t.db, p12, { trainingId: verbindend.id, leerdoel: null, waitingList: false }, TODAY)).resolves.toBe("gekozen");
    const meeting = await t.db
      .selectFrom("course_sessions")
      .selectAll()
      .where("cohort_id", "=", cohort.id)
      .where("training_id", "=", verbindend.id)
      .executeTakeFirstOrThrow();
    const expected = await expectedParticipants(t.db, meeting);
    expect(expected.map((e) => e.id)).toContain(p12.id);
    // Nobody without a place is expected: the list is exactly those with a place.
    const places = await t.db
      .selectFrom("training_choices")
      .select("participant_id")
      .where("training_id", "=", verbindend.id)
      .where("status", "in", ["gekozen", "bevestigd"])
      .execute();
    expect(expected.map((e) => e.id).sort()).toEqual(places.map((x) => x.participant_id).sort());
    // A third training would go beyond 12 hours: refused, nothing stored.
    const before = await t.db.selectFrom("training_choices").select("id").where("participant_id", "=", p12.id).execute();
    await expect(chooseTraining(t.db, p12, { trainingId: byCode("grenzen-stellen").id, leerdoel: null, waitingList: false }, TODAY)).rejects.toMatchObject({
      messageKey: expect.stringMatching(/^trainings\.(overLimit|startedNoChoice)$/),
    });
    expect(await t.db.selectFrom("training_choices").select("id").where("participant_id", "=", p12.id).execute()).toHaveLength(before.length);
  });

  it("refuses a training of another leerlijn version and a leerdoel that is not in the POP", async () => {
    const { byCode } = await ctx();
    const p = await newMember();
    await expect(chooseTraining(t.db, p, { trainingId: 999999, leerdoel: null, waitingList: false }, TODAY)).rejects.toMatchObject({
      messageKey: "trainings.unknown",
    });
    await expect(
      chooseTraining(t.db, p, { trainingId: byCode("verbindend-communiceren").id, leerdoel: "Iets dat niet in mijn POP staat", waitingList: false }, TODAY),
    ).rejects.toMatchObject({ messageKey: "trainings.leerdoelUnknown" });
  });

  it("links a choice to a leerdoel from the participant's POP", async () => {
    const { byCode } = await ctx();
    const p7 = await userByEmail(t.db, "deelnemer7@leerlijn.test"); // no POP yet
    const offer7 = (await participantTrainings(t.db, p7, TODAY))!;
    expect(offer7.leerdoelen).toEqual([]);
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const offer1 = (await participantTrainings(t.db, p1, TODAY))!;
    expect(offer1.leerdoelen).toContain("In elk gesprek stel ik minstens drie open vragen.");
    expect(offer1.trainings.find((x) => x.id === byCode("beter-vragen-stellen").id)?.mine?.leerdoel).toBe("In elk gesprek stel ik minstens drie open vragen.");
  });

  it("says a full training is full, offers the waiting list, and moves the first waiting person up when a place frees", async () => {
    const { cohort, trainer, byCode } = await ctx();
    const verbindend = byCode("verbindend-communiceren");
    // Fill the training to capacity with new members.
    const overview = await cohortTrainings(t.db, cohort.id);
    const free = overview.trainings.find((x) => x.id === verbindend.id)!.placesLeft!;
    const fillers = [];
    for (let i = 0; i < free; i++) {
      const p = await newMember();
      await chooseTraining(t.db, p, { trainingId: verbindend.id, leerdoel: null, waitingList: false }, TODAY);
      fillers.push(p);
    }
    const late = await newMember();
    await expect(chooseTraining(t.db, late, { trainingId: verbindend.id, leerdoel: null, waitingList: false }, TODAY)).rejects.toMatchObject({
      messageKey: "trainings.full",
    });
    await expect(chooseTraining(t.db, late, { trainingId: verbindend.id, leerdoel: null, waitingList: true }, TODAY)).resolves.toBe("wachtlijst");
    const lateChoice = await t.db.selectFrom("training_choices").selectAll().where("participant_id", "=", late.id).executeTakeFirstOrThrow();
    // The waiting list is not expected at the meeting.
    const meeting = await t.db
      .selectFrom("course_sessions")
      .selectAll()
      .where("training_id", "=", verbindend.id)
      .where("cohort_id", "=", cohort.id)
      .executeTakeFirstOrThrow();
    expect((await expectedParticipants(t.db, meeting)).map((e) => e.id)).not.toContain(late.id);
    // A trainer cannot confirm a waiting-list choice while the training is full.
    await expect(confirmChoice(t.db, trainer, cohort.id, lateChoice.id)).rejects.toMatchObject({ messageKey: "trainings.full" });
    // One filler withdraws: the waiting person gets the place.
    await withdrawTraining(t.db, fillers[0], verbindend.id, TODAY);
    const promoted = await t.db.selectFrom("training_choices").select("status").where("id", "=", lateChoice.id).executeTakeFirstOrThrow();
    expect(promoted.status).toBe("gekozen");
    expect((await expectedParticipants(t.db, meeting)).map((e) => e.id)).toContain(late.id);
    const log = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "training.waitinglist.promote")
      .where("target_id", "=", String(lateChoice.id))
      .execute();
    expect(log).toHaveLength(1);
  });

  it("lets the trainer confirm, move, place and remove, with the same limits", async () => {
    const { cohort, trainer, byCode } = await ctx();
    const p = await newMember();
    // Place in grenzen-stellen directly: confirmed, recorded as placed by the trainer.
    await assignTraining(t.db, trainer, cohort.id, p.id, byCode("grenzen-stellen").id);
    const choice = await t.db.selectFrom("training_choices").selectAll().where("participant_id", "=", p.id).executeTakeFirstOrThrow();
    expect(choice).toMatchObject({ status: "bevestigd", assigned_by: trainer.id });
    await expect(assignTraining(t.db, trainer, cohort.id, p.id, byCode("grenzen-stellen").id)).rejects.toMatchObject({
      messageKey: "trainings.alreadyChosenFor",
    });
    // Move to beter-vragen-stellen.
    await moveChoice(t.db, trainer, cohort.id, choice.id, byCode("beter-vragen-stellen").id);
    const moved = await t.db.selectFrom("training_choices").selectAll().where("id", "=", choice.id).executeTakeFirstOrThrow();
    expect(moved.training_id).toBe(byCode("beter-vragen-stellen").id);
    await assignTraining(t.db, trainer, cohort.id, p.id, byCode("grenzen-stellen").id);
    // 12 hours now: a third is over the limit.
    await expect(assignTraining(t.db, trainer, cohort.id, p.id, byCode("verbindend-communiceren").id)).rejects.toMatchObject({
      messageKey: "trainings.overLimitFor",
    });
    await removeChoice(t.db, trainer, cohort.id, choice.id);
    expect(await t.db.selectFrom("training_choices").select("id").where("id", "=", choice.id).executeTakeFirst()).toBeUndefined();
    const actions = (
      await t.db.selectFrom("audit_log").select("action").where("actor_id", "=", trainer.id).where("action", "like", "training.%").execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["training.assign", "training.move", "training.remove"]));
  });

  it("gives another cohort's trainer nothing to change: choices are looked up within the cohort", async () => {
    const { cohort, byCode } = await ctx();
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    const other = await cohortByName(t.db, "Leerlijn Buurtteams 2027-1");
    const choice = await t.db.selectFrom("training_choices").select("id").where("cohort_id", "=", cohort.id).executeTakeFirstOrThrow();
    await expect(removeChoice(t.db, trainer2, other.id, choice.id)).rejects.toMatchObject({ messageKey: "trainings.choiceUnknown" });
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    await expect(assignTraining(t.db, trainer2, other.id, p1.id, byCode("verbindend-communiceren").id)).rejects.toMatchObject({
      messageKey: "trainings.participantUnknown",
    });
  });

  it("refuses withdrawing after the training has started, and choosing a started training", async () => {
    const { byCode } = await ctx();
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    await expect(withdrawTraining(t.db, p1, byCode("beter-vragen-stellen").id, TODAY)).rejects.toMatchObject({ messageKey: "trainings.alreadyStarted" });
    const p = await newMember();
    await expect(chooseTraining(t.db, p, { trainingId: byCode("grenzen-stellen").id, leerdoel: null, waitingList: false }, TODAY)).rejects.toMatchObject({
      messageKey: "trainings.startedNoChoice",
    });
  });
});
