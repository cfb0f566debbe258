import { sql, type Transaction } from "kysely";
import type { DB } from "../../db/connect";
import type { Database } from "../../db/schema";

type Q = DB | Transaction<Database>;

/**
 * A person can be enrolled more than once over time (issue 29, point 9: coming back after a break),
 * but never in two cohorts at once: at most one enrolment is open (`left_on` null; the partial
 * unique index `enrolments_one_open` holds that in the database too).
 *
 * "The" enrolment of a participant is their current one: the open one when there is one, else the
 * newest (someone who left and did not come back is judged in the cohort they left).
 * Every lookup of a participant's enrolment goes through here, so none of them picks an old one.
 */
const openFirst = sql<number>`case when left_on is null then 0 else 1 end`;

export async function currentEnrolment(db: Q, participantId: number) {
  return db
    .selectFrom("enrolments")
    .select(["id", "cohort_id", "enrolled_at", "left_on"])
    .where("participant_id", "=", participantId)
    .orderBy(openFirst)
    .orderBy("enrolled_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/**
 * The id of the current enrolment of the person in `participantRef` (a column such as "u.id"), as a
 * subquery: join `enrolments as e` on `e.id` equal to this to get one row per person.
 */
export function currentEnrolmentId(participantRef: string) {
  return sql<number>`(select e_cur.id from enrolments as e_cur where e_cur.participant_id = ${sql.ref(participantRef)}
    order by case when e_cur.left_on is null then 0 else 1 end, e_cur.enrolled_at desc, e_cur.id desc limit 1)`;
}

/** The open enrolment of a participant, if any: the one that stops a second enrolment. */
export async function openEnrolment(db: Q, participantId: number) {
  return db.selectFrom("enrolments").select(["id", "cohort_id"]).where("participant_id", "=", participantId).where("left_on", "is", null).executeTakeFirst();
}
