import { generateInstallation } from "../../demo/generate";
import { hashPassword } from "../../app/services/password.server";
import { commentsWaiting, popState, popSummary } from "../../app/services/pop.server";
import { practiceLog, practiceSummary } from "../../app/services/practice.server";
import { createTestDb, type TestDb } from "../support/db";

/**
 * The participant's home page reads small summaries of the POP and the practice log (issue 9).
 * They must say exactly what the full POP and log say, for every participant of a generated
 * installation (comments, replies, links of every state, people without a placement).
 */
let t: TestDb;
let participants: number[];
const NOW = new Date("2026-11-22T12:00:00Z");

beforeAll(async () => {
  t = await createTestDb("empty");
  await generateInstallation(t.db, {
    seed: 11,
    cohorts: 3,
    size: 8,
    years: 1,
    today: "2026-11-22",
    password: "x",
    passwordHash: await hashPassword("bench-wachtwoord-42"),
  });
  participants = (await t.db.selectFrom("users").select("id").where("role", "=", "participant").orderBy("id").execute()).map((u) => u.id);
}, 120_000);
afterAll(() => t.close());

it("the POP summary equals what the full POP says, for every participant", async () => {
  let withComments = 0;
  for (const id of participants) {
    const full = await popState(t.db, id);
    if (full.comments.length > 0) withComments += 1;
    await expect(popSummary(t.db, id)).resolves.toEqual({
      status: full.version > 0 ? full.status : null,
      commentsWaiting: commentsWaiting(full.comments),
      returned: full.returned,
    });
  }
  expect(withComments).toBeGreaterThan(0);
});

it("the practice summary equals what the full log says, for every participant", async () => {
  const seen = { open: 0, active: 0, noPlacement: 0 };
  for (const id of participants) {
    const log = await practiceLog(t.db, id, NOW);
    const placement = await t.db.selectFrom("placements").select("participant_id").where("participant_id", "=", id).executeTakeFirst();
    const expected = {
      openEntries: log.entries.filter((e) => e.status === "open").length,
      activeLink: log.links.some((l) => l.state === "valid"),
      hasPlacement: log.links.length > 0 || placement !== undefined,
    };
    if (expected.openEntries > 0) seen.open += 1;
    if (expected.activeLink) seen.active += 1;
    if (!expected.hasPlacement) seen.noPlacement += 1;
    await expect(practiceSummary(t.db, id, NOW)).resolves.toEqual(expected);
  }
  expect(seen.open).toBeGreaterThan(0);
});

it("counts trainer comments until the participant answers them", () => {
  const trainer = (id: number) => ({ id, reply_to: null, author_is_owner: false });
  const reply = (id: number, to: number) => ({ id, reply_to: to, author_is_owner: true });
  expect(commentsWaiting([trainer(1), trainer(2)])).toBe(2);
  expect(commentsWaiting([trainer(1), trainer(2), reply(3, 1)])).toBe(1);
  // The participant's own remarks and the trainer's replies are not waiting for anyone.
  expect(
    commentsWaiting([
      { id: 1, reply_to: null, author_is_owner: true },
      { id: 2, reply_to: 1, author_is_owner: false },
    ]),
  ).toBe(0);
});
