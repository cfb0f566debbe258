import type { DB } from "../db/connect";
import type { Role } from "../db/schema";
import { hashPassword } from "../app/services/password.server";
import { addDays, isoDate, mondayWeeksBefore, seedDemoHistory } from "./history";
import { seedDemoEvaluations, seedDemoSeries } from "./series";
import { seedDemoPractice } from "./practice";
import { seedFinishedCohort } from "./finished";
import { seedDemoAssignments } from "./assignments";
import { seedDemoAbsenceAndHybrid } from "./absence";
import { seedDemoReturning } from "./returning";
import { seedDemoLessonPlanMeeting } from "./lesson-plans";
import { seedDemoPoolRequest } from "./pool-requests";
import { seedDemoGop, seedDemoPops } from "./pops";
import { seedDemoPool } from "./pool";
import { seedDemoBuurtteams } from "./buurtteams";
import { seedDemoAlumniIntervisie } from "./alumni-intervisie";
import { currentTime } from "../app/clock.server";

export const DEMO_PASSWORD = "leerlijn-demo";

interface DemoPerson {
  email: string;
  name: string;
  role: Role;
}

/** Invented people with realistic Amsterdam names; none of them is a real person. */
export const DEMO_STAFF: DemoPerson[] = [
  { email: "coordinator@leerlijn.test", name: "Esther de Groot", role: "coordinator" },
  { email: "trainer@leerlijn.test", name: "Marieke Hoekstra", role: "trainer" },
  { email: "trainer2@leerlijn.test", name: "Youssef Benali", role: "trainer" },
  { email: "examinator@leerlijn.test", name: "Henk Mulder", role: "examiner" },
  { email: "examinator2@leerlijn.test", name: "Karin Smits", role: "examiner" },
  { email: "buurtteam@leerlijn.test", name: "Nadia Wijngaarde", role: "team_coordinator" },
];

export const DEMO_PARTICIPANT_NAMES = [
  "Fatima El Amrani",
  "Jeroen de Vries",
  "Sevda Yılmaz",
  "Ricardo Martina",
  "Anouk Jansen",
  "Priya Ramdin",
  "Kees Visser",
  "Naima Bouzid",
  "Dewi Kartosen",
  "Tom van Dijk",
  "Samira Haddou",
  "Linda Kok",
];

/** Two more participants in the second cohort, so "another trainer's group" exists in the demo. */
export const DEMO_OTHER_PARTICIPANT_NAMES = ["Bram Smit", "Aïcha Toure"];

/**
 * A cohort that has finished: certified, ready for the interview (planned), left, behind on
 * practice, ready for the interview with none planned yet, and one who left for their health and
 * came back in the running cohort (DEMO_RETURNING).
 */
export const DEMO_FINISHED_PARTICIPANT_NAMES = ["Lotte Brouwer", "Hamza Ouali", "Wilma Veenstra", "Joost Bakker", "Orlando Pinas", "Ingrid Hofman"];

/** The participant who came back after a break (issue 29, point 9): left the finished cohort, now in DEMO_COHORT. */
export const DEMO_RETURNING = { email: "deelnemer20@leerlijn.test", name: "Ingrid Hofman" };
/** Ready for the final interview, none planned yet (issue 29, point 1: "Te doen"). */
export const DEMO_CANDIDATE = { email: "deelnemer19@leerlijn.test", name: "Orlando Pinas" };

/**
 * Alumni of an older cohort (issue 31): all three certified and in the pool of
 * ervaringsdeskundigen, so a buurtteam's request has people to suggest.
 */
export const DEMO_ALUMNI_NAMES = ["Mustafa Yıldız", "Rachelle Doelwijt", "Bas Koster"];

export const DEMO_COHORT = "Leerlijn Buurtteams 2026-1";
export const DEMO_COHORT_2 = "Leerlijn Buurtteams 2027-1";
export const DEMO_COHORT_FINISHED = "Leerlijn Buurtteams 2025-2";
export const DEMO_COHORT_ALUMNI = "Leerlijn Buurtteams 2025-1";

export function demoParticipants(): DemoPerson[] {
  return [...DEMO_PARTICIPANT_NAMES, ...DEMO_OTHER_PARTICIPANT_NAMES, ...DEMO_FINISHED_PARTICIPANT_NAMES, ...DEMO_ALUMNI_NAMES].map((name, i) => ({
    email: `deelnemer${i + 1}@leerlijn.test`,
    name,
    role: "participant" as const,
  }));
}

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !row;
}

/** Demo data for an empty database. Does nothing when anyone exists already. */
export async function seedDemo(db: DB, now = currentTime()): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const version = await db
    .selectFrom("leerlijn_versions as v")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select("v.id")
    .where("l.slug", "=", "leerlijn-buurtteams")
    .orderBy("v.version", "desc")
    .executeTakeFirst();
  if (!version) throw new Error("De leerlijn-template is niet geladen; de demo kan niet worden gevuld.");

  const people = [...DEMO_STAFF, ...demoParticipants()];
  // Each person gets an own salt; hashing runs in parallel on the thread pool.
  const hashes = await Promise.all(people.map(() => hashPassword(DEMO_PASSWORD)));
  const stamp = now.toISOString();

  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (const [i, p] of people.entries()) {
      const row = await trx
        .insertInto("users")
        .values({
          email: p.email,
          name: p.name,
          role: p.role,
          status: "active",
          password_hash: hashes[i],
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(p.email, row.id);
    }
    // Dates follow the day the demo is loaded: the first cohort is ten weeks under way.
    const start1 = mondayWeeksBefore(now, 10);
    const start2 = mondayWeeksBefore(now, -15);
    const start0 = mondayWeeksBefore(now, 30);
    const startAlumni = mondayWeeksBefore(now, 56);
    const cohorts = [
      { name: DEMO_COHORT, start: start1, end: addDays(start1, 25 * 7 - 3), trainer: "trainer@leerlijn.test", from: 1, to: 12 },
      { name: DEMO_COHORT_2, start: start2, end: addDays(start2, 20 * 7 - 3), trainer: "trainer2@leerlijn.test", from: 13, to: 14 },
      { name: DEMO_COHORT_FINISHED, start: start0, end: addDays(start0, 20 * 7 - 3), trainer: "trainer@leerlijn.test", from: 15, to: 20 },
      { name: DEMO_COHORT_ALUMNI, start: startAlumni, end: addDays(startAlumni, 20 * 7 - 3), trainer: "trainer2@leerlijn.test", from: 21, to: 23 },
    ];
    for (const c of cohorts) {
      const cohort = await trx
        .insertInto("cohorts")
        .values({
          name: c.name,
          leerlijn_version_id: version.id,
          start_date: c.start,
          end_date: c.end,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const trainerId = ids.get(c.trainer)!;
      await trx.insertInto("cohort_trainers").values({ cohort_id: cohort.id, user_id: trainerId }).execute();
      const participantIds: number[] = [];
      for (let n = c.from; n <= c.to; n++) {
        const participantId = ids.get(`deelnemer${n}@leerlijn.test`)!;
        participantIds.push(participantId);
        await trx
          .insertInto("enrolments")
          .values({ cohort_id: cohort.id, participant_id: participantId, enrolled_at: `${c.start}T00:00:00.000Z` })
          .execute();
      }
      if (c.name === DEMO_COHORT) {
        await seedDemoHistory(trx, { cohortId: cohort.id, versionId: version.id, trainerId, participantIds, start: c.start, now });
        await seedDemoSeries(trx, { cohortId: cohort.id, trainerId, stamp });
        await seedDemoEvaluations(trx, { cohortId: cohort.id, participantIds, today: isoDate(now) });
        const trainerName = DEMO_STAFF.find((s) => s.email === c.trainer)?.name ?? "";
        await seedDemoPractice(trx, { cohortId: cohort.id, trainerId, trainerName, participantIds, start: c.start, now });
      }
    }
    await trx
      .insertInto("audit_log")
      .values({
        at: stamp,
        actor_id: null,
        actor_role: "system",
        action: "demo.seed",
        target_type: null,
        target_id: null,
        outcome: "success",
        ip: null,
        details: null,
      })
      .execute();
  });
  await seedDemoPops(db, {
    approved: "deelnemer1@leerlijn.test",
    submitted: "deelnemer2@leerlijn.test",
    returned: "deelnemer3@leerlijn.test",
    concept: "deelnemer9@leerlijn.test",
    trainer: "trainer@leerlijn.test",
  });
  const cohort = await db.selectFrom("cohorts").select("id").where("name", "=", DEMO_COHORT).executeTakeFirstOrThrow();
  await seedDemoGop(db, cohort.id, ["deelnemer1@leerlijn.test", "deelnemer5@leerlijn.test"]);
  const user = async (email: string) => db.selectFrom("users").select(["id", "role", "name"]).where("email", "=", email).executeTakeFirstOrThrow();
  const finished = await db.selectFrom("cohorts").select(["id", "start_date"]).where("name", "=", DEMO_COHORT_FINISHED).executeTakeFirstOrThrow();
  const trainer = await user("trainer@leerlijn.test");
  const [e1, e2] = await Promise.all([user("examinator@leerlijn.test"), user("examinator2@leerlijn.test")]);
  const [p15, p16, p17, p18, p19, p20] = await Promise.all([15, 16, 17, 18, 19, 20].map((n) => user(`deelnemer${n}@leerlijn.test`)));
  await seedFinishedCohort(db, {
    cohortId: finished.id,
    start: finished.start_date,
    trainer: { id: trainer.id, role: "trainer", name: trainer.name },
    examiners: [
      { id: e1.id, role: "examiner" },
      { id: e2.id, role: "examiner" },
    ],
    participants: { certified: p15.id, ready: p16.id, left: p17.id, behind: p18.id, candidate: p19.id, returning: p20.id },
    verifyBase: process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    now,
  });
  // Alumni of an older cohort, certified about eight months ago (issue 31).
  const alumniCohort = await db.selectFrom("cohorts").select(["id", "start_date"]).where("name", "=", DEMO_COHORT_ALUMNI).executeTakeFirstOrThrow();
  const trainer2 = await user("trainer2@leerlijn.test");
  const [a21, a22, a23] = await Promise.all([21, 22, 23].map((n) => user(`deelnemer${n}@leerlijn.test`)));
  await seedFinishedCohort(db, {
    cohortId: alumniCohort.id,
    start: alumniCohort.start_date,
    trainer: { id: trainer2.id, role: "trainer", name: trainer2.name },
    examiners: [
      { id: e1.id, role: "examiner" },
      { id: e2.id, role: "examiner" },
    ],
    participants: { certified: a21.id, alsoCertified: [a22.id, a23.id] },
    heldDaysAgo: 230,
    verifyBase: process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
    now,
  });
  // Lotte Brouwer (deelnemer15) and the three alumni, certified, in the pool of ervaringsdeskundigen (issue 31);
  // the buurtteam Noord-Oost with its buurtteam-coördinator.
  await seedDemoPool(db, { participantId: p15.id, alumniIds: [a21.id, a22.id, a23.id], now });
  await seedDemoBuurtteams(db, { coordinatorEmail: "buurtteam@leerlijn.test", now });
  await seedDemoAssignments(db, { cohortId: cohort.id, trainerId: trainer.id, now });
  // Coming back after a break: in the running cohort since two weeks ago (before the hybrid lesson is marked, so it has her mode too).
  await seedDemoReturning(db, {
    cohortId: cohort.id,
    participantId: p20.id,
    trainerId: trainer.id,
    coordinatorId: (await user("coordinator@leerlijn.test")).id,
    joined: mondayWeeksBefore(now, 2),
    now,
  });
  await seedDemoAbsenceAndHybrid(db, { cohortId: cohort.id, now });
  const coming = await db.selectFrom("cohorts").select("id").where("name", "=", DEMO_COHORT_2).executeTakeFirstOrThrow();
  await seedDemoLessonPlanMeeting(db, { cohortId: coming.id, trainerId: (await user("trainer2@leerlijn.test")).id });
  // One open request from the demo buurtteam to the pool (issue 31, point 3). It needs the demo
  // buurtteam and its alumni in the pool (demo/buurtteams.ts): keep this call after theirs.
  const poolRequest = await seedDemoPoolRequest(db, { now });
  if ("skipped" in poolRequest) console.warn(poolRequest.skipped);
  await seedDemoAlumniIntervisie(db, { now }); // issue 31 point 4: city-wide intervisie for alumni
  return true;
}
