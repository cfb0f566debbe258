import path from "node:path";
import { cohortTemplate, loadTemplatesDir, readTemplatesDir, refreshLessonPlans } from "../../app/services/curriculum.server";
import { parseLeerlijnTemplate } from "../../app/rules/leerlijn-template";
import { createCohort } from "../../app/services/cohorts.server";
import { createTestDb, type TestDb } from "../support/db";
import { userByEmail } from "../support/factories";

/*
 * Decision 020: lesson plans are course content, not rules. An installation that stored v1 of the
 * leerlijn before the lesson plans were added keeps its frozen rules, and gets the lesson plans of
 * the shipped v1 at its next start (setupDatabase → loadTemplatesDir → refreshLessonPlans).
 */
const TEMPLATES = path.resolve("templates");
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const stored = async () => {
  const row = await t.db.selectFrom("leerlijn_versions").select(["id", "definition"]).where("version", "=", 1).executeTakeFirstOrThrow();
  return { id: row.id, definition: JSON.parse(row.definition) as Record<string, unknown> };
};
const withoutPlans = (d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== "lessonPlans"));

describe("lesson plans reach an installation that stored v1 before them (decision 020)", () => {
  it("an old stored copy without lessonPlans gets the shipped ones at the next start; every rule stays as stored", async () => {
    const shipped = parseLeerlijnTemplate(readTemplatesDir(TEMPLATES)[0]);
    expect(shipped.lessonPlans.length).toBeGreaterThan(0);
    // The stored copy as an older release left it: no lessonPlans, and (to see that the rules are
    // the stored ones, not the file's) a rule that differs from the shipped file.
    const { id, definition } = await stored();
    const old = withoutPlans(definition) as { rules: Record<string, unknown> } & Record<string, unknown>;
    old.rules = { ...old.rules, minAttendanceRate: 0.75 };
    await t.db
      .updateTable("leerlijn_versions")
      .set({ definition: JSON.stringify(old) })
      .where("id", "=", id)
      .execute();
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const cohortId = await createCohort(
      t.db,
      { name: "Lopende groep", leerlijnVersionId: id, startDate: "2026-09-01", endDate: "2027-06-30", trainerIds: [] },
      coordinator,
    );
    expect((await cohortTemplate(t.db, cohortId))!.lessonPlans).toEqual([]);

    const results = await loadTemplatesDir(t.db, TEMPLATES);
    expect(results.map((r) => r.created)).toEqual([false]);
    const after = await stored();
    expect(after.definition.lessonPlans).toEqual(shipped.lessonPlans);
    // Everything but the lesson plans is exactly the old stored copy, its own rule included.
    expect(withoutPlans(after.definition)).toEqual(old);
    const template = (await cohortTemplate(t.db, cohortId))!;
    expect(template.rules.minAttendanceRate).toBe(0.75);
    expect(template.lessonPlans.map((p) => p.code)).toEqual(shipped.lessonPlans.map((p) => p.code));
  });

  it("an up-to-date copy is left alone, and a shipped file without lesson plans takes none away", async () => {
    const { id, definition } = await stored();
    const shipped = parseLeerlijnTemplate(readTemplatesDir(TEMPLATES)[0]);
    expect(await refreshLessonPlans(t.db, id, shipped)).toBe(false);
    expect(await refreshLessonPlans(t.db, id, { ...shipped, lessonPlans: [] })).toBe(false);
    expect((await stored()).definition).toEqual(definition);
  });

  it("a corrected plan in the shipped file replaces the stored one (content, not rules)", async () => {
    const { id } = await stored();
    const shipped = parseLeerlijnTemplate(readTemplatesDir(TEMPLATES)[0]);
    const corrected = { ...shipped, lessonPlans: shipped.lessonPlans.map((p, i) => (i === 0 ? { ...p, reading: [...p.reading, "Nieuwe tekst"] } : p)) };
    expect(await refreshLessonPlans(t.db, id, corrected)).toBe(true);
    const plans = (await stored()).definition.lessonPlans as { reading: string[] }[];
    expect(plans[0].reading.at(-1)).toBe("Nieuwe tekst");
    // Two plans with the same code would make the stored definition invalid: refused, nothing written.
    const broken = { ...shipped, lessonPlans: [shipped.lessonPlans[0], shipped.lessonPlans[0]] };
    await expect(refreshLessonPlans(t.db, id, broken)).rejects.toThrow(/duplicate lesson plan code/);
    expect(((await stored()).definition.lessonPlans as unknown[]).length).toBe(shipped.lessonPlans.length);
  });
});
