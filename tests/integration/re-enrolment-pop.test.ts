/**
 * Issue 29, point 9: an approved POP carries over into a later enrolment only within the leerlijn
 * template's carryOver months (the demo template: 24), and the earlier cohort is named as where it
 * came from. Real SQLite file, the real services, fixed dates (no dependence on the real calendar).
 */
import { createCohort, enrolParticipant } from "../../app/services/cohorts.server";
import { decidePop, popContext, savePop, submitPop } from "../../app/services/pop.server";
import { participantProgressWithRules, recordOutflow } from "../../app/services/progress.server";
import { emptyLeerdoel, type PopContent } from "../../app/rules/pop";
import { carryOverFrom } from "../../app/rules/carry-over";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const EARLIER = "Najaar 2024 (terugkomen-test)";
const LATER = "Voorjaar 2027 (terugkomen-test)";
/** The day they are enrolled again; 24 months before it is the first day that still carries over. */
const BACK_ON = "2026-12-01";
/** A day in the later cohort to judge on. */
const JUDGED_ON = "2027-01-20";

const at = (day: string) => new Date(`${day}T10:00:00.000Z`);

const goal = (doel: string) => ({
  ...emptyLeerdoel(),
  doel,
  competentie: "contact",
  acties: "Oefenen in de praktijk.",
  wieHelpt: "Mijn werkbegeleider.",
  wanneer: "Tijdens de leerlijn.",
  bewijs: "Verslag van twee gesprekken.",
});
const PLAN: PopContent = {
  wieBenIk: "",
  sterkeKanten: "Ik luister goed.",
  ontwikkelpunten: "Mijn grenzen aangeven.",
  leerdoelen: [goal("Ik stel open vragen."), goal("Ik vat samen wat ik hoor.")],
};

async function cohorts() {
  const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const version = (await t.db.selectFrom("cohorts").select("leerlijn_version_id").executeTakeFirstOrThrow()).leerlijn_version_id;
  const earlier = await createCohort(
    t.db,
    { name: EARLIER, startDate: "2024-09-02", endDate: "2025-02-28", leerlijnVersionId: version, trainerIds: [trainer.id] },
    coordinator,
    at("2024-08-01"),
  );
  const later = await createCohort(
    t.db,
    { name: LATER, startDate: "2027-01-11", endDate: "2027-06-30", leerlijnVersionId: version, trainerIds: [trainer.id] },
    coordinator,
    at("2026-10-01"),
  );
  return { coordinator, trainer, earlier, later };
}

/** A person who wrote a POP in the earlier cohort, had it approved on `approvedOn`, left, and came back on BACK_ON. */
async function cameBack(c: Awaited<ReturnType<typeof cohorts>>, email: string, approvedOn: string) {
  const person = await makeUser(t.db, { role: "participant", email, name: `Terugkomer ${email}` });
  await enrolParticipant(t.db, c.earlier, person.id, c.coordinator, at("2024-09-02"));
  const self = { id: person.id, role: "participant" as const };
  await savePop(t.db, self, { content: PLAN, storyConsent: false }, at("2024-10-01"));
  expect(await submitPop(t.db, self, (await popContext(t.db, self, person.id))!, at("2024-10-02"))).toEqual([]);
  await decidePop(t.db, c.trainer, person.id, { action: "approve", version: 1, note: null }, at(approvedOn));
  await recordOutflow(t.db, c.trainer, c.earlier, person.id, { leftOn: "2025-01-15", reason: "gezondheid", note: null }, at("2025-01-16"));
  await enrolParticipant(t.db, c.later, person.id, c.coordinator, at(BACK_ON));
  return person;
}

const popOf = (row: { eligibility: { requirements: { code: string; met: boolean }[] } }) => row.eligibility.requirements.find((r) => r.code === "pop")!;

describe("an approved POP from an earlier enrolment", () => {
  it("counts in the later enrolment when approved within the carry-over months, and names the earlier cohort", async () => {
    const c = await cohorts();
    // 24 months before BACK_ON: the first day that still carries over.
    expect(carryOverFrom(BACK_ON, 24)).toBe("2024-12-01");

    const inside = await cameBack(c, "pop-binnen@leerlijn.test", "2024-12-01");
    const outside = await cameBack(c, "pop-buiten@leerlijn.test", "2024-11-30");

    const a = (await participantProgressWithRules(t.db, inside.id, JUDGED_ON))!.row;
    const b = (await participantProgressWithRules(t.db, outside.id, JUDGED_ON))!.row;
    // Both are judged in the later cohort, where they are not "left".
    expect(a.left).toBeNull();
    expect(b.left).toBeNull();

    // Approved on the first day within the 24 months: the POP requirement is met, and the earlier cohort is its source.
    expect(popOf(a)).toMatchObject({ met: true, progress: 1 });
    expect(a.facts.popStatus).toBe("goedgekeurd");
    expect(a.carriedOver).toEqual([{ cohortId: c.earlier, cohortName: EARLIER, practiceConfirmedMinutes: 0, learningHours: 0, approvedPop: true }]);

    // Approved one day earlier: too old, it does not count; the plan is still there (status "goedgekeurd")
    // but needs approval again, and nothing is named as carried over.
    expect(popOf(b).met).toBe(false);
    expect(b.facts.popStatus).toBe("goedgekeurd");
    expect(b.carriedOver).toEqual([]);
    expect(b.eligibility.eligible).toBe(false);

    // The trainer of the later cohort approves it again: now it counts as this enrolment's own, with no source named.
    const self = { id: outside.id, role: "participant" as const };
    await savePop(t.db, self, { content: { ...PLAN, ontwikkelpunten: "Mijn grenzen aangeven, ook na mijn pauze." }, storyConsent: false }, at("2027-01-12"));
    expect(await submitPop(t.db, self, (await popContext(t.db, self, outside.id))!, at("2027-01-12"))).toEqual([]);
    await decidePop(t.db, c.trainer, outside.id, { action: "approve", version: 2, note: null }, at("2027-01-13"));
    const again = (await participantProgressWithRules(t.db, outside.id, JUDGED_ON))!.row;
    expect(popOf(again).met).toBe(true);
    expect(again.carriedOver).toEqual([]);
  });

  it("does not carry the POP when the template carries nothing over", async () => {
    // The same history as the first case, with a template whose carryOver rule is left out (default: nothing).
    const version = await t.db.selectFrom("leerlijn_versions").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    const definition = JSON.parse(version.definition) as { version: number; rules: Record<string, unknown> };
    delete definition.rules.carryOver;
    definition.version += 100;
    const { id: bare } = await t.db
      .insertInto("leerlijn_versions")
      .values({
        leerlijn_id: version.leerlijn_id,
        version: definition.version,
        valid_from: version.valid_from,
        definition: JSON.stringify(definition),
        loaded_at: at("2024-08-01").toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("cohorts").set({ leerlijn_version_id: bare }).where("name", "=", LATER).execute();
    const person = await userByEmail(t.db, "pop-binnen@leerlijn.test");
    const row = (await participantProgressWithRules(t.db, person.id, JUDGED_ON))!.row;
    expect(popOf(row).met).toBe(false);
    expect(row.carriedOver).toEqual([]);
  });
});
