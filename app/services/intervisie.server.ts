import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { audit } from "./audit.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";
import type { MeetingRow } from "./schedule.server";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";

export interface GroupWithMembers {
  id: number;
  name: string;
  members: { id: number; name: string }[];
}

export async function intervisieSettings(db: DB, cohortId: number) {
  const template = await cohortTemplate(db, cohortId);
  if (!template) throw new UserInputError("cohort.notFound");
  return template.intervisie;
}

export async function listGroups(db: DB, cohortId: number): Promise<GroupWithMembers[]> {
  const groups = await db.selectFrom("intervisie_groups").select(["id", "name"]).where("cohort_id", "=", cohortId).orderBy("name").execute();
  if (groups.length === 0) return [];
  const members = await db
    .selectFrom("intervisie_group_members as m")
    .innerJoin("users as u", "u.id", "m.participant_id")
    .select(["m.group_id", "u.id", "u.name"])
    .where(
      "m.group_id",
      "in",
      groups.map((g) => g.id),
    )
    .orderBy("u.name")
    .execute();
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.group_id === g.id).map(({ id, name }) => ({ id, name })) }));
}

/**
 * Creates or changes an intervisie group: 4 to 8 members (from the leerlijn), all
 * participants of this cohort, and nobody in two groups of the same cohort.
 */
export async function saveGroup(
  db: DB,
  cohortId: number,
  input: { groupId?: number; name: string; memberIds: number[] },
  actor: Actor,
  now = currentTime(),
): Promise<number> {
  const settings = await intervisieSettings(db, cohortId);
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length < settings.groupSizeMin || memberIds.length > settings.groupSizeMax) {
    throw new UserInputError("intervisie.groupSize", "memberIds");
  }
  const enrolled = await db
    .selectFrom("enrolments")
    .select("participant_id")
    .where("cohort_id", "=", cohortId)
    .where("participant_id", "in", memberIds)
    .execute();
  if (enrolled.length !== memberIds.length) throw new UserInputError("intervisie.notInCohort", "memberIds");
  let taken = db
    .selectFrom("intervisie_group_members as m")
    .innerJoin("intervisie_groups as g", "g.id", "m.group_id")
    .select("m.participant_id")
    .where("g.cohort_id", "=", cohortId)
    .where("m.participant_id", "in", memberIds);
  if (input.groupId) taken = taken.where("g.id", "!=", input.groupId);
  if ((await taken.execute()).length > 0) throw new UserInputError("intervisie.inOtherGroup", "memberIds");
  const clash = await db
    .selectFrom("intervisie_groups")
    .select("id")
    .where("cohort_id", "=", cohortId)
    .where("name", "=", input.name.trim())
    .executeTakeFirst();
  if (clash && clash.id !== input.groupId) throw new UserInputError("intervisie.nameTaken", "name");

  return db.transaction().execute(async (trx) => {
    let groupId = input.groupId;
    if (groupId) {
      const res = await trx
        .updateTable("intervisie_groups")
        .set({ name: input.name.trim() })
        .where("id", "=", groupId)
        .where("cohort_id", "=", cohortId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new UserInputError("intervisie.groupNotFound");
      await trx.deleteFrom("intervisie_group_members").where("group_id", "=", groupId).execute();
    } else {
      groupId = (
        await trx
          .insertInto("intervisie_groups")
          .values({ cohort_id: cohortId, name: input.name.trim(), created_at: now.toISOString() })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    const gid = groupId;
    await trx
      .insertInto("intervisie_group_members")
      .values(memberIds.map((participant_id) => ({ group_id: gid, participant_id })))
      .execute();
    await audit(trx, {
      actor,
      action: input.groupId ? "intervisie.group.update" : "intervisie.group.create",
      target: { type: "intervisie_group", id: gid },
      details: { memberIds },
      at: now,
    });
    return gid;
  });
}

export interface IntervisieReport {
  method: string;
  method_other: string | null;
  inbrenger_id: number | null;
  inbrenger_name: string | null;
  theme: string;
  learning_points: string;
  updated_at: string;
}

export async function getIntervisieReport(db: DB, meetingId: number): Promise<IntervisieReport | undefined> {
  return db
    .selectFrom("intervisie_meetings as m")
    .leftJoin("users as u", "u.id", "m.inbrenger_id")
    .select(["m.method", "m.method_other", "m.inbrenger_id", "u.name as inbrenger_name", "m.theme", "m.learning_points", "m.updated_at"])
    .where("m.session_id", "=", meetingId)
    .executeTakeFirst();
}

export async function saveIntervisieReport(
  db: DB,
  meeting: MeetingRow,
  input: { method: string; methodOther: string | null; inbrengerId: number | null; theme: string; learningPoints: string },
  actor: Actor,
  now = currentTime(),
): Promise<void> {
  if (meeting.type !== "intervisie" || !meeting.intervisie_group_id) throw new UserInputError("session.notFound");
  const settings = await intervisieSettings(db, meeting.cohort_id);
  if (!settings.methods.some((m) => m.code === input.method)) throw new UserInputError("intervisie.methodUnknown", "method");
  if (input.inbrengerId) {
    const member = await db
      .selectFrom("intervisie_group_members")
      .select("participant_id")
      .where("group_id", "=", meeting.intervisie_group_id)
      .where("participant_id", "=", input.inbrengerId)
      .executeTakeFirst();
    if (!member) throw new UserInputError("intervisie.inbrengerNotMember", "inbrengerId");
  }
  const values = {
    method: input.method,
    method_other: input.method === "anders" ? input.methodOther?.trim() || null : null,
    inbrenger_id: input.inbrengerId,
    theme: input.theme.trim(),
    learning_points: input.learningPoints.trim(),
    recorded_by: actor.id,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto("intervisie_meetings")
    .values({ session_id: meeting.id, ...values })
    .onConflict((oc) => oc.column("session_id").doUpdateSet(values))
    .execute();
  await audit(db, { actor, action: "intervisie.meeting.save", target: { type: "session", id: meeting.id }, at: now });
}

/** A participant's private reflection on a meeting they attended; only they can read it. */
export async function getReflection(db: DB, meetingId: number, participant: Pick<User, "id">): Promise<string | null> {
  const row = await db
    .selectFrom("intervisie_reflections")
    .select("text")
    .where("session_id", "=", meetingId)
    .where("participant_id", "=", participant.id)
    .executeTakeFirst();
  return row?.text ?? null;
}

export interface ParticipantMeeting {
  session_id: number;
  date: string;
  title: string;
  group_name: string | null;
  status: string | null;
  method: string | null;
  theme: string | null;
  learning_points: string | null;
  has_reflection: boolean;
}

/** The intervisie meetings of the participant's own group(s), with their own attendance only. */
export async function participantMeeting(db: DB, participant: Pick<User, "id">, meetingId: number): Promise<ParticipantMeeting | undefined> {
  const row = await db
    .selectFrom("course_sessions as s")
    .innerJoin("intervisie_group_members as gm", (j) => j.onRef("gm.group_id", "=", "s.intervisie_group_id").on("gm.participant_id", "=", participant.id))
    .leftJoin("intervisie_groups as g", "g.id", "s.intervisie_group_id")
    .leftJoin("attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.participant_id", "=", participant.id))
    .leftJoin("intervisie_meetings as m", "m.session_id", "s.id")
    .leftJoin("intervisie_reflections as r", (j) => j.onRef("r.session_id", "=", "s.id").on("r.participant_id", "=", participant.id))
    .select([
      "s.id as session_id",
      "s.date",
      "s.title",
      "g.name as group_name",
      "a.status",
      "m.method",
      "m.theme",
      "m.learning_points",
      "r.id as reflection_id",
    ])
    .where("s.id", "=", meetingId)
    .where("s.type", "=", "intervisie")
    .executeTakeFirst();
  if (!row) return undefined;
  const { reflection_id, ...rest } = row;
  return { ...rest, has_reflection: reflection_id !== null };
}

export async function saveReflection(db: DB, meetingId: number, participant: Pick<User, "id">, text: string, now = currentTime()): Promise<void> {
  const meeting = await participantMeeting(db, participant, meetingId);
  if (!meeting) throw new UserInputError("session.notFound");
  if (meeting.status !== "aanwezig" && meeting.status !== "te_laat") throw new UserInputError("reflection.notAttended");
  await db
    .insertInto("intervisie_reflections")
    .values({ session_id: meetingId, participant_id: participant.id, text: text.trim(), created_at: now.toISOString(), updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(["session_id", "participant_id"]).doUpdateSet({ text: text.trim(), updated_at: now.toISOString() }))
    .execute();
}
