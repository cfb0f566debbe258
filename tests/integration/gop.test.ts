import { emptyGop, type GopContent } from "../../app/rules/gop";
import { gopContext, gopState, gopStep, restoreGopVersion, saveGop } from "../../app/services/gop.server";
import { DEMO_COHORT } from "../../demo/seed";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const plan = (over: Partial<GopContent> = {}): GopContent => ({
  goals: [{ doel: "Elkaar feedback geven", actie: "Na elke les één tip en één top", wie: "Iedereen", wanneer: "Elke week" }],
  agreements: "We laten elkaar uitpraten.",
  evaluation: "",
  ...over,
});

describe("GOP", () => {
  it("two people editing at once: different sections merge, the same section is a conflict with both texts", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const a = await userByEmail(t.db, "deelnemer10@leerlijn.test");
    const b = await userByEmail(t.db, "deelnemer11@leerlijn.test");
    const start = (await gopState(t.db, cohort.id)).version;
    const base = (await gopState(t.db, cohort.id)).content;
    const first = await saveGop(t.db, a, cohort.id, { baseVersion: start, content: { ...base, agreements: "Wat hier gezegd wordt, blijft hier." } });
    expect(first).toEqual({ status: "saved", version: start + 1 });
    // b loaded the same base: changing the evaluation merges fine…
    const merged = await saveGop(t.db, b, cohort.id, { baseVersion: start, content: { ...base, evaluation: "Tussenstand: goed op weg." } });
    expect(merged).toEqual({ status: "saved", version: start + 2 });
    const state = await gopState(t.db, cohort.id);
    expect(state.content).toMatchObject({ agreements: "Wat hier gezegd wordt, blijft hier.", evaluation: "Tussenstand: goed op weg." });
    // …but changing the agreements too is a conflict, and nothing is written.
    const clash = await saveGop(t.db, b, cohort.id, { baseVersion: start, content: { ...base, agreements: "We zijn op tijd." } });
    expect(clash).toEqual({
      status: "conflict",
      version: start + 2,
      conflicts: [{ section: "agreements", mine: "We zijn op tijd.", theirs: "Wat hier gezegd wordt, blijft hier." }],
      lastAuthor: "Samira Haddou",
    });
    expect((await gopState(t.db, cohort.id)).version).toBe(start + 2);
    // Choosing: saving on top of the newest version is a deliberate change.
    expect(
      await saveGop(t.db, b, cohort.id, {
        baseVersion: start + 2,
        content: { ...state.content, agreements: "Wat hier gezegd wordt, blijft hier. We zijn op tijd." },
      }),
    ).toEqual({ status: "saved", version: start + 3 });
    const contributions = (await gopState(t.db, cohort.id)).contributions;
    expect(contributions.find((c) => c.name === "Samira Haddou")).toEqual({
      name: "Samira Haddou",
      versions: 2,
      sections: expect.arrayContaining(["evaluation", "agreements"]),
    });
    expect(contributions.find((c) => c.name === "Tom van Dijk")).toMatchObject({ versions: 1, sections: ["agreements"] });
  });

  it("members hand in, only a trainer of the cohort approves, outsiders see nothing", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const member = await userByEmail(t.db, "deelnemer12@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    for (const email of ["deelnemer13@leerlijn.test", "trainer2@leerlijn.test", "examinator@leerlijn.test", "coordinator@leerlijn.test"]) {
      expect(await gopContext(t.db, await userByEmail(t.db, email), cohort.id)).toBeUndefined();
      await expect(saveGop(t.db, await userByEmail(t.db, email), cohort.id, { baseVersion: 0, content: emptyGop() })).rejects.toMatchObject({
        messageKey: "gop.notFound",
      });
    }
    const state = await gopState(t.db, cohort.id);
    const saved = await saveGop(t.db, member, cohort.id, { baseVersion: state.version, content: { ...plan(), agreements: state.content.agreements } });
    const version = saved.version;
    await expect(gopStep(t.db, member, cohort.id, { action: "approve", version, note: null })).rejects.toMatchObject({ messageKey: "gop.stepNotAllowed" });
    await gopStep(t.db, member, cohort.id, { action: "submit", version, note: null });
    await gopStep(t.db, trainer, cohort.id, { action: "approve", version, note: "Mooi samen gedaan" });
    expect((await gopState(t.db, cohort.id)).status).toBe("goedgekeurd");
    // Restoring the first version is a new version; the approval of the earlier one stays on record.
    const restored = await restoreGopVersion(t.db, member, cohort.id, 1);
    expect(restored).toEqual({ status: "saved", version: version + 1 });
    const after = await gopState(t.db, cohort.id);
    expect(after.status).toBe("concept");
    expect(after.content.agreements).toBe("");
    expect(after.events.map((e) => [e.action, e.version_number])).toEqual([
      // The demo's GOP was handed in as version 2 (demo/pops.ts), before this test.
      ["submit", 2],
      ["submit", version],
      ["approve", version],
    ]);
  });
});
