import { randomBytes } from "node:crypto";
import { createDb, type DB } from "../../db/connect";
import { seedFinishedCohort } from "../../demo/finished";
import { addDays, mondayWeeksBefore } from "../../demo/history";
import { currentTime } from "../../app/clock.server";
import type { Role, MeetingTypeCode } from "../../db/schema";
import { createCohort, enrolParticipant } from "../../app/services/cohorts.server";
import { emptyLeerdoel } from "../../app/rules/pop";
import { saveAttendance } from "../../app/services/attendance.server";
import { intervisieSettings, saveGroup, saveIntervisieReport } from "../../app/services/intervisie.server";
import { popContext, savePop, submitPop } from "../../app/services/pop.server";
import { savePlacement } from "../../app/services/practice.server";
import { createMeeting, getMeeting, type MeetingInput } from "../../app/services/schedule.server";
import { chooseTraining, confirmChoice } from "../../app/services/trainings.server";
import { daysFromToday, TODAY } from "../support/clock";
import { FACTORY_PASSWORD, makeUser } from "../support/factories";
import { readServerInfo } from "./server-info";

/**
 * Factories for the browser tests. All e2e files share one app server and one SQLite database,
 * and jest runs the files in a shuffled order (tests/support/shuffle-sequencer.cjs), possibly
 * several at once. A test that changes something (saves, signs, approves, locks out, anonymises…)
 * therefore makes the people, group and meetings it changes here, with names and e-mail addresses
 * no other file uses, and leaves the demo data as it found it.
 *
 * Everything is written through a second connection to the server's SQLite file (WAL mode lets
 * the server read it at once) with the app's own services where there is one. The server's cache
 * of a group's progress follows version counters that database triggers move on every write
 * (migration 0011), so the server sees these rows on the next request.
 */

/** The password of every person made here (one real scrypt hash, shared: hashing is slow). */
export const E2E_PASSWORD = FACTORY_PASSWORD;

export interface Person {
  id: number;
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface Group {
  id: number;
  name: string;
  trainer: Person;
  participants: Person[];
}

let counter = 0;
/** A tag no other test process makes: the process id, a counter and a few random letters. */
export function uniqueTag(): string {
  counter += 1;
  const letters = [...randomBytes(4)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
  return `${process.pid.toString(36)}${counter}${letters}`;
}

/** Opens the shared server's database for the duration of `fn`. */
export async function withServerDb<T>(fn: (db: DB) => Promise<T>): Promise<T> {
  const db = createDb(readServerInfo().dbFile);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const FIRST_NAMES: Record<Role, string> = {
  participant: "Deelnemer",
  trainer: "Trainer",
  coordinator: "Coördinator",
  examiner: "Examinator",
  team_coordinator: "Buurtteamcoördinator",
};

/**
 * An active account with E2E_PASSWORD. The name ends in a unique tag (letters only), so a test can
 * look for it on any page without meeting someone else's; `name` replaces the first part.
 */
export async function makePerson(db: DB, role: Role, name?: string): Promise<Person> {
  const tag = uniqueTag();
  const letters =
    tag.replace(/[^a-z]/g, "") +
    tag
      .replace(/[^0-9]/g, "")
      .split("")
      .map((d) => String.fromCharCode(97 + Number(d)))
      .join("");
  const fullName = `${name ?? FIRST_NAMES[role]} ${letters.charAt(0).toUpperCase()}${letters.slice(1)}`;
  const user = await makeUser(db, { role, name: fullName, email: `${role}-${tag}@e2e.leerlijn.test` });
  return { id: user.id, email: user.email, name: user.name, role, password: E2E_PASSWORD };
}

/** The newest version of the demo's leerlijn (the one every demo group follows). */
export async function leerlijnVersionId(db: DB): Promise<number> {
  const v = await db
    .selectFrom("leerlijn_versions as v")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select("v.id")
    .where("l.slug", "=", "leerlijn-buurtteams")
    .orderBy("v.version", "desc")
    .executeTakeFirstOrThrow();
  return v.id;
}

/** The demo coordinator, as the actor of what is made here (only read, never changed). */
async function coordinatorActor(db: DB) {
  const c = await db.selectFrom("users").select(["id", "role"]).where("email", "=", "coordinator@leerlijn.test").executeTakeFirstOrThrow();
  return { id: c.id, role: c.role };
}

/**
 * A group (cohort) of its own: ten weeks under way like the demo group, with a trainer of its own
 * (or the given ones) and `participants` new participants enrolled in it.
 */
export async function makeGroup(
  db: DB,
  opts: { participants?: number | string[]; trainers?: Person[]; name?: string; startDate?: string; endDate?: string } = {},
): Promise<Group> {
  const trainers = opts.trainers ?? [await makePerson(db, "trainer")];
  const name = opts.name ?? `Groep ${uniqueTag()}`;
  const id = await createCohort(
    db,
    {
      name,
      startDate: opts.startDate ?? daysFromToday(-70),
      endDate: opts.endDate ?? daysFromToday(105),
      leerlijnVersionId: await leerlijnVersionId(db),
      trainerIds: trainers.map((t) => t.id),
    },
    await coordinatorActor(db),
  );
  const wanted = opts.participants ?? 0;
  const names = typeof wanted === "number" ? Array.from({ length: wanted }, () => undefined) : wanted;
  const participants: Person[] = [];
  for (const n of names) {
    const p = await makePerson(db, "participant", n);
    await enrol(db, id, p);
    participants.push(p);
  }
  // In since the group's first day, as in the demo: every meeting of the group counts for them.
  const start = opts.startDate ?? daysFromToday(-70);
  if (participants.length > 0 && start < TODAY) {
    await db
      .updateTable("enrolments")
      .set({ enrolled_at: `${start}T00:00:00.000Z` })
      .where("cohort_id", "=", id)
      .execute();
  }
  return { id, name, trainer: trainers[0], participants };
}

/** Enrols a participant in a group (the participant may be in no other group). */
export async function enrol(db: DB, cohortId: number, participant: Pick<Person, "id">): Promise<void> {
  await enrolParticipant(db, cohortId, participant.id, await coordinatorActor(db));
}

/** A meeting (a row of course_sessions) of a group; by default a lesson a month ahead, led by the group's trainer. */
export async function makeMeeting(
  db: DB,
  group: Pick<Group, "id" | "trainer">,
  input: Partial<MeetingInput> & { type?: MeetingTypeCode } = {},
): Promise<number> {
  return createMeeting(
    db,
    group.id,
    {
      type: "les",
      title: `Bijeenkomst ${uniqueTag()}`,
      date: daysFromToday(30),
      startTime: "13:00",
      endTime: "15:00",
      location: "Buurthuis",
      onlineUrl: null,
      trainerIds: [group.trainer.id],
      trainingId: null,
      intervisieGroupId: null,
      programme: [],
      assignment: null,
      ...input,
    },
    { id: group.trainer.id, role: "trainer" },
  );
}

/** An intervisie group inside a group, with the given participants as members. */
export async function makeIntervisieGroup(db: DB, group: Pick<Group, "id" | "trainer">, members: Pick<Person, "id">[]): Promise<number> {
  return saveGroup(db, group.id, { name: `Intervisiegroep ${uniqueTag()}`, memberIds: members.map((m) => m.id) }, { id: group.trainer.id, role: "trainer" });
}

/** The participant's practice place with a werkbegeleider, needed before asking for a sign-off link. */
export async function makePlacement(db: DB, participant: Pick<Person, "id">): Promise<void> {
  await savePlacement(db, { id: participant.id, role: "participant" }, participant.id, {
    organisation: "Buurtteam Oost",
    team: "Team Dapperbuurt",
    supervisorName: "Joke Werkbegeleider",
    supervisorEmail: `werkbegeleider-${uniqueTag()}@buurtteam.test`,
    supervisorPhone: null,
  });
}

/**
 * The participant chooses a training (by its code in the leerlijn, e.g. "beter-vragen-stellen");
 * with `confirmedBy` the group's trainer then confirms the place, as for a training already given.
 */
export async function chooseTrainingFor(db: DB, participant: Pick<Person, "id">, code: string, confirmedBy?: Pick<Group, "id" | "trainer">): Promise<void> {
  const training = await db
    .selectFrom("trainings")
    .select("id")
    .where("leerlijn_version_id", "=", await leerlijnVersionId(db))
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  await chooseTraining(db, participant, { trainingId: training.id, leerdoel: null, waitingList: false }, TODAY);
  if (confirmedBy) {
    const choice = await db
      .selectFrom("training_choices")
      .select("id")
      .where("participant_id", "=", participant.id)
      .where("training_id", "=", training.id)
      .executeTakeFirstOrThrow();
    await confirmChoice(db, { id: confirmedBy.trainer.id, role: "trainer" }, confirmedBy.id, choice.id);
  }
}

/** A POP with two complete leerdoelen, handed in to the trainer (status "ingediend"). */
export async function makeSubmittedPop(db: DB, participant: Pick<Person, "id">): Promise<void> {
  const goal = (doel: string, competentie: string) => ({
    ...emptyLeerdoel(),
    doel,
    competentie,
    acties: "Ik oefen in de training en schrijf na elk gesprek op wat ik deed.",
    wieHelpt: "Mijn trainer en mijn werkbegeleider in het buurtteam.",
    wanneer: "Voor het eind van de leerlijn.",
    bewijs: "Een kort verslag van drie gesprekken.",
  });
  const owner = { id: participant.id, role: "participant" as const };
  await savePop(db, owner, {
    content: {
      wieBenIk: "",
      sterkeKanten: "Ik ken de buurt en de mensen die er wonen.",
      ontwikkelpunten: "Ik wil beter leren samenwerken met sociaal werkers.",
      leerdoelen: [goal("In elk gesprek stel ik minstens drie open vragen.", "contact"), goal("Ik deel mijn eigen verhaal alleen kort.", "eigen-ervaring")],
    },
    storyConsent: false,
  });
  const problems = await submitPop(db, owner, (await popContext(db, owner, owner.id))!);
  if (problems.length > 0) throw new Error(`POP not handed in: ${JSON.stringify(problems)}`);
}

/**
 * A group that finished its course, made the way the demo makes its finished group (the same
 * seeding code, on this group): one participant certified, one ready for the final interview
 * (planned in three days with the two demo examiners as assessors), one who left, one behind.
 */
export async function makeFinishedGroup(db: DB): Promise<Group & { certified: Person; ready: Person; left: Person; behind: Person }> {
  const start = mondayWeeksBefore(currentTime(), 30);
  const group = await makeGroup(db, { participants: 4, startDate: start, endDate: addDays(start, 20 * 7 - 3) });
  const [certified, ready, left, behind] = group.participants;
  const examiner = async (email: string) => {
    const e = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return { id: e.id, role: "examiner" as const };
  };
  await seedFinishedCohort(db, {
    cohortId: group.id,
    start,
    trainer: { id: group.trainer.id, role: "trainer", name: group.trainer.name },
    examiners: [await examiner("examinator@leerlijn.test"), await examiner("examinator2@leerlijn.test")],
    participants: { certified: certified.id, ready: ready.id, left: left.id, behind: behind.id },
    verifyBase: readServerInfo().url,
    now: currentTime(),
  });
  return { ...group, certified, ready, left, behind };
}

/**
 * An intervisie meeting a week ago of an intervisie group made of `members`: everyone present and
 * the trainer's record written, so each member can write a reflection on it.
 */
export async function makeHeldIntervisie(db: DB, group: Pick<Group, "id" | "trainer">, members: Pick<Person, "id">[]): Promise<number> {
  const intervisieGroupId = await makeIntervisieGroup(db, group, members);
  const id = await makeMeeting(db, group, { type: "intervisie", title: `Intervisie ${uniqueTag()}`, date: daysFromToday(-7), intervisieGroupId });
  const actor = { id: group.trainer.id, role: "trainer" as const };
  const meeting = (await getMeeting(db, group.id, id))!;
  await saveAttendance(
    db,
    meeting,
    { revision: 0, rows: members.map((m) => ({ participantId: m.id, status: "aanwezig" as const, minutesMissed: 0, active: true, note: null })) },
    actor,
  );
  const method = (await intervisieSettings(db, group.id)).methods[0]!.code;
  await saveIntervisieReport(
    db,
    (await getMeeting(db, group.id, id))!,
    { method, methodOther: null, inbrengerId: null, theme: "Grenzen bewaken", learningPoints: "Vooraf afspreken wat je deelt." },
    actor,
  );
  return id;
}
