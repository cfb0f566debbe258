import { sql } from "kysely";
import path from "node:path";
import { setupDatabase } from "../../app/setup.server";
import { DEMO_CANDIDATE, DEMO_COHORT, DEMO_COHORT_FINISHED, DEMO_RETURNING } from "../../demo/seed";
import { interviewCandidates } from "../../app/services/interviews.server";
import { participantProgressWithRules } from "../../app/services/progress.server";
import { amsterdamDay } from "../../app/rules/amsterdam";
import { verifyPassword } from "../../app/services/password.server";
import { createTestDb, type TestDb } from "../support/db";
import { currentTime } from "../../app/clock.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

describe("database setup and demo data", () => {
  it("has the demo accounts with their roles, all with password leerlijn-demo", async () => {
    const users = await t.db.selectFrom("users").select(["email", "role", "status", "password_hash"]).execute();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("coordinator@leerlijn.test")?.role).toBe("coordinator");
    expect(byEmail.get("trainer@leerlijn.test")?.role).toBe("trainer");
    expect(byEmail.get("trainer2@leerlijn.test")?.role).toBe("trainer");
    expect(byEmail.get("examinator@leerlijn.test")?.role).toBe("examiner");
    for (let i = 1; i <= 12; i++) expect(byEmail.get(`deelnemer${i}@leerlijn.test`)?.role).toBe("participant");
    expect(users.every((u) => u.status === "active")).toBe(true);
    await expect(verifyPassword("leerlijn-demo", byEmail.get("deelnemer7@leerlijn.test")!.password_hash!)).resolves.toBe(true);
  });

  it("puts deelnemer1..12 in cohort 2026-1, and deelnemer20 who came back there after a break, taught by trainer@leerlijn.test", async () => {
    const members = await t.db
      .selectFrom("enrolments as e")
      .innerJoin("cohorts as c", "c.id", "e.cohort_id")
      .innerJoin("users as u", "u.id", "e.participant_id")
      .select("u.email")
      .where("c.name", "=", DEMO_COHORT)
      .execute();
    expect(members.map((m) => m.email).sort()).toEqual(
      [...Array.from({ length: 12 }, (_, i) => `deelnemer${i + 1}@leerlijn.test`), "deelnemer20@leerlijn.test"].sort(),
    );
    const trainers = await t.db
      .selectFrom("cohort_trainers as ct")
      .innerJoin("cohorts as c", "c.id", "ct.cohort_id")
      .innerJoin("users as u", "u.id", "ct.user_id")
      .select("u.email")
      .where("c.name", "=", DEMO_COHORT)
      .execute();
    expect(trainers.map((x) => x.email)).toEqual(["trainer@leerlijn.test"]);
  });

  it("shows coming back after a break: a participant who left for her health, back in the running cohort with what carries over", async () => {
    const today = amsterdamDay(currentTime());
    const person = await t.db.selectFrom("users").select(["id", "name"]).where("email", "=", DEMO_RETURNING.email).executeTakeFirstOrThrow();
    expect(person.name).toBe(DEMO_RETURNING.name);
    const enrolments = await t.db
      .selectFrom("enrolments as e")
      .innerJoin("cohorts as c", "c.id", "e.cohort_id")
      .select(["c.name", "e.left_on", "e.left_reason"])
      .where("e.participant_id", "=", person.id)
      .orderBy("e.enrolled_at")
      .execute();
    expect(enrolments).toEqual([
      { name: DEMO_COHORT_FINISHED, left_on: expect.any(String), left_reason: "gezondheid" },
      { name: DEMO_COHORT, left_on: null, left_reason: null },
    ]);
    const row = (await participantProgressWithRules(t.db, person.id, today))!.row;
    expect(row.left).toBeNull();
    // Practice hours, attended hours and the approved POP carry over, named with the earlier cohort.
    expect(row.carriedOver).toEqual([
      expect.objectContaining({ cohortName: DEMO_COHORT_FINISHED, approvedPop: true, practiceConfirmedMinutes: 24 * 60, learningHours: expect.any(Number) }),
    ]);
    expect(row.carriedOver[0]!.learningHours).toBeGreaterThan(0);
    expect(row.eligibility.requirements.find((r) => r.code === "pop")!.met).toBe(true);
    // And since coming back she attended the running cohort's lessons.
    expect(row.facts.lessonsAttended).toBeGreaterThan(0);
    expect(row.facts.lessonsAttended).toBe(row.facts.lessonsHeld);
  });

  it("has an interview candidate who is ready without a planned interview", async () => {
    const today = amsterdamDay(currentTime());
    const candidate = await t.db.selectFrom("users").select("id").where("email", "=", DEMO_CANDIDATE.email).executeTakeFirstOrThrow();
    expect(await interviewCandidates(t.db, today)).toEqual([{ id: candidate.id, name: DEMO_CANDIDATE.name, cohort: DEMO_COHORT_FINISHED }]);
    expect(await t.db.selectFrom("interviews").select("id").where("participant_id", "=", candidate.id).execute()).toEqual([]);
  });

  it("loads the curriculum with trainings, competencies and criteria", async () => {
    const trainings = await t.db.selectFrom("trainings").select("title").execute();
    expect(trainings.map((x) => x.title)).toContain("Grenzen stellen");
    const criteria = await t.db
      .selectFrom("criteria")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(criteria.n)).toBe(15);
  });

  it("is idempotent: a second start adds nothing and runs no migration", async () => {
    const before = await t.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const report = await setupDatabase(t.db, { demo: true, templatesDir: path.resolve(__dirname, "../../templates") });
    expect(report).toEqual({ migrations: [], curriculum: [{ slug: "leerlijn-buurtteams", version: 1, created: false }], demoSeeded: false });
    const after = await t.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses UPDATE and DELETE on the audit trail", async () => {
    await t.db
      .insertInto("audit_log")
      .values({
        at: currentTime().toISOString(),
        action: "test.entry",
        outcome: "success",
        actor_id: null,
        actor_role: null,
        target_type: null,
        target_id: null,
        ip: null,
        details: null,
      })
      .execute();
    // The driver's error class (better-sqlite3's, pg's) comes from another realm under jest, so match on the message.
    const appendOnly = { message: expect.stringMatching(/append-only/) };
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toMatchObject(appendOnly);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toMatchObject(appendOnly);
    const rows = await t.db.selectFrom("audit_log").select("action").where("action", "=", "test.entry").execute();
    expect(rows).toEqual([{ action: "test.entry" }]);
  });
});

describe("production start without demo data", () => {
  it("migrates and loads the curriculum but adds no people", async () => {
    const empty = await createTestDb("empty");
    try {
      const users = await empty.db.selectFrom("users").select("id").execute();
      expect(users).toEqual([]);
      const versions = await empty.db.selectFrom("leerlijn_versions").select("version").execute();
      expect(versions).toEqual([{ version: 1 }]);
    } finally {
      await empty.close();
    }
  });
});
