import type { DB } from "../db/connect";
import { amsterdamDay } from "../app/rules/amsterdam";
import { enrolParticipant } from "../app/services/cohorts.server";

/**
 * Issue 29, point 9 in the demo: a participant who left the finished cohort for their health comes
 * back in the running cohort (enrolled `joined`, some weeks after it began). What they did before
 * (attended hours, confirmed practice, the approved POP) carries over under the template's rule
 * (24 months); since coming back they are in an intervisie group and attended the lessons and its meetings. Deterministic for a given `now`.
 */
export async function seedDemoReturning(
  db: DB,
  opts: { cohortId: number; participantId: number; trainerId: number; coordinatorId: number; joined: string; now: Date },
): Promise<void> {
  const today = amsterdamDay(opts.now);
  const enrolledAt = `${opts.joined}T09:00:00.000Z`;
  // Through the real service: it refuses a second open enrolment, and audits the enrolment.
  await enrolParticipant(db, opts.cohortId, opts.participantId, { id: opts.coordinatorId, role: "coordinator" }, new Date(enrolledAt));
  await db.transaction().execute(async (trx) => {
    // Back in an intervisie group: the cohort's first.
    const group = await trx.selectFrom("intervisie_groups").select("id").where("cohort_id", "=", opts.cohortId).orderBy("id").executeTakeFirst();
    if (group) await trx.insertInto("intervisie_group_members").values({ group_id: group.id, participant_id: opts.participantId }).execute();
    // Present at every lesson and every meeting of that group held since they came back (where the others' attendance was taken).
    const lessons = await trx
      .selectFrom("course_sessions as s")
      .select(["s.id", "s.date"])
      .where("s.cohort_id", "=", opts.cohortId)
      .where((eb) => eb.or([eb("s.type", "=", "les"), ...(group ? [eb("s.intervisie_group_id", "=", group.id)] : [])]))
      .where("s.status", "=", "planned")
      .where("s.date", ">=", opts.joined)
      .where("s.date", "<", today)
      .where((eb) => eb.exists(eb.selectFrom("attendance as a").select("a.id").whereRef("a.session_id", "=", "s.id")))
      .orderBy("s.date")
      .execute();
    for (const s of lessons) {
      await trx
        .insertInto("attendance")
        .values({
          session_id: s.id,
          participant_id: opts.participantId,
          status: "aanwezig",
          minutes_missed: 0,
          active: 1,
          note: null,
          recorded_by: opts.trainerId,
          recorded_at: `${s.date}T17:00:00.000Z`,
          makeup_status: null,
          makeup_description: null,
          makeup_granted_by: null,
          makeup_granted_at: null,
          makeup_done_by: null,
          makeup_done_at: null,
        })
        .execute();
    }
  });
}
