import { generateInstallation, type GeneratedInfo } from "../../demo/generate";
import { cohortProgress, cohortsProgress } from "../../app/services/progress.server";
import { createTestDb, type TestDb } from "../support/db";

/*
 * Issue 26: progress for many cohorts (the interview candidates read every cohort) is computed 40
 * cohorts at a time, so the first request of a day does not hold every cohort's rows in memory at
 * once. More cohorts than one batch must give exactly what each cohort gives on its own.
 */
const TODAY = "2026-11-22";
let t: TestDb;
let info: GeneratedInfo;

beforeAll(async () => {
  t = await createTestDb("empty");
  info = await generateInstallation(t.db, { seed: 5, cohorts: 45, size: 3, years: 2, today: TODAY, certificatePdf: "placeholder" });
}, 180_000);
afterAll(() => t.close());

it("gives every cohort of more than one batch the same progress as on its own", async () => {
  const ids = info.cohortIds;
  expect(ids.length).toBe(45);
  const all = await cohortsProgress(t.db, ids, TODAY);
  expect([...all.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  // On its own: through another handle, which has its own (empty) cache, one cohort at a time.
  const alone = t.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result });
  for (const id of ids) expect(JSON.parse(JSON.stringify(all.get(id)))).toEqual(JSON.parse(JSON.stringify(await cohortProgress(alone, id, TODAY))));
});
