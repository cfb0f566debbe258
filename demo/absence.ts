import type { DB } from "../db/connect";
import { amsterdamDay } from "../app/rules/amsterdam";

/**
 * Issue 29, points 2 and 3 in the demo cohort: its most recent past lesson with attendance was
 * hybrid (deelnemer1 and deelnemer4 took part online, the others present in the room), and
 * deelnemer2 reported ahead that they will miss the next lesson, with a short reason their
 * trainer sees. Deterministic for a given `now`.
 */
export async function seedDemoAbsenceAndHybrid(db: DB, opts: { cohortId: number; now: Date }): Promise<void> {
  const today = amsterdamDay(opts.now);
  const user = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const [p1, p2, p4] = await Promise.all([1, 2, 4].map((n) => user(`deelnemer${n}@leerlijn.test`)));

  const past = await db
    .selectFrom("course_sessions as s")
    .select("s.id")
    .where("s.cohort_id", "=", opts.cohortId)
    .where("s.type", "=", "les")
    .where("s.status", "=", "planned")
    .where("s.date", "<", today)
    .where((eb) => eb.exists(eb.selectFrom("attendance as a").select("a.id").whereRef("a.session_id", "=", "s.id")))
    .orderBy("s.date", "desc")
    .executeTakeFirst();
  if (past) {
    await db
      .updateTable("course_sessions")
      .set({ mode: "hybrid", online_url: "https://meet.example.org/leerlijn-buurtteams" })
      .where("id", "=", past.id)
      .execute();
    await db.updateTable("attendance").set({ mode: "in_person" }).where("session_id", "=", past.id).where("status", "in", ["aanwezig", "te_laat"]).execute();
    await db
      .updateTable("attendance")
      .set({ mode: "online" })
      .where("session_id", "=", past.id)
      .where("participant_id", "in", [p1, p4])
      .where("status", "in", ["aanwezig", "te_laat"])
      .execute();
  }

  const next = await db
    .selectFrom("course_sessions")
    .select("id")
    .where("cohort_id", "=", opts.cohortId)
    .where("type", "=", "les")
    .where("status", "=", "planned")
    .where("date", ">", today)
    .orderBy("date")
    .orderBy("start_time")
    .executeTakeFirst();
  if (next) {
    await db
      .insertInto("absence_reports")
      .values({ session_id: next.id, participant_id: p2, reason: "Ik moet die middag naar het ziekenhuis.", reported_at: opts.now.toISOString() })
      .execute();
  }
}
