import type { Transaction } from "kysely";
import type { DB } from "../../db/connect";
import type { Database, TrainingChoiceStatus, User } from "../../db/schema";
import type { PopContent } from "../rules/pop";
import { decideChoice, holdsPlace, nextFromWaitingList, PLACE_STATUSES, placesLeft } from "../rules/trainings";
import { audit } from "./audit.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { currentEnrolment } from "./enrolment.server";

type Q = DB | Transaction<Database>;

export interface ChoiceRow {
  id: number;
  participant_id: number;
  name: string;
  status: TrainingChoiceStatus;
  leerdoel: string | null;
  assigned_by_name: string | null;
  created_at: string;
}

export interface TrainingOffer {
  id: number;
  code: string;
  title: string;
  description: string;
  hours: number;
  capacity: number | null;
  taken: number;
  placesLeft: number | null;
  waiting: number;
  meetings: { id: number; date: string; start_time: string; end_time: string; status: "planned" | "cancelled" }[];
}

export interface ParticipantTrainings {
  cohortId: number;
  electiveHoursMax: number;
  chosenHours: number;
  trainings: (TrainingOffer & { mine: { id: number; status: TrainingChoiceStatus; leerdoel: string | null } | null; started: boolean })[];
  /** the goals ("doel") of the participant's current POP, to link a choice to */
  leerdoelen: string[];
}

async function enrolmentOf(db: Q, participantId: number) {
  return currentEnrolment(db, participantId);
}

/** The goals of the newest POP version, as written; empty when there is no POP yet. */
export async function currentLeerdoelen(db: Q, participantId: number): Promise<string[]> {
  const row = await db
    .selectFrom("pops as p")
    .innerJoin("pop_versions as v", (j) => j.onRef("v.pop_id", "=", "p.id").onRef("v.number", "=", "p.current_version"))
    .select("v.content")
    .where("p.participant_id", "=", participantId)
    .executeTakeFirst();
  if (!row) return [];
  const content = JSON.parse(row.content) as PopContent;
  return content.leerdoelen.map((l) => l.doel.trim()).filter((d) => d !== "");
}

/** The trainings of the cohort's leerlijn version, with places taken and planned meetings. */
async function offers(db: Q, cohortId: number): Promise<TrainingOffer[]> {
  const cohort = await db.selectFrom("cohorts").select("leerlijn_version_id").where("id", "=", cohortId).executeTakeFirstOrThrow();
  const trainings = await db
    .selectFrom("trainings")
    .select(["id", "code", "title", "description", "hours", "capacity"])
    .where("leerlijn_version_id", "=", cohort.leerlijn_version_id)
    .orderBy("position")
    .execute();
  const counts = await db
    .selectFrom("training_choices")
    .select(["training_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("cohort_id", "=", cohortId)
    .groupBy(["training_id", "status"])
    .execute();
  const meetings = await db
    .selectFrom("course_sessions")
    .select(["id", "training_id", "date", "start_time", "end_time", "status"])
    .where("cohort_id", "=", cohortId)
    .where("type", "=", "training")
    .orderBy("date")
    .orderBy("start_time")
    .execute();
  return trainings.map((t) => {
    const n = (statuses: readonly TrainingChoiceStatus[]) =>
      counts.filter((c) => c.training_id === t.id && statuses.includes(c.status)).reduce((a, c) => a + Number(c.n), 0);
    const taken = n(PLACE_STATUSES);
    return {
      ...t,
      taken,
      placesLeft: placesLeft(t.capacity, taken),
      waiting: n(["wachtlijst"]),
      meetings: meetings.filter((s) => s.training_id === t.id).map(({ training_id: _t, ...s }) => s),
    };
  });
}

async function myChoices(db: Q, participantId: number) {
  return db
    .selectFrom("training_choices as c")
    .innerJoin("trainings as t", "t.id", "c.training_id")
    .select(["c.id", "c.training_id", "c.status", "c.leerdoel", "c.created_at", "t.hours"])
    .where("c.participant_id", "=", participantId)
    .execute();
}

/** A training has started for this cohort once one of its meetings lies in the past. */
function hasStarted(offer: TrainingOffer, today: string): boolean {
  return offer.meetings.some((s) => s.status === "planned" && s.date < today);
}

export async function participantTrainings(db: DB, participant: Pick<User, "id">, today: string): Promise<ParticipantTrainings | null> {
  const enrolment = await enrolmentOf(db, participant.id);
  const template = enrolment ? await cohortTemplate(db, enrolment.cohort_id) : undefined;
  if (!enrolment || !template) return null;
  const list = await offers(db, enrolment.cohort_id);
  const mine = await myChoices(db, participant.id);
  return {
    cohortId: enrolment.cohort_id,
    electiveHoursMax: template.rules.electiveHoursMax,
    chosenHours: mine.reduce((a, c) => a + c.hours, 0),
    trainings: list.map((o) => {
      const m = mine.find((c) => c.training_id === o.id);
      return { ...o, mine: m ? { id: m.id, status: m.status, leerdoel: m.leerdoel } : null, started: hasStarted(o, today) };
    }),
    leerdoelen: await currentLeerdoelen(db, participant.id),
  };
}

const REASON_KEY = {
  alreadyChosen: "trainings.alreadyChosen",
  overLimit: "trainings.overLimit",
  full: "trainings.full",
} as const;

/** Gives the longest-waiting person the place that just came free, if any. */
async function promoteWaiting(trx: Transaction<Database>, cohortId: number, trainingId: number, now: Date): Promise<number | null> {
  const training = await trx.selectFrom("trainings").select("capacity").where("id", "=", trainingId).executeTakeFirstOrThrow();
  const choices = await trx
    .selectFrom("training_choices")
    .select(["id", "participant_id", "status", "created_at"])
    .where("cohort_id", "=", cohortId)
    .where("training_id", "=", trainingId)
    .execute();
  const taken = choices.filter((c) => holdsPlace(c.status)).length;
  if (training.capacity !== null && taken >= training.capacity) return null;
  const next = nextFromWaitingList(choices);
  if (!next) return null;
  await trx.updateTable("training_choices").set({ status: "gekozen", updated_at: now.toISOString() }).where("id", "=", next.id).execute();
  await audit(trx, {
    actor: null,
    action: "training.waitinglist.promote",
    target: { type: "training_choice", id: next.id },
    details: { participantId: next.participant_id, trainingId },
    at: now,
  });
  return next.participant_id;
}

export interface ChooseInput {
  trainingId: number;
  leerdoel: string | null;
  waitingList: boolean;
}

/**
 * A participant chooses a training of their own cohort's leerlijn. Refused beyond the elective
 * hours, when chosen already, or when full (unless they ask for the waiting list).
 */
export async function chooseTraining(
  db: DB,
  participant: Pick<User, "id">,
  input: ChooseInput,
  today: string,
  now = currentTime(),
): Promise<"gekozen" | "wachtlijst"> {
  return db.transaction().execute(async (trx) => {
    const enrolment = await enrolmentOf(trx, participant.id);
    const template = enrolment ? await cohortTemplate(trx, enrolment.cohort_id) : undefined;
    if (!enrolment || !template) throw new UserInputError("trainings.noCohort");
    const training = await trx
      .selectFrom("trainings as t")
      .innerJoin("cohorts as c", "c.leerlijn_version_id", "t.leerlijn_version_id")
      .select(["t.id", "t.hours", "t.capacity"])
      .where("t.id", "=", input.trainingId)
      .where("c.id", "=", enrolment.cohort_id)
      .executeTakeFirst();
    if (!training) throw new UserInputError("trainings.unknown");
    const started = await trx
      .selectFrom("course_sessions")
      .select("id")
      .where("cohort_id", "=", enrolment.cohort_id)
      .where("training_id", "=", training.id)
      .where("status", "=", "planned")
      .where("date", "<", today)
      .executeTakeFirst();
    if (started) throw new UserInputError("trainings.startedNoChoice");
    const leerdoel = input.leerdoel?.trim() || null;
    if (leerdoel && !(await currentLeerdoelen(trx, participant.id)).includes(leerdoel)) throw new UserInputError("trainings.leerdoelUnknown", "leerdoel");
    const mine = await myChoices(trx, participant.id);
    const taken = await trx
      .selectFrom("training_choices")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("cohort_id", "=", enrolment.cohort_id)
      .where("training_id", "=", training.id)
      .where("status", "in", PLACE_STATUSES)
      .executeTakeFirstOrThrow();
    const decision = decideChoice({
      chosenHours: mine.filter((c) => c.training_id !== training.id).reduce((a, c) => a + c.hours, 0),
      trainingHours: training.hours,
      electiveHoursMax: template.rules.electiveHoursMax,
      alreadyChosen: mine.some((c) => c.training_id === training.id),
      capacity: training.capacity,
      taken: Number(taken.n),
      waitingListWanted: input.waitingList,
    });
    if (!decision.ok) throw new UserInputError(REASON_KEY[decision.reason]);
    const stamp = now.toISOString();
    const row = await trx
      .insertInto("training_choices")
      .values({
        cohort_id: enrolment.cohort_id,
        participant_id: participant.id,
        training_id: training.id,
        status: decision.status,
        leerdoel,
        assigned_by: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: { id: participant.id, role: "participant" },
      action: "training.choose",
      target: { type: "training_choice", id: row.id },
      details: { trainingId: training.id, status: decision.status },
      at: now,
    });
    return decision.status;
  });
}

/** A participant withdraws a choice, until the training has started; a waiting person moves up. */
export async function withdrawTraining(db: DB, participant: Pick<User, "id">, trainingId: number, today: string, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const choice = await trx
      .selectFrom("training_choices")
      .select(["id", "cohort_id", "status"])
      .where("participant_id", "=", participant.id)
      .where("training_id", "=", trainingId)
      .executeTakeFirst();
    if (!choice) throw new UserInputError("trainings.notChosen");
    const started = await trx
      .selectFrom("course_sessions")
      .select("id")
      .where("cohort_id", "=", choice.cohort_id)
      .where("training_id", "=", trainingId)
      .where("status", "=", "planned")
      .where("date", "<", today)
      .executeTakeFirst();
    if (started && choice.status !== "wachtlijst") throw new UserInputError("trainings.alreadyStarted");
    await trx.deleteFrom("training_choices").where("id", "=", choice.id).execute();
    await audit(trx, {
      actor: { id: participant.id, role: "participant" },
      action: "training.withdraw",
      target: { type: "training_choice", id: choice.id },
      details: { trainingId },
      at: now,
    });
    if (holdsPlace(choice.status)) await promoteWaiting(trx, choice.cohort_id, trainingId, now);
  });
}

export interface CohortTrainings {
  electiveHoursMax: number;
  trainings: (TrainingOffer & { choices: ChoiceRow[] })[];
  /** every participant with the elective hours they chose, for placing people */
  participants: { id: number; name: string; chosenHours: number }[];
}

/** The trainer's view: per training who chose it, in which status, for which goal. */
export async function cohortTrainings(db: DB, cohortId: number): Promise<CohortTrainings> {
  const template = await cohortTemplate(db, cohortId);
  const list = await offers(db, cohortId);
  const choices = await db
    .selectFrom("training_choices as c")
    .innerJoin("users as u", "u.id", "c.participant_id")
    .leftJoin("users as a", "a.id", "c.assigned_by")
    .select(["c.id", "c.participant_id", "u.name", "c.status", "c.leerdoel", "a.name as assigned_by_name", "c.created_at", "c.training_id"])
    .where("c.cohort_id", "=", cohortId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .execute();
  const hours = new Map(list.map((t) => [t.id, t.hours]));
  const members = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name"])
    .where("e.cohort_id", "=", cohortId)
    .orderBy("u.name")
    .execute();
  return {
    electiveHoursMax: template?.rules.electiveHoursMax ?? 0,
    trainings: list.map((t) => ({
      ...t,
      choices: choices
        .filter((c) => c.training_id === t.id)
        .map(({ training_id: _t, ...c }) => c)
        // places first, the waiting list after, each in the order they chose
        .sort((a, b) => Number(a.status === "wachtlijst") - Number(b.status === "wachtlijst")),
    })),
    participants: members.map((m) => ({
      ...m,
      chosenHours: choices.filter((c) => c.participant_id === m.id).reduce((a, c) => a + (hours.get(c.training_id) ?? 0), 0),
    })),
  };
}

async function staffChoice(trx: Transaction<Database>, cohortId: number, choiceId: number) {
  const choice = await trx
    .selectFrom("training_choices")
    .select(["id", "participant_id", "training_id", "status", "cohort_id"])
    .where("id", "=", choiceId)
    .where("cohort_id", "=", cohortId)
    .executeTakeFirst();
  if (!choice) throw new UserInputError("trainings.choiceUnknown");
  return choice;
}

async function roomIn(trx: Transaction<Database>, cohortId: number, trainingId: number, exceptChoiceId?: number): Promise<boolean> {
  const training = await trx.selectFrom("trainings").select("capacity").where("id", "=", trainingId).executeTakeFirstOrThrow();
  if (training.capacity === null) return true;
  let q = trx
    .selectFrom("training_choices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("cohort_id", "=", cohortId)
    .where("training_id", "=", trainingId)
    .where("status", "in", PLACE_STATUSES);
  if (exceptChoiceId) q = q.where("id", "!=", exceptChoiceId);
  const taken = await q.executeTakeFirstOrThrow();
  return Number(taken.n) < training.capacity;
}

/** A trainer confirms a choice; a waiting-list choice only when a place is free. */
export async function confirmChoice(db: DB, actor: Actor, cohortId: number, choiceId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const choice = await staffChoice(trx, cohortId, choiceId);
    if (choice.status === "bevestigd") return;
    if (choice.status === "wachtlijst" && !(await roomIn(trx, cohortId, choice.training_id))) throw new UserInputError("trainings.full");
    await trx.updateTable("training_choices").set({ status: "bevestigd", updated_at: now.toISOString() }).where("id", "=", choice.id).execute();
    await audit(trx, {
      actor,
      action: "training.confirm",
      target: { type: "training_choice", id: choice.id },
      details: { participantId: choice.participant_id },
      at: now,
    });
  });
}

async function trainingOfCohort(trx: Transaction<Database>, cohortId: number, trainingId: number) {
  const t = await trx
    .selectFrom("trainings as t")
    .innerJoin("cohorts as c", "c.leerlijn_version_id", "t.leerlijn_version_id")
    .select(["t.id", "t.hours", "t.capacity"])
    .where("t.id", "=", trainingId)
    .where("c.id", "=", cohortId)
    .executeTakeFirst();
  if (!t) throw new UserInputError("trainings.unknown", "trainingId");
  return t;
}

async function electiveCheck(trx: Transaction<Database>, cohortId: number, participantId: number, addHours: number, exceptChoiceId?: number) {
  const template = await cohortTemplate(trx, cohortId);
  const mine = (await myChoices(trx, participantId)).filter((c) => c.id !== exceptChoiceId);
  if (mine.reduce((a, c) => a + c.hours, 0) + addHours > (template?.rules.electiveHoursMax ?? 0) + 1e-9) throw new UserInputError("trainings.overLimitFor");
  return mine;
}

/** A trainer moves a participant from one training to another (confirmed in the new one). */
export async function moveChoice(db: DB, actor: Actor, cohortId: number, choiceId: number, toTrainingId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const choice = await staffChoice(trx, cohortId, choiceId);
    const target = await trainingOfCohort(trx, cohortId, toTrainingId);
    if (target.id === choice.training_id) throw new UserInputError("trainings.sameTraining", "trainingId");
    const mine = await electiveCheck(trx, cohortId, choice.participant_id, target.hours, choice.id);
    if (mine.some((c) => c.training_id === target.id)) throw new UserInputError("trainings.alreadyChosenFor", "trainingId");
    if (!(await roomIn(trx, cohortId, target.id))) throw new UserInputError("trainings.full", "trainingId");
    await trx
      .updateTable("training_choices")
      .set({ training_id: target.id, status: "bevestigd", assigned_by: actor.id, updated_at: now.toISOString() })
      .where("id", "=", choice.id)
      .execute();
    await audit(trx, {
      actor,
      action: "training.move",
      target: { type: "training_choice", id: choice.id },
      details: { participantId: choice.participant_id, from: choice.training_id, to: target.id },
      at: now,
    });
    if (holdsPlace(choice.status)) await promoteWaiting(trx, cohortId, choice.training_id, now);
  });
}

/** A trainer places a participant of the cohort in a training (confirmed at once). */
export async function assignTraining(db: DB, actor: Actor, cohortId: number, participantId: number, trainingId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("enrolments")
      .select("participant_id")
      .where("cohort_id", "=", cohortId)
      .where("participant_id", "=", participantId)
      .executeTakeFirst();
    if (!member) throw new UserInputError("trainings.participantUnknown", "participantId");
    const target = await trainingOfCohort(trx, cohortId, trainingId);
    const mine = await electiveCheck(trx, cohortId, participantId, target.hours);
    if (mine.some((c) => c.training_id === target.id)) throw new UserInputError("trainings.alreadyChosenFor", "trainingId");
    if (!(await roomIn(trx, cohortId, target.id))) throw new UserInputError("trainings.full", "trainingId");
    const stamp = now.toISOString();
    const row = await trx
      .insertInto("training_choices")
      .values({
        cohort_id: cohortId,
        participant_id: participantId,
        training_id: target.id,
        status: "bevestigd",
        leerdoel: null,
        assigned_by: actor.id,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor,
      action: "training.assign",
      target: { type: "training_choice", id: row.id },
      details: { participantId, trainingId: target.id },
      at: now,
    });
  });
}

/** A trainer takes a participant out of a training; a waiting person moves up. */
export async function removeChoice(db: DB, actor: Actor, cohortId: number, choiceId: number, now = currentTime()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const choice = await staffChoice(trx, cohortId, choiceId);
    await trx.deleteFrom("training_choices").where("id", "=", choice.id).execute();
    await audit(trx, {
      actor,
      action: "training.remove",
      target: { type: "training_choice", id: choice.id },
      details: { participantId: choice.participant_id, trainingId: choice.training_id },
      at: now,
    });
    if (holdsPlace(choice.status)) await promoteWaiting(trx, cohortId, choice.training_id, now);
  });
}
