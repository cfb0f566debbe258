/**
 * Benchmark: the trainer's cohort overview (25 participants, a full course history) and the
 * coordinator's report over 50 cohorts, on a generated SQLite database through the real
 * services. Prints median and worst time of repeated runs. Not a test: nothing passes or fails.
 *
 *   npm run bench            (BENCH_COHORTS=50 BENCH_SIZE=25 BENCH_RUNS=15 to change)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDb, type DB } from "../db/connect";
import { addDays, rng } from "../db/demo-history";
import { setupDatabase } from "../db/setup";
import { cohortProgress } from "../app/services/progress.server";
import { reportsOverview } from "../app/services/reports.server";

const COHORTS = Number(process.env.BENCH_COHORTS ?? 50);
const SIZE = Number(process.env.BENCH_SIZE ?? 25);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TODAY = "2026-11-22";

async function generate(db: DB): Promise<number[]> {
  const random = rng(42);
  const version = await db.selectFrom("leerlijn_versions").select("id").executeTakeFirstOrThrow();
  const trainings = await db.selectFrom("trainings").select(["id", "hours"]).where("leerlijn_version_id", "=", version.id).execute();
  const stamp = new Date().toISOString();
  const trainer = await db
    .insertInto("users")
    .values({ email: "bench-trainer@leerlijn.test", name: "Bench Trainer", role: "trainer", status: "active", password_hash: null, created_at: stamp, updated_at: stamp })
    .returning("id")
    .executeTakeFirstOrThrow();
  const cohortIds: number[] = [];
  for (let c = 0; c < COHORTS; c++) {
    // Every cohort a full 20-week course that ended just before today.
    const start = addDays(TODAY, -7 * 21 - c);
    await db.transaction().execute(async (trx) => {
      const cohort = await trx
        .insertInto("cohorts")
        .values({ name: `Bench ${c + 1}`, leerlijn_version_id: version.id, start_date: start, end_date: addDays(start, 20 * 7), created_at: stamp, updated_at: stamp })
        .returning("id")
        .executeTakeFirstOrThrow();
      cohortIds.push(cohort.id);
      await trx.insertInto("cohort_trainers").values({ cohort_id: cohort.id, user_id: trainer.id }).execute();
      const people: number[] = [];
      for (let p = 0; p < SIZE; p++) {
        const u = await trx
          .insertInto("users")
          .values({ email: `bench-${c}-${p}@leerlijn.test`, name: `Deelnemer ${c}-${p}`, role: "participant", status: "active", password_hash: null, created_at: stamp, updated_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow();
        people.push(u.id);
        await trx.insertInto("enrolments").values({ cohort_id: cohort.id, participant_id: u.id, enrolled_at: `${start}T00:00:00.000Z` }).execute();
      }
      const groups: number[] = [];
      for (let g = 0; g < Math.ceil(SIZE / 6); g++) {
        const group = await trx.insertInto("intervisie_groups").values({ cohort_id: cohort.id, name: `Groep ${g + 1}`, created_at: stamp }).returning("id").executeTakeFirstOrThrow();
        groups.push(group.id);
        const members = people.slice(g * 6, g * 6 + 6);
        if (members.length) await trx.insertInto("intervisie_group_members").values(members.map((participant_id) => ({ group_id: group.id, participant_id }))).execute();
      }
      for (const [i, pid] of people.entries()) {
        for (const t of [trainings[i % trainings.length], trainings[(i + 1) % trainings.length]]) {
          await trx.insertInto("training_choices").values({ cohort_id: cohort.id, participant_id: pid, training_id: t.id, status: "bevestigd", leerdoel: null, assigned_by: null, created_at: stamp, updated_at: stamp }).execute();
        }
      }
      const sessions: { id: number; expected: number[] }[] = [];
      const add = async (type: "les" | "training" | "intervisie", date: string, extra: { training_id?: number; intervisie_group_id?: number }, expected: number[]) => {
        const s = await trx
          .insertInto("course_sessions")
          .values({ cohort_id: cohort.id, type, title: type, date, start_time: "10:00", end_time: "13:00", location: null, online_url: null, training_id: extra.training_id ?? null, intervisie_group_id: extra.intervisie_group_id ?? null, programme: "[]", assignment: null, status: "planned", cancel_reason: null, attendance_revision: 1, created_at: stamp, updated_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow();
        sessions.push({ id: s.id, expected });
      };
      for (let w = 0; w < 20; w++) {
        await add("les", addDays(start, w * 7 + 1), {}, people);
        if (w % 2 === 1) for (const [g, gid] of groups.entries()) await add("intervisie", addDays(start, w * 7 + 4), { intervisie_group_id: gid }, people.slice(g * 6, g * 6 + 6));
      }
      for (const [k, t] of trainings.entries()) await add("training", addDays(start, (k + 2) * 21), { training_id: t.id }, people.filter((_, i) => i % trainings.length === k || (i + 1) % trainings.length === k));
      const rows = sessions.flatMap((s) =>
        s.expected.map((pid) => {
          const r = random();
          const status = r < 0.85 ? ("aanwezig" as const) : r < 0.92 ? ("te_laat" as const) : r < 0.97 ? ("afgemeld" as const) : ("afwezig" as const);
          return { session_id: s.id, participant_id: pid, status, minutes_missed: status === "te_laat" ? 15 : 0, active: 1, note: null, recorded_by: trainer.id, recorded_at: stamp, makeup_status: null, makeup_description: null, makeup_granted_by: null, makeup_granted_at: null, makeup_done_by: null, makeup_done_at: null };
        }),
      );
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto("attendance").values(rows.slice(i, i + 200)).execute();
      const entries = people.flatMap((pid) =>
        Array.from({ length: 30 }, (_, k) => ({
          participant_id: pid,
          date: addDays(start, k * 4),
          minutes: 120 + 15 * Math.floor(random() * 4),
          activity: "huisbezoek",
          description: `Huisbezoek ${k}`,
          reflection: "Reflectie",
          status: random() < 0.9 ? ("bevestigd" as const) : ("open" as const),
          decided_how: null,
          decided_by: null,
          decided_by_name: null,
          decided_link_id: null,
          decision_comment: null,
          decided_at: null,
          created_at: stamp,
          updated_at: stamp,
        })),
      );
      for (let i = 0; i < entries.length; i += 200) await trx.insertInto("practice_entries").values(entries.slice(i, i + 200)).execute();
    });
  }
  return cohortIds;
}

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   worst ${ms[ms.length - 1].toFixed(1).padStart(7)} ms   (${RUNS} runs)`);
}

async function main() {
  const file = path.join(os.tmpdir(), `leerlijn-bench-${process.pid}.sqlite`);
  const db = createDb(file);
  try {
    await setupDatabase(db, { demo: false, templatesDir: path.resolve("templates") });
    const t0 = performance.now();
    const cohortIds = await generate(db);
    const counts = await Promise.all(
      (["attendance", "practice_entries", "course_sessions"] as const).map(async (table) => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
    );
    console.log(`Generated ${COHORTS} cohorts × ${SIZE} participants (${counts[2]} sessions, ${counts[0]} attendance rows, ${counts[1]} practice entries) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await time(`Trainer overview: cohortProgress, ${SIZE} participants`, () => cohortProgress(db, cohortIds[0], TODAY));
    await time(`Coordinator report: reportsOverview, ${COHORTS} cohorts`, () => reportsOverview(db, TODAY));
  } finally {
    await db.destroy();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

void main();
