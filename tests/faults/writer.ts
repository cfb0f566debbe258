/**
 * A separate process that plans a meeting and records its attendance, over and over, each in
 * one transaction, through the app's own database setup. After every commit it prints
 * "ok <meetingId>". Used by the fault tests to be killed, to write under a backup, and to
 * write beside a second writer.
 *   tsx tests/faults/writer.ts <db-file> <cohort-id> <participant-ids comma> <count|forever> <label>
 */
import { createDb } from "../../db/connect";
import { currentTime } from "../../app/clock.server";

const [file, cohortArg, idsArg, countArg, label] = process.argv.slice(2);
const cohortId = Number(cohortArg);
const participants = idsArg.split(",").map(Number);
const count = countArg === "forever" ? Infinity : Number(countArg);

async function main() {
  const db = createDb(file);
  for (let i = 0; i < count; i++) {
    const stamp = currentTime().toISOString();
    const id = await db.transaction().execute(async (trx) => {
      const s = await trx
        .insertInto("course_sessions")
        .values({
          cohort_id: cohortId,
          type: "les",
          title: `${label}-${i}`,
          date: "2030-01-01",
          start_time: "10:00",
          end_time: "12:00",
          location: null,
          online_url: null,
          training_id: null,
          intervisie_group_id: null,
          programme: "[]",
          assignment: null,
          status: "planned",
          cancel_reason: null,
          attendance_revision: 1,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("attendance")
        .values(
          participants.map((p) => ({
            session_id: s.id,
            participant_id: p,
            status: "aanwezig" as const,
            minutes_missed: 0,
            active: 1,
            note: `${label}-${i}`,
            recorded_by: null,
            recorded_at: stamp,
            makeup_status: null,
            makeup_description: null,
            makeup_granted_by: null,
            makeup_granted_at: null,
            makeup_done_by: null,
            makeup_done_at: null,
          })),
        )
        .execute();
      return s.id;
    });
    process.stdout.write(`ok ${id}\n`);
  }
  await db.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${(error as Error).message}\n`);
  process.exit(1);
});
