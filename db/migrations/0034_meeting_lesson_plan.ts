import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 29, point 7: the lesson plan stays with the meeting. A meeting planned from a lesson plan
 * (alone or in a series) keeps the plan's code and which dagdeel (1, 2, …), so its page and the
 * participants' rooster can show the plan's exercises, oefenopdracht and reading. The plan itself
 * stays in the leerlijn version's definition (course content); null: planned without a plan.
 *
 * Issue 29, point 6: "cancel this one and all later ones" of a series. `cancelled_from` is the
 * meeting where such a cancel started, on every meeting it cancelled, so "put them back" restores
 * exactly those (not a meeting of the series that was cancelled on its own, e.g. for a holiday).
 * Null for a meeting that is planned or was cancelled on its own; cleared when it is put back.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("course_sessions").addColumn("lesson_plan_code", "text").execute();
  await db.schema.alterTable("course_sessions").addColumn("lesson_plan_dagdeel", "integer").execute();
  await db.schema.alterTable("course_sessions").addColumn("cancelled_from", "integer").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("course_sessions").dropColumn("cancelled_from").execute();
  await db.schema.alterTable("course_sessions").dropColumn("lesson_plan_dagdeel").execute();
  await db.schema.alterTable("course_sessions").dropColumn("lesson_plan_code").execute();
}
