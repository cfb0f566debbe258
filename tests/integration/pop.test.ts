import { emptyLeerdoel, type PopContent } from "../../app/rules/pop";
import {
  addPopComment,
  decidePop,
  popContext,
  popState,
  popSummary,
  popVersionContent,
  restorePopVersion,
  savePop,
  submitPop,
} from "../../app/services/pop.server";
import { createTestDb, type TestDb } from "../support/db";
import { userByEmail } from "../support/factories";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const goal = (doel: string, competentie = "contact") => ({
  ...emptyLeerdoel(),
  doel,
  competentie,
  acties: "Oefenen",
  wieHelpt: "Trainer",
  wanneer: "Dit najaar",
  bewijs: "Verslag",
});
const content = (over: Partial<PopContent> = {}): PopContent => ({
  wieBenIk: "",
  sterkeKanten: "Ik luister goed.",
  ontwikkelpunten: "Grenzen aangeven.",
  leerdoelen: [goal("Open vragen stellen"), goal("Mijn verhaal kort houden", "eigen-ervaring")],
  ...over,
});

describe("POP", () => {
  it("keeps a version for every save that changes the text, and restores an old one as a new version", async () => {
    const p = await userByEmail(t.db, "deelnemer4@leerlijn.test");
    expect((await savePop(t.db, p, { content: content(), storyConsent: false })).version).toBe(1);
    expect(await savePop(t.db, p, { content: content(), storyConsent: false })).toEqual({ changed: false, version: 1, status: "concept" });
    expect((await savePop(t.db, p, { content: content({ sterkeKanten: "Ik luister goed en vat samen." }), storyConsent: false })).version).toBe(2);
    const restored = await restorePopVersion(t.db, p, 1);
    expect(restored).toEqual({ changed: true, version: 3, status: "concept" });
    expect((await popVersionContent(t.db, p.id, 3))?.sterkeKanten).toBe("Ik luister goed.");
    const state = await popState(t.db, p.id);
    expect(state.versions.map((v) => [v.number, v.restored_from])).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
  });

  it("keeps the personal story only with consent, and removes it from every version when consent is withdrawn", async () => {
    const p = await userByEmail(t.db, "deelnemer5@leerlijn.test");
    await expect(savePop(t.db, p, { content: content({ wieBenIk: "Mijn verhaal" }), storyConsent: false })).rejects.toMatchObject({
      messageKey: "pop.consentRequired",
    });
    await savePop(t.db, p, { content: content({ wieBenIk: "Mijn verhaal" }), storyConsent: true });
    await savePop(t.db, p, { content: content({ wieBenIk: "Mijn verhaal, langer" }), storyConsent: true });
    await savePop(t.db, p, { content: content({ wieBenIk: "" }), storyConsent: false });
    for (const n of [1, 2, 3]) expect((await popVersionContent(t.db, p.id, n))?.wieBenIk).toBe("");
  });

  it("runs concept → ingediend → terug → ingediend → goedgekeurd, approving one specific version", async () => {
    const p = await userByEmail(t.db, "deelnemer6@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const ctx = (await popContext(t.db, p, p.id))!;
    await savePop(t.db, p, { content: content({ leerdoelen: [goal("Alleen één doel")] }), storyConsent: false });
    expect(await submitPop(t.db, p, ctx)).toEqual([{ key: "pop.missing.leerdoelCount", min: 2, max: 5 }]);
    await savePop(t.db, p, { content: content(), storyConsent: false });
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    expect((await popState(t.db, p.id)).status).toBe("ingediend");
    // A participant cannot approve, and not twice hand in.
    await expect(decidePop(t.db, p, p.id, { action: "approve", version: 2, note: null })).rejects.toMatchObject({ messageKey: "pop.notFound" });
    await expect(submitPop(t.db, p, ctx)).rejects.toMatchObject({ messageKey: "pop.cannotSubmit" });
    // Returning needs a comment or a note.
    await expect(decidePop(t.db, trainer, p.id, { action: "return", version: 2, note: null })).rejects.toMatchObject({ messageKey: "pop.returnNeedsComment" });
    await addPopComment(t.db, trainer, p.id, { section: "leerdoel-1", text: "Maak dit doel concreter.", replyTo: null });
    await decidePop(t.db, trainer, p.id, { action: "return", version: 2, note: null });
    let state = await popState(t.db, p.id);
    expect(state.status).toBe("terug");
    const comment = state.comments[0];
    expect(comment).toMatchObject({ section: "leerdoel-1", author: "Marieke Hoekstra", author_is_owner: false });
    await expect(addPopComment(t.db, p, p.id, { section: "sterke-kanten", text: "Los", replyTo: null })).rejects.toMatchObject({
      messageKey: "pop.ownerRepliesOnly",
    });
    await addPopComment(t.db, p, p.id, { section: "ignored", text: "Aangepast!", replyTo: comment.id });
    await savePop(t.db, p, {
      content: content({ leerdoelen: [goal("Drie open vragen per gesprek"), goal("Mijn verhaal kort houden", "eigen-ervaring")] }),
      storyConsent: false,
    });
    expect((await popState(t.db, p.id)).status).toBe("terug");
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    await expect(decidePop(t.db, trainer, p.id, { action: "approve", version: 2, note: null })).rejects.toMatchObject({ messageKey: "pop.versionChanged" });
    await decidePop(t.db, trainer, p.id, { action: "approve", version: 3, note: "Mooi" });
    state = await popState(t.db, p.id);
    expect(state).toMatchObject({ status: "goedgekeurd", approvedVersion: 3 });
    expect(state.comments.find((c) => c.reply_to === comment.id)).toMatchObject({ section: "leerdoel-1", author_is_owner: true });
    // Editing after approval starts a new concept; the approval of version 3 stays on record.
    await savePop(t.db, p, { content: content({ ontwikkelpunten: "Grenzen aangeven en bewaken." }), storyConsent: false });
    state = await popState(t.db, p.id);
    expect(state).toMatchObject({ status: "concept", version: 4, approvedVersion: 3 });
    expect(state.events.map((e) => [e.action, e.version_number])).toEqual([
      ["submit", 2],
      ["return", 2],
      ["submit", 3],
      ["approve", 3],
    ]);
    const log = await t.db.selectFrom("audit_log").select("action").where("action", "in", ["pop.submit", "pop.approve", "pop.return"]).execute();
    expect(log.length).toBeGreaterThanOrEqual(4);
  });

  it("is visible only to the owner and the trainers of their cohort, even when ids are guessed", async () => {
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const p2 = await userByEmail(t.db, "deelnemer2@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const trainer2 = await userByEmail(t.db, "trainer2@leerlijn.test");
    const examiner = await userByEmail(t.db, "examinator@leerlijn.test");
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    expect((await popContext(t.db, p1, p1.id))?.viewerIs).toBe("owner");
    expect((await popContext(t.db, trainer, p1.id))?.viewerIs).toBe("trainer");
    for (const viewer of [p2, trainer2, examiner, coordinator]) expect(await popContext(t.db, viewer, p1.id)).toBeUndefined();
    expect(await popContext(t.db, trainer, trainer.id)).toBeUndefined();
    await expect(decidePop(t.db, trainer2, p1.id, { action: "approve", version: 1, note: null })).rejects.toMatchObject({ messageKey: "pop.notFound" });
    await expect(addPopComment(t.db, trainer2, p1.id, { section: "sterke-kanten", text: "x", replyTo: null })).rejects.toMatchObject({
      messageKey: "pop.notFound",
    });
  });
});

describe("the trainer's reason for returning (issue 23.10)", () => {
  it("reaches the participant's POP and home summary while the plan is returned, and goes when it is handed in again", async () => {
    const p = await userByEmail(t.db, "deelnemer10@leerlijn.test");
    const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
    const ctx = (await popContext(t.db, p, p.id))!;
    await savePop(t.db, p, { content: content(), storyConsent: false });
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    expect((await popState(t.db, p.id)).returned).toBeNull();
    const reason = "Leerdoel 2 is nog te algemeen. Schrijf op wanneer je je verhaal deelt.";
    await decidePop(t.db, trainer, p.id, { action: "return", version: 1, note: reason });

    const expected = { version: 1, note: reason, by: trainer.name };
    expect((await popState(t.db, p.id)).returned).toMatchObject(expected);
    expect(await popSummary(t.db, p.id)).toMatchObject({ status: "terug", returned: expected });
    // Editing keeps the plan returned, and the reason with it.
    await savePop(t.db, p, { content: content({ ontwikkelpunten: "Grenzen aangeven en bewaken." }), storyConsent: false });
    expect((await popSummary(t.db, p.id)).returned).toMatchObject(expected);
    // Handed in again: no longer a returned plan, so no reason to show.
    expect(await submitPop(t.db, p, ctx)).toEqual([]);
    expect((await popState(t.db, p.id)).returned).toBeNull();
    expect((await popSummary(t.db, p.id)).returned).toBeNull();
    // The demo's returned plan was sent back with comments only: returned, without a note.
    const sevda = await userByEmail(t.db, "deelnemer3@leerlijn.test");
    expect((await popSummary(t.db, sevda.id)).returned).toMatchObject({ version: 1, note: null });
  });
});

describe("demo POPs", () => {
  it("come in every state", async () => {
    const status = async (email: string) => (await popState(t.db, (await userByEmail(t.db, email)).id)).status;
    expect(await status("deelnemer1@leerlijn.test")).toBe("goedgekeurd");
    expect(await status("deelnemer2@leerlijn.test")).toBe("ingediend");
    expect(await status("deelnemer3@leerlijn.test")).toBe("terug");
    expect(await status("deelnemer9@leerlijn.test")).toBe("concept");
    expect((await popState(t.db, (await userByEmail(t.db, "deelnemer7@leerlijn.test")).id)).version).toBe(0);
  });
});
