import type { DB } from "../../db/connect";
import type { Cohort, User } from "../../db/schema";
import { openEnrolment } from "./enrolment.server";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";

export interface CohortInput {
  name: string;
  startDate: string;
  endDate: string;
  leerlijnVersionId: number;
  trainerIds: number[];
}

export interface CohortListRow {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
  leerlijn_name: string;
  leerlijn_version: number;
  participant_count: number;
  trainer_names: string[];
}

async function trainerNamesByCohort(db: DB, cohortIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (cohortIds.length === 0) return map;
  const rows = await db
    .selectFrom("cohort_trainers as ct")
    .innerJoin("users as u", "u.id", "ct.user_id")
    .select(["ct.cohort_id", "u.name"])
    .where("ct.cohort_id", "in", cohortIds)
    .orderBy("u.name")
    .execute();
  for (const r of rows) map.set(r.cohort_id, [...(map.get(r.cohort_id) ?? []), r.name]);
  return map;
}

/** The courses (a city-wide intervisie container is not one, decision 025). */
function cohortListQuery(db: DB) {
  return db
    .selectFrom("cohorts as c")
    .innerJoin("leerlijn_versions as v", "v.id", "c.leerlijn_version_id")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .select((eb) => [
      "c.id",
      "c.name",
      "c.start_date",
      "c.end_date",
      "l.name as leerlijn_name",
      "v.version as leerlijn_version",
      eb
        .selectFrom("enrolments as e")
        .whereRef("e.cohort_id", "=", "c.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("participant_count"),
    ])
    .where("c.kind", "=", "course")
    .orderBy("c.start_date", "desc")
    .orderBy("c.name");
}

async function withTrainers(
  db: DB,
  rows: (Omit<CohortListRow, "trainer_names" | "participant_count"> & { participant_count: number | string | null })[],
): Promise<CohortListRow[]> {
  const names = await trainerNamesByCohort(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    participant_count: Number(r.participant_count ?? 0),
    trainer_names: names.get(r.id) ?? [],
  }));
}

export async function listCohorts(db: DB): Promise<CohortListRow[]> {
  return withTrainers(db, await cohortListQuery(db).execute());
}

/** The cohorts this trainer teaches; nobody else's. */
export async function listCohortsForTrainer(db: DB, trainerId: number): Promise<CohortListRow[]> {
  const rows = await cohortListQuery(db)
    .where((eb) =>
      eb.exists(eb.selectFrom("cohort_trainers as ct").select("ct.cohort_id").whereRef("ct.cohort_id", "=", "c.id").where("ct.user_id", "=", trainerId)),
    )
    .execute();
  return withTrainers(db, rows);
}

/** One cohort's own row with the name and version of its leerlijn. */
export interface CohortHeader extends Cohort {
  leerlijn_name: string;
  leerlijn_version: number;
}

export interface CohortDetail extends CohortHeader {
  trainers: Pick<User, "id" | "name" | "email">[];
  members: (Pick<User, "id" | "name" | "email" | "status"> & { enrolled_at: string })[];
}

/**
 * One cohort, without its people (one query). With `trainerId`, only when that trainer
 * teaches it: the ownership check is part of the query.
 */
export async function getCohortHeader(db: DB, id: number, scope: { trainerId?: number } = {}): Promise<CohortHeader | undefined> {
  let q = db
    .selectFrom("cohorts as c")
    .innerJoin("leerlijn_versions as v", "v.id", "c.leerlijn_version_id")
    .innerJoin("leerlijnen as l", "l.id", "v.leerlijn_id")
    .selectAll("c")
    .select(["l.name as leerlijn_name", "v.version as leerlijn_version"])
    .where("c.id", "=", id);
  if (scope.trainerId !== undefined) {
    const trainerId = scope.trainerId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("cohort_trainers as ct").select("ct.cohort_id").whereRef("ct.cohort_id", "=", "c.id").where("ct.user_id", "=", trainerId)),
    );
  }
  return q.executeTakeFirst();
}

/** A cohort with its trainers and members. With `trainerId`, only when that trainer teaches it. */
export async function getCohort(db: DB, id: number, scope: { trainerId?: number } = {}): Promise<CohortDetail | undefined> {
  const cohort = await getCohortHeader(db, id, scope);
  if (!cohort) return undefined;
  return withPeople(db, cohort);
}

/** Adds the trainers and members to a cohort already read (two queries). */
export async function withPeople(db: DB, cohort: CohortHeader): Promise<CohortDetail> {
  const trainers = await db
    .selectFrom("cohort_trainers as ct")
    .innerJoin("users as u", "u.id", "ct.user_id")
    .select(["u.id", "u.name", "u.email"])
    .where("ct.cohort_id", "=", cohort.id)
    .orderBy("u.name")
    .execute();
  const members = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .select(["u.id", "u.name", "u.email", "u.status", "e.enrolled_at"])
    .where("e.cohort_id", "=", cohort.id)
    .orderBy("u.name")
    .execute();
  return { ...cohort, trainers, members };
}

async function checkCohortInput(db: DB, input: CohortInput, ownId?: number): Promise<void> {
  const clash = await db.selectFrom("cohorts").select("id").where("name", "=", input.name.trim()).executeTakeFirst();
  if (clash && clash.id !== ownId) throw new UserInputError("cohort.nameTaken", "name");
  const version = await db.selectFrom("leerlijn_versions").select("id").where("id", "=", input.leerlijnVersionId).executeTakeFirst();
  if (!version) throw new UserInputError("cohort.versionUnknown", "leerlijnVersionId");
  if (input.trainerIds.length > 0) {
    const trainers = await db.selectFrom("users").select("id").where("id", "in", input.trainerIds).where("role", "=", "trainer").execute();
    if (trainers.length !== new Set(input.trainerIds).size) throw new UserInputError("cohort.trainerUnknown", "trainerIds");
  }
}

export async function createCohort(db: DB, input: CohortInput, actor: Actor, now = currentTime()): Promise<number> {
  await checkCohortInput(db, input);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("cohorts")
      .values({
        name: input.name.trim(),
        leerlijn_version_id: input.leerlijnVersionId,
        start_date: input.startDate,
        end_date: input.endDate,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const trainerIds = [...new Set(input.trainerIds)];
    if (trainerIds.length > 0) {
      await trx
        .insertInto("cohort_trainers")
        .values(trainerIds.map((user_id) => ({ cohort_id: row.id, user_id })))
        .execute();
    }
    await audit(trx, { actor, action: "cohort.create", target: { type: "cohort", id: row.id }, details: { trainerIds }, at: now });
    return row.id;
  });
}

export async function updateCohort(db: DB, id: number, input: CohortInput, actor: Actor, now = currentTime()): Promise<void> {
  const existing = await db.selectFrom("cohorts").select("id").where("id", "=", id).executeTakeFirst();
  if (!existing) throw new UserInputError("cohort.notFound");
  await checkCohortInput(db, input, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("cohorts")
      .set({
        name: input.name.trim(),
        leerlijn_version_id: input.leerlijnVersionId,
        start_date: input.startDate,
        end_date: input.endDate,
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("cohort_trainers").where("cohort_id", "=", id).execute();
    const trainerIds = [...new Set(input.trainerIds)];
    if (trainerIds.length > 0) {
      await trx
        .insertInto("cohort_trainers")
        .values(trainerIds.map((user_id) => ({ cohort_id: id, user_id })))
        .execute();
    }
    await audit(trx, { actor, action: "cohort.update", target: { type: "cohort", id }, details: { trainerIds }, at: now });
  });
}

/** A participant takes part in one cohort at a time. */
export async function enrolParticipant(db: DB, cohortId: number, participantId: number, actor: Actor | null, now = currentTime()): Promise<void> {
  const person = await db.selectFrom("users").select(["id", "role", "status"]).where("id", "=", participantId).executeTakeFirst();
  if (!person || person.role !== "participant") throw new UserInputError("cohort.notAParticipant", "participantId");
  if (person.status === "disabled") throw new UserInputError("cohort.participantDisabled", "participantId");
  const cohort = await db.selectFrom("cohorts").select("id").where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) throw new UserInputError("cohort.notFound");
  // Once in a cohort, a person stays there until they leave it (uitstroom); after that a coordinator
  // can enrol them in a later cohort (issue 29, point 9). Never two open enrolments, never the same
  // cohort twice.
  const open = await openEnrolment(db, participantId);
  if (open) throw new UserInputError(open.cohort_id === cohortId ? "cohort.alreadyMember" : "cohort.inOtherCohort", "participantId");
  const before = await db
    .selectFrom("enrolments")
    .select("id")
    .where("participant_id", "=", participantId)
    .where("cohort_id", "=", cohortId)
    .executeTakeFirst();
  if (before) throw new UserInputError("cohort.alreadyMember", "participantId");
  await db.insertInto("enrolments").values({ cohort_id: cohortId, participant_id: participantId, enrolled_at: now.toISOString() }).execute();
  await audit(db, { actor, action: "cohort.enrol", target: { type: "cohort", id: cohortId }, details: { participantId }, at: now });
}

export async function removeParticipant(db: DB, cohortId: number, participantId: number, actor: Actor): Promise<void> {
  const res = await db.deleteFrom("enrolments").where("cohort_id", "=", cohortId).where("participant_id", "=", participantId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new UserInputError("cohort.notMember", "participantId");
  await audit(db, { actor, action: "cohort.unenrol", target: { type: "cohort", id: cohortId }, details: { participantId } });
}

/** Participants who are in no cohort yet: the ones a coordinator can enrol. */
export async function unenrolledParticipants(db: DB): Promise<Pick<User, "id" | "name" | "email">[]> {
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.name", "u.email"])
    .where("u.role", "=", "participant")
    .where("u.status", "!=", "disabled")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("enrolments as e").select("e.id").whereRef("e.participant_id", "=", "u.id"))))
    .orderBy("u.name")
    .execute();
}

/**
 * People who left a cohort (uitstroom) and are in none now: a coordinator can enrol them in a later
 * cohort (coming back after a break, issue 29 point 9). With the cohort they left last, for the choice.
 * Not offered for a cohort they were in before (undo the uitstroom there instead).
 */
export async function returningParticipants(
  db: DB,
  cohortId: number,
): Promise<{ id: number; name: string; email: string; leftCohort: string; leftOn: string }[]> {
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("enrolments as e", "e.participant_id", "u.id")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["u.id", "u.name", "u.email", "c.name as leftCohort", "e.left_on"])
    .where("u.role", "=", "participant")
    .where("u.status", "!=", "disabled")
    .where("e.left_on", "is not", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("enrolments as o").select("o.id").whereRef("o.participant_id", "=", "u.id").where("o.left_on", "is", null))))
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom("enrolments as here").select("here.id").whereRef("here.participant_id", "=", "u.id").where("here.cohort_id", "=", cohortId)),
      ),
    )
    .orderBy("u.name")
    .orderBy("e.left_on", "desc")
    .execute();
  const seen = new Set<number>();
  return rows.flatMap((r) =>
    seen.has(r.id) ? [] : (seen.add(r.id), [{ id: r.id, name: r.name, email: r.email, leftCohort: r.leftCohort, leftOn: r.left_on! }]),
  );
}

export async function listTrainers(db: DB): Promise<Pick<User, "id" | "name" | "email">[]> {
  return db.selectFrom("users").select(["id", "name", "email"]).where("role", "=", "trainer").where("status", "!=", "disabled").orderBy("name").execute();
}
