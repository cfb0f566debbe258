import { DEMO_COHORT, DEMO_COHORT_2, DEMO_COHORT_ALUMNI, DEMO_COHORT_FINISHED } from "../../demo/seed";
import {
  createCohort,
  enrolParticipant,
  getCohort,
  listCohorts,
  listCohortsForTrainer,
  removeParticipant,
  unenrolledParticipants,
  updateCohort,
} from "../../app/services/cohorts.server";
import { getVersion, latestVersionId, loadLeerlijnVersion } from "../../app/services/curriculum.server";
import { getParticipantForViewer } from "../../app/services/participants.server";
import { changeRole } from "../../app/services/users.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import fs from "node:fs";
import path from "node:path";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

describe("cohorts", () => {
  it("a trainer sees only the cohorts they teach", async () => {
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    expect((await listCohortsForTrainer(t.db, trainer.id)).map((c) => c.name).sort()).toEqual([DEMO_COHORT, DEMO_COHORT_FINISHED].sort());
    // trainer2 also taught the demo's alumni cohort (2025-1, issue 31).
    expect((await listCohortsForTrainer(t.db, trainer2.id)).map((c) => c.name).sort()).toEqual([DEMO_COHORT_2, DEMO_COHORT_ALUMNI].sort());
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    expect((await getCohort(t.db, cohort.id, { trainerId: trainer.id }))?.members).toHaveLength(13); // deelnemer1..12 and the returning deelnemer20
    expect(await getCohort(t.db, cohort.id, { trainerId: trainer2.id })).toBeUndefined();
  });

  it("a coordinator creates and edits a cohort with trainers, and it is logged", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    const versionId = (await latestVersionId(t.db))!;
    const id = await createCohort(
      t.db,
      { name: "Leerlijn Buurtteams 2027-2", startDate: "2027-09-06", endDate: "2028-01-28", leerlijnVersionId: versionId, trainerIds: [trainer2.id] },
      coordinator,
    );
    const list = await listCohorts(t.db);
    expect(list.find((c) => c.id === id)).toMatchObject({ participant_count: 0, trainer_names: ["Youssef Benali"], leerlijn_version: 1 });
    await updateCohort(
      t.db,
      id,
      { name: "Leerlijn Buurtteams 2027-2 (Noord)", startDate: "2027-09-13", endDate: "2028-02-04", leerlijnVersionId: versionId, trainerIds: [] },
      coordinator,
    );
    const edited = await getCohort(t.db, id);
    expect(edited).toMatchObject({ name: "Leerlijn Buurtteams 2027-2 (Noord)", start_date: "2027-09-13", trainers: [] });
    const log = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_type", "=", "cohort")
      .where("target_id", "=", String(id))
      .execute();
    expect(log).toEqual([
      { action: "cohort.create", actor_id: coordinator.id },
      { action: "cohort.update", actor_id: coordinator.id },
    ]);
  });

  it("refuses a duplicate name, an unknown version and a non-trainer as trainer", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const participant = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const versionId = (await latestVersionId(t.db))!;
    const base = { startDate: "2027-01-01", endDate: "2027-06-01", leerlijnVersionId: versionId, trainerIds: [] as number[] };
    await expect(createCohort(t.db, { ...base, name: DEMO_COHORT }, coordinator)).rejects.toMatchObject({ messageKey: "cohort.nameTaken" });
    await expect(createCohort(t.db, { ...base, name: "X", leerlijnVersionId: 999 }, coordinator)).rejects.toMatchObject({
      messageKey: "cohort.versionUnknown",
    });
    await expect(createCohort(t.db, { ...base, name: "Y", trainerIds: [participant.id] }, coordinator)).rejects.toMatchObject({
      messageKey: "cohort.trainerUnknown",
    });
  });

  it("enrols a participant in one cohort at a time, and removes them", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const cohort1 = await cohortByName(t.db, DEMO_COHORT);
    const cohort2 = await cohortByName(t.db, DEMO_COHORT_2);
    const newcomer = await makeUser(t.db, { role: "participant", name: "Iris Bos" });
    expect((await unenrolledParticipants(t.db)).map((p) => p.id)).toContain(newcomer.id);
    await enrolParticipant(t.db, cohort1.id, newcomer.id, coordinator);
    expect((await unenrolledParticipants(t.db)).map((p) => p.id)).not.toContain(newcomer.id);
    await expect(enrolParticipant(t.db, cohort2.id, newcomer.id, coordinator)).rejects.toMatchObject({ messageKey: "cohort.inOtherCohort" });
    await expect(enrolParticipant(t.db, cohort1.id, newcomer.id, coordinator)).rejects.toMatchObject({ messageKey: "cohort.alreadyMember" });
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    await expect(enrolParticipant(t.db, cohort1.id, trainer.id, coordinator)).rejects.toMatchObject({ messageKey: "cohort.notAParticipant" });
    await removeParticipant(t.db, cohort1.id, newcomer.id, coordinator);
    expect((await getCohort(t.db, cohort1.id))?.members.map((m) => m.id)).not.toContain(newcomer.id);
    await expect(removeParticipant(t.db, cohort1.id, newcomer.id, coordinator)).rejects.toMatchObject({ messageKey: "cohort.notMember" });
  });
});

describe("who may see a participant", () => {
  it("a participant sees only themselves", async () => {
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const p2 = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    expect((await getParticipantForViewer(t.db, p1, p1.id))?.cohort?.name).toBe(DEMO_COHORT);
    expect(await getParticipantForViewer(t.db, p1, p2.id)).toBeUndefined();
  });

  it("a trainer sees members of their own cohort only; an examiner none yet; a coordinator all", async () => {
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const p13 = await userByEmail(t.db, "deelnemer13@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const examiner = await userByEmail(t.db, "examinator@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect((await getParticipantForViewer(t.db, trainer, p1.id))?.trainers.map((x) => x.name)).toEqual(["Marieke Hoekstra"]);
    expect(await getParticipantForViewer(t.db, trainer, p13.id)).toBeUndefined();
    expect(await getParticipantForViewer(t.db, examiner, p1.id)).toBeUndefined();
    expect(await getParticipantForViewer(t.db, coordinator, p13.id)).toBeDefined();
    // a trainer's id is not a participant page
    expect(await getParticipantForViewer(t.db, coordinator, trainer.id)).toBeUndefined();
  });
});

describe("roles", () => {
  it("a coordinator cannot change their own role; a change is logged with from/to", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    await expect(changeRole(t.db, coordinator, coordinator.id, "participant")).rejects.toMatchObject({ messageKey: "people.ownRole" });
    const person = await makeUser(t.db, { role: "participant" });
    await changeRole(t.db, coordinator, person.id, "examiner");
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.role.change")
      .where("target_id", "=", String(person.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toEqual({ from: "participant", to: "examiner" });
  });

  it("refuses a role change for an enrolled participant or a teaching trainer", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    await expect(changeRole(t.db, coordinator, p1.id, "trainer")).rejects.toMatchObject({ messageKey: "people.roleEnrolled" });
    await expect(changeRole(t.db, coordinator, trainer.id, "examiner")).rejects.toMatchObject({ messageKey: "people.roleTeaches" });
  });
});

describe("curriculum versions", () => {
  it("keeps version 1 as it was when version 2 is loaded", async () => {
    const file = path.resolve(__dirname, "../../templates/leerlijn-buurtteams.v1.json");
    const v2 = JSON.parse(fs.readFileSync(file, "utf8"));
    v2.version = 2;
    v2.validFrom = "2027-01-01";
    v2.rules.minIntervisieMeetings = 6;
    const loaded = await loadLeerlijnVersion(t.db, v2);
    expect(loaded).toMatchObject({ version: 2, created: true });
    expect((await loadLeerlijnVersion(t.db, v2)).created).toBe(false);
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const v1 = await getVersion(t.db, cohort.leerlijn_version_id);
    expect(v1?.definition.rules.minIntervisieMeetings).toBe(5);
    expect((await getVersion(t.db, loaded.versionId))?.definition.rules.minIntervisieMeetings).toBe(6);
    expect(await latestVersionId(t.db)).toBe(loaded.versionId);
    expect(v1?.competencies[0]).toMatchObject({ title: "Contact en communicatie", criteria: [{ code: "contact-1" }, { code: "contact-2" }] });
  });
});
