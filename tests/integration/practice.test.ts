import { DEMO_COHORT } from "../../demo/seed";
import {
  decideByLink,
  decideByTrainer,
  deleteEntry,
  getPlacement,
  inspectLink,
  practiceLog,
  requestSignOff,
  revokeLink,
  saveEntry,
  savePlacement,
  cohortPractice,
  ChangedEntriesError,
} from "../../app/services/practice.server";
import { decisionsSchema, keepDecisionsExcept } from "../../app/forms/practice";
import { getParticipantForViewer } from "../../app/services/participants.server";
import { enrolParticipant } from "../../app/services/cohorts.server";
import { createTestDb, type TestDb } from "../support/db";
import { cohortByName, makeUser, userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

const NOW = currentTime();
const TODAY = NOW.toISOString().slice(0, 10);
function daysAgo(n: number): string {
  const d = new Date(NOW);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

const placement = {
  organisation: "Buurtteam Amsterdam-West",
  team: "Team Kolenkit",
  supervisorName: "Joke Bakker",
  supervisorEmail: "Joke.Bakker@buurtteam.test",
  supervisorPhone: null,
};

async function freshParticipant() {
  const cohort = await cohortByName(t.db, DEMO_COHORT);
  const trainer = await userByEmail(t.db, "trainer@leerlijn.test");
  const p = await makeUser(t.db);
  await enrolParticipant(t.db, cohort.id, p.id, trainer);
  return { p, trainer, cohort };
}

const entry = (over: Partial<{ date: string; hours: number; activity: string; description: string; reflection: string }> = {}) => ({
  date: daysAgo(2),
  hours: 120,
  activity: "huisbezoek",
  description: "Huisbezoek met een collega.",
  reflection: "Ik liet de bewoner zelf vertellen.",
  ...over,
});

async function count(participantId: number) {
  return (await t.db.selectFrom("practice_entries").select("id").where("participant_id", "=", participantId).execute()).length;
}

describe("practice log", () => {
  it("stores a leerplek, which the trainer can correct, recording who changed it", async () => {
    const { p, trainer } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    expect(await getPlacement(t.db, p.id)).toMatchObject({
      organisation: "Buurtteam Amsterdam-West",
      supervisor_email: "joke.bakker@buurtteam.test",
      updated_by_name: p.name,
    });
    await savePlacement(t.db, trainer, p.id, { ...placement, team: "Team Bos en Lommer" });
    expect(await getPlacement(t.db, p.id)).toMatchObject({ team: "Team Bos en Lommer", updated_by_name: trainer.name });
  });

  it("adds entries and totals them against the 60-hour target; only confirmed hours count", async () => {
    const { p } = await freshParticipant();
    await saveEntry(t.db, p, entry(), TODAY);
    await saveEntry(t.db, p, entry({ date: daysAgo(3), hours: 90, activity: "teamoverleg", description: "Teamoverleg" }), TODAY);
    const log = await practiceLog(t.db, p.id);
    expect(log.entries).toHaveLength(2);
    expect(log.totals).toMatchObject({ confirmedMinutes: 0, openMinutes: 210, targetMinutes: 3600, remainingMinutes: 3600, met: false });
  });

  it("refuses bad input with a message per field, and changes nothing", async () => {
    const { p } = await freshParticipant();
    await saveEntry(t.db, p, entry({ hours: 600 }), TODAY);
    const before = await count(p.id);
    const cases: [ReturnType<typeof entry>, string, string][] = [
      [entry({ hours: -60 }), "practice.hoursNotPositive", "hours"],
      [entry({ hours: 100 }), "practice.hoursNotQuarter", "hours"],
      [entry({ hours: 13 * 60 }), "practice.hoursTooMany", "hours"],
      [entry({ hours: 240, description: "Nog iets op dezelfde dag" }), "practice.dayTooFull", "hours"],
      [entry({ date: "2099-01-01" }), "practice.dateInFuture", "date"],
      [entry({ date: "2001-01-01" }), "practice.dateBeforeCourse", "date"],
      [entry({ activity: "zwemmen" }), "practice.activityInvalid", "activity"],
      [entry({ hours: 600, description: "  huisbezoek MET een collega. " }), "practice.duplicate", ""],
    ];
    for (const [input, key, field] of cases) {
      await expect(saveEntry(t.db, p, input, TODAY)).rejects.toMatchObject({ messageKey: key, ...(field ? { field } : {}) });
    }
    expect(await count(p.id)).toBe(before);
  });

  it("lets the participant edit and delete unconfirmed entries, and locks confirmed ones", async () => {
    const { p, trainer } = await freshParticipant();
    const id = await saveEntry(t.db, p, entry(), TODAY);
    await saveEntry(t.db, p, { ...entry({ hours: 150 }), entryId: id }, TODAY);
    expect((await practiceLog(t.db, p.id)).entries[0].minutes).toBe(150);
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: 2 }]);
    await expect(saveEntry(t.db, p, { ...entry({ hours: 30 }), entryId: id }, TODAY)).rejects.toMatchObject({ messageKey: "practice.locked" });
    await expect(deleteEntry(t.db, p, id)).rejects.toMatchObject({ messageKey: "practice.locked" });
    const stored = await t.db.selectFrom("practice_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ minutes: 150, status: "bevestigd", decided_how: "trainer", decided_by: trainer.id, decided_by_name: trainer.name });
    expect(stored.decided_at).not.toBeNull();
    const other = await saveEntry(t.db, p, entry({ date: daysAgo(5) }), TODAY);
    await deleteEntry(t.db, p, other);
    expect(await count(p.id)).toBe(1);
  });

  it("turns a rejected entry back to open when the participant corrects it", async () => {
    const { p, trainer } = await freshParticipant();
    const id = await saveEntry(t.db, p, entry(), TODAY);
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "afgewezen", comment: "Dit was een lesdag.", revision: 1 }]);
    await saveEntry(t.db, p, { ...entry({ description: "Huisbezoek, verbeterd" }), entryId: id }, TODAY);
    const stored = await t.db.selectFrom("practice_entries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "open", decided_by: null, decision_comment: null });
  });

  it("refuses a participant another participant's log: entries are looked up by owner", async () => {
    const { p } = await freshParticipant();
    const { p: other } = await freshParticipant();
    const id = await saveEntry(t.db, p, entry(), TODAY);
    await expect(saveEntry(t.db, other, { ...entry({ hours: 15 }), entryId: id }, TODAY)).rejects.toMatchObject({ messageKey: "practice.entryUnknown" });
    await expect(deleteEntry(t.db, other, id)).rejects.toMatchObject({ messageKey: "practice.entryUnknown" });
    expect(await getParticipantForViewer(t.db, other, p.id)).toBeUndefined();
    expect((await t.db.selectFrom("practice_entries").select("minutes").where("id", "=", id).executeTakeFirstOrThrow()).minutes).toBe(120);
  });
});

describe("sign-off by the werkbegeleider through a link", () => {
  it("needs a leerplek and open entries", async () => {
    const { p } = await freshParticipant();
    await expect(requestSignOff(t.db, p)).rejects.toMatchObject({ messageKey: "practice.noPlacement" });
    await savePlacement(t.db, p, p.id, placement);
    await expect(requestSignOff(t.db, p)).rejects.toMatchObject({ messageKey: "practice.nothingOpen" });
  });

  it("confirms and rejects open entries of that participant only, records who/how/when, then is spent", async () => {
    const { p } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    const a = await saveEntry(t.db, p, entry(), TODAY);
    const b = await saveEntry(t.db, p, entry({ date: daysAgo(3) }), TODAY);
    const c = await saveEntry(t.db, p, entry({ date: daysAgo(4) }), TODAY);
    const link = await requestSignOff(t.db, p, NOW);
    expect(link.entryCount).toBe(3);
    // Stored only as a hash.
    expect(await t.db.selectFrom("supervisor_links").select("id").where("token_hash", "=", link.token).executeTakeFirst()).toBeUndefined();
    const days = Math.round((new Date(link.expiresAt).getTime() - NOW.getTime()) / 86_400_000);
    expect(days).toBe(30);

    const view = await inspectLink(t.db, link.token);
    expect(view.state).toBe("valid");
    if (view.state !== "valid") throw new Error("unreachable");
    expect(view.entries.map((e) => e.id).sort()).toEqual([a, b, c].sort());
    expect(view.supervisorName).toBe("Joke Bakker");

    // An entry of somebody else cannot be decided through this link.
    const { p: other } = await freshParticipant();
    const foreign = await saveEntry(t.db, other, entry(), TODAY);
    await expect(decideByLink(t.db, link.token, [{ entryId: foreign, decision: "bevestigd", comment: null, revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.alreadyDecided",
    });
    expect((await t.db.selectFrom("practice_entries").select("status").where("id", "=", foreign).executeTakeFirstOrThrow()).status).toBe("open");

    const first = await decideByLink(
      t.db,
      link.token,
      [
        { entryId: a, decision: "bevestigd", comment: null, revision: 1 },
        { entryId: b, decision: "afgewezen", comment: "Dit was een cursusdag.", revision: 1 },
      ],
      "203.0.113.9",
    );
    expect(first).toEqual({ decided: 2, spent: false });
    const stored = await t.db.selectFrom("practice_entries").selectAll().where("id", "in", [a, b]).orderBy("id").execute();
    expect(stored[0]).toMatchObject({ status: "bevestigd", decided_how: "werkbegeleider", decided_by_name: "Joke Bakker", decided_by: null });
    expect(stored[1]).toMatchObject({ status: "afgewezen", decision_comment: "Dit was een cursusdag." });
    expect(stored[0].decided_at).not.toBeNull();
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "practice.decide").where("target_id", "=", String(p.id)).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details ?? "{}")).toMatchObject({ how: "werkbegeleider", supervisor: "Joke Bakker" });

    // A decided entry cannot be decided again through the link.
    await expect(decideByLink(t.db, link.token, [{ entryId: a, decision: "afgewezen", comment: "toch niet", revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.alreadyDecided",
    });
    // Only confirmed hours count.
    expect((await practiceLog(t.db, p.id)).totals).toMatchObject({ confirmedMinutes: 120, openMinutes: 120, rejectedMinutes: 120 });

    // The last open entry: the link is then spent, and a reuse is refused.
    expect(await decideByLink(t.db, link.token, [{ entryId: c, decision: "bevestigd", comment: null, revision: 1 }], null)).toEqual({
      decided: 1,
      spent: true,
    });
    expect((await inspectLink(t.db, link.token)).state).toBe("used");
    await expect(decideByLink(t.db, link.token, [{ entryId: c, decision: "bevestigd", comment: null, revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.link.used",
    });
  });

  it("keeps one live link per participant: a new request, or several at once, leave only the newest working", async () => {
    const { p } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    await saveEntry(t.db, p, entry(), TODAY);
    const first = await requestSignOff(t.db, p);
    const [x, y, z] = await Promise.all([requestSignOff(t.db, p), requestSignOff(t.db, p), requestSignOff(t.db, p)]);
    const states = await Promise.all([first, x, y, z].map(async (l) => (await inspectLink(t.db, l.token)).state));
    expect(states.filter((s) => s === "valid")).toHaveLength(1);
    expect(states.filter((s) => s === "revoked")).toHaveLength(3);
    expect((await inspectLink(t.db, first.token)).state).toBe("revoked");
    const live = await t.db.selectFrom("supervisor_links").select("id").where("participant_id", "=", p.id).where("revoked_at", "is", null).execute();
    expect(live).toHaveLength(1);
    // The replaced links are named in the audit line of the new one.
    const lines = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "practice.link.create")
      .where("actor_id", "=", p.id)
      .orderBy("id")
      .execute();
    expect(JSON.parse(lines[1].details ?? "{}").replaced).toEqual([first.linkId]);
  });

  it("stops working after 30 days, or once revoked", async () => {
    const { p } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    const a = await saveEntry(t.db, p, entry(), TODAY);
    const old = await requestSignOff(t.db, p, new Date(NOW.getTime() - 31 * 86_400_000));
    expect((await inspectLink(t.db, old.token)).state).toBe("expired");
    await expect(decideByLink(t.db, old.token, [{ entryId: a, decision: "bevestigd", comment: null, revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.link.expired",
    });

    const fresh = await requestSignOff(t.db, p);
    await revokeLink(t.db, p, p.id, fresh.linkId);
    expect((await inspectLink(t.db, fresh.token)).state).toBe("revoked");
    await expect(decideByLink(t.db, fresh.token, [{ entryId: a, decision: "bevestigd", comment: null, revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.link.revoked",
    });
    // Someone else cannot revoke this participant's link.
    const again = await requestSignOff(t.db, p);
    const { p: other } = await freshParticipant();
    await expect(revokeLink(t.db, other, other.id, again.linkId)).rejects.toMatchObject({ messageKey: "practice.linkUnknown" });
    expect((await inspectLink(t.db, "not-a-real-token-but-long-enough")).state).toBe("unknown");
    expect((await t.db.selectFrom("practice_entries").select("status").where("id", "=", a).executeTakeFirstOrThrow()).status).toBe("open");
  });

  it("is spent too when the trainer confirms the last open entry it covered", async () => {
    const { p, trainer } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    const a = await saveEntry(t.db, p, entry(), TODAY);
    const link = await requestSignOff(t.db, p);
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: a, decision: "bevestigd", comment: null, revision: 1 }]);
    expect((await inspectLink(t.db, link.token)).state).toBe("used");
  });
});

describe("a decision applies to the version the decider saw (issue 24, point 5)", () => {
  async function stored(id: number) {
    return t.db
      .selectFrom("practice_entries")
      .select(["status", "minutes", "description", "revision", "decided_how"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  }
  async function refusals(participantId: number) {
    const rows = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "practice.decide")
      .where("outcome", "=", "failure")
      .where("target_id", "=", String(participantId))
      .execute();
    return rows.map((r) => JSON.parse(r.details ?? "{}") as { how: string; changed: number[] });
  }

  it("werkbegeleider: an entry raised from 1,5 to 12 hours after the link was opened is refused, with nothing of the set stored; the new version can be confirmed", async () => {
    const { p } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    const a = await saveEntry(t.db, p, entry({ hours: 90, description: "Kort huisbezoek" }), TODAY);
    const b = await saveEntry(t.db, p, entry({ date: daysAgo(3) }), TODAY);
    const link = await requestSignOff(t.db, p);

    // The werkbegeleider opens the link and sees revision 1 of both.
    const seen = await inspectLink(t.db, link.token);
    if (seen.state !== "valid") throw new Error("link not valid");
    const seenA = seen.entries.find((e) => e.id === a)!;
    expect(seenA).toMatchObject({ minutes: 90, revision: 1 });

    // Meanwhile the participant raises the open entry to 12 hours with another text.
    await saveEntry(t.db, p, { ...entry({ hours: 720, description: "Hele dag meegelopen" }), entryId: a }, TODAY);

    const decideSeen = () =>
      decideByLink(
        t.db,
        link.token,
        [
          { entryId: a, decision: "bevestigd", comment: null, revision: seenA.revision },
          { entryId: b, decision: "bevestigd", comment: null, revision: 1 },
        ],
        "203.0.113.7",
      );
    await expect(decideSeen()).rejects.toBeInstanceOf(ChangedEntriesError);
    await expect(decideSeen()).rejects.toMatchObject({ messageKey: "practice.changedSinceSeen", entryIds: [a] });
    // All or nothing: the unchanged entry b is not confirmed either.
    expect(await stored(a)).toMatchObject({ status: "open", minutes: 720, revision: 2 });
    expect(await stored(b)).toMatchObject({ status: "open", revision: 1 });
    // The link still works, and the refusal is in the audit trail.
    expect((await inspectLink(t.db, link.token)).state).toBe("valid");
    expect((await refusals(p.id))[0]).toMatchObject({ how: "werkbegeleider", changed: [a] });

    // The page shows the new version; deciding on that one is accepted.
    const again = await inspectLink(t.db, link.token);
    if (again.state !== "valid") throw new Error("link not valid");
    const newA = again.entries.find((e) => e.id === a)!;
    expect(newA).toMatchObject({ minutes: 720, description: "Hele dag meegelopen", revision: 2 });
    expect(
      await decideByLink(
        t.db,
        link.token,
        [
          { entryId: a, decision: "afgewezen", comment: "Twaalf uur klopt niet.", revision: newA.revision },
          { entryId: b, decision: "bevestigd", comment: null, revision: 1 },
        ],
        null,
      ),
    ).toEqual({ decided: 2, spent: true });
    expect(await stored(a)).toMatchObject({ status: "afgewezen", minutes: 720, decided_how: "werkbegeleider" });
    expect(await stored(b)).toMatchObject({ status: "bevestigd" });
  });

  it("trainer: a decision on an entry that changed since the page was read is refused; on the current version it is accepted", async () => {
    const { p, trainer } = await freshParticipant();
    const id = await saveEntry(t.db, p, entry({ hours: 90 }), TODAY);
    const seen = (await practiceLog(t.db, p.id)).entries.find((e) => e.id === id)!;
    expect(seen.revision).toBe(1);
    await saveEntry(t.db, p, { ...entry({ hours: 720, reflection: "Anders opgeschreven." }), entryId: id }, TODAY);

    await expect(decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: seen.revision }])).rejects.toMatchObject({
      messageKey: "practice.changedSinceSeen",
      entryIds: [id],
    });
    expect(await stored(id)).toMatchObject({ status: "open", minutes: 720 });
    expect((await refusals(p.id))[0]).toMatchObject({ how: "trainer", changed: [id] });
    // A made-up revision (ahead of the real one) is refused just the same.
    await expect(decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: 99 }])).rejects.toBeInstanceOf(
      ChangedEntriesError,
    );

    const current = (await practiceLog(t.db, p.id)).entries.find((e) => e.id === id)!;
    expect(current.revision).toBe(2);
    expect(await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: current.revision }])).toBe(1);
    expect(await stored(id)).toMatchObject({ status: "bevestigd", minutes: 720, decided_how: "trainer" });
  });

  it("a rejected entry corrected back to open is a new version: the werkbegeleider's earlier view of it is refused", async () => {
    const { p, trainer } = await freshParticipant();
    await savePlacement(t.db, p, p.id, placement);
    const id = await saveEntry(t.db, p, entry({ hours: 90 }), TODAY);
    // A second open entry keeps the link live after the trainer's decision on the first.
    await saveEntry(t.db, p, entry({ date: daysAgo(3) }), TODAY);
    const link = await requestSignOff(t.db, p);
    await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "afgewezen", comment: "Was dit een cursusdag?", revision: 1 }]);
    await saveEntry(t.db, p, { ...entry({ hours: 600 }), entryId: id }, TODAY);
    expect(await stored(id)).toMatchObject({ status: "open", minutes: 600 });
    await expect(decideByLink(t.db, link.token, [{ entryId: id, decision: "bevestigd", comment: null, revision: 1 }], null)).rejects.toMatchObject({
      messageKey: "practice.changedSinceSeen",
    });
    expect(await stored(id)).toMatchObject({ status: "open" });
  });

  it("saving an entry again without a change keeps its version, so nobody is asked to decide again for nothing", async () => {
    const { p, trainer } = await freshParticipant();
    const id = await saveEntry(t.db, p, entry(), TODAY);
    await saveEntry(t.db, p, { ...entry(), entryId: id }, TODAY);
    expect((await stored(id)).revision).toBe(1);
    expect(await decideByTrainer(t.db, trainer, p.id, [{ entryId: id, decision: "bevestigd", comment: null, revision: 1 }])).toBe(1);
  });

  it("the form carries the version per entry: without it the form is refused; a refused form keeps the choices on unchanged entries only", () => {
    const form = { entryIds: "5,6", "decision-5": "bevestigd", "revision-5": "3", "decision-6": "afgewezen", "comment-6": "Klopt niet.", "revision-6": "1" };
    expect(decisionsSchema.parse(form)).toEqual([
      { entryId: 5, decision: "bevestigd", comment: null, revision: 3 },
      { entryId: 6, decision: "afgewezen", comment: "Klopt niet.", revision: 1 },
    ]);
    for (const revision of [undefined, "", "0", "-1", "1.5", "abc"]) {
      const { "revision-5": _drop, ...rest } = form;
      const sent = revision === undefined ? rest : { ...rest, "revision-5": revision };
      expect(decisionsSchema.safeParse(sent).success).toBe(false);
    }
    expect(keepDecisionsExcept(form, [5])).toEqual({
      entryIds: "5,6",
      "revision-5": "3",
      "decision-6": "afgewezen",
      "comment-6": "Klopt niet.",
      "revision-6": "1",
    });
  });
});

describe("the trainer's overview", () => {
  it("shows every member of the cohort with leerplek and confirmed hours, from the demo data", async () => {
    const cohort = await cohortByName(t.db, DEMO_COHORT);
    const rows = await cohortPractice(t.db, cohort.id);
    const p1 = await userByEmail(t.db, "deelnemer1@leerlijn.test");
    const row1 = rows.find((r) => r.id === p1.id)!;
    expect(row1.organisation).toBeTruthy();
    const confirmed = await t.db
      .selectFrom("practice_entries")
      .select("minutes")
      .where("participant_id", "=", p1.id)
      .where("status", "=", "bevestigd")
      .execute();
    expect(row1.confirmedMinutes).toBe(confirmed.reduce((a, e) => a + e.minutes, 0));
    // The demo cohort shows different stages: someone near the target, someone just begun.
    const hours = rows.filter((r) => r.confirmedMinutes > 0).map((r) => r.confirmedMinutes / 60);
    expect(Math.max(...hours)).toBeGreaterThanOrEqual(50);
    expect(Math.min(...hours)).toBeLessThan(10);
  });
});
