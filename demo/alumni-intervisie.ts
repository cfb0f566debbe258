import type { DB } from "../db/connect";
import { createAlumniGroup, decideRequest, planAlumniMeeting, requestToJoin } from "../app/services/alumni-intervisie.server";
import { saveAttendance } from "../app/services/attendance.server";
import { getMeeting } from "../app/services/schedule.server";
import { addDays, isoDate } from "./history";

export const DEMO_ALUMNI_GROUP = "Stadsbrede intervisie Oost";

const DAY = 24 * 60 * 60 * 1000;

/**
 * City-wide intervisie for alumni (issue 31 point 4, decision 025): one group in Oost with the
 * demo trainer as facilitator and Lotte Brouwer (deelnemer15, certified) as member, a meeting
 * two weeks ago with her attendance and one two weeks ahead. Through the same services as the
 * pages (audit lines included). Its container cohort is kind 'alumni': no course list counts it.
 */
export async function seedDemoAlumniIntervisie(db: DB, opts: { now: Date }): Promise<void> {
  const person = async (email: string) => db.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirstOrThrow();
  const [coordinator, trainer, lotte] = await Promise.all([
    person("coordinator@leerlijn.test"),
    person("trainer@leerlijn.test"),
    person("deelnemer15@leerlijn.test"),
  ]);
  // Made a month ago, so Lotte was a member at the meeting two weeks ago.
  const then = new Date(opts.now.getTime() - 30 * DAY);
  const groupId = await createAlumniGroup(
    db,
    { name: DEMO_ALUMNI_GROUP, facilitatorId: trainer.id, place: "Buurthuis De Kraal, Linnaeusstraat", stadsdeel: "oost", maxMembers: 8 },
    coordinator,
    then,
  );
  await requestToJoin(db, lotte, groupId, then);
  const request = await db.selectFrom("alumni_intervisie_requests").select("id").where("group_id", "=", groupId).executeTakeFirstOrThrow();
  await decideRequest(db, groupId, request.id, "accept", coordinator, new Date(then.getTime() + DAY));
  const today = isoDate(opts.now);
  const meeting = (date: string) => ({ title: "Intervisie", date, startTime: "19:00", endTime: "21:00", location: "Buurthuis De Kraal, Linnaeusstraat" });
  const pastId = await planAlumniMeeting(db, trainer, groupId, meeting(addDays(today, -14)), then);
  await planAlumniMeeting(db, trainer, groupId, meeting(addDays(today, 14)), then);
  const cohort = await db.selectFrom("alumni_intervisie_groups").select("cohort_id").where("group_id", "=", groupId).executeTakeFirstOrThrow();
  const past = await getMeeting(db, cohort.cohort_id, pastId);
  if (!past) throw new Error("demo: the alumni meeting was not planned");
  await saveAttendance(
    db,
    past,
    { revision: past.attendance_revision, rows: [{ participantId: lotte.id, status: "aanwezig", minutesMissed: 0, active: true, note: null }] },
    trainer,
    new Date(opts.now.getTime() - 14 * DAY + 3 * 60 * 60 * 1000),
  );
}
