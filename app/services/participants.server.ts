import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { audit } from "./audit.server";
import { currentEnrolmentId } from "./enrolment.server";

export interface ParticipantProfile {
  id: number;
  name: string;
  email: string;
  status: User["status"];
  cohort: { id: number; name: string; start_date: string; end_date: string; leerlijn_version_id: number } | null;
  trainers: { id: number; name: string; email: string }[];
}

/**
 * A participant's profile as this viewer may see it, or undefined: a participant sees only
 * themselves, a trainer only members of a cohort they teach, a coordinator everyone. The
 * rule is in the query, so someone else's id returns nothing, the same as an unknown id.
 */
export async function getParticipantForViewer(db: DB, viewer: Pick<User, "id" | "role">, participantId: number): Promise<ParticipantProfile | undefined> {
  let q = db
    .selectFrom("users as u")
    // the current enrolment (a returning participant has more than one)
    .leftJoin("enrolments as e", (j) => j.onRef("e.participant_id", "=", "u.id").on("e.id", "=", currentEnrolmentId("u.id")))
    .leftJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["u.id", "u.name", "u.email", "u.status", "c.id as cohort_id", "c.name as cohort_name", "c.start_date", "c.end_date", "c.leerlijn_version_id"])
    .where("u.id", "=", participantId)
    .where("u.role", "=", "participant");
  switch (viewer.role) {
    case "participant":
      q = q.where("u.id", "=", viewer.id);
      break;
    case "trainer":
      q = q.where((eb) =>
        eb.exists(
          // a trainer of any cohort the person was in (also one they left before coming back)
          eb
            .selectFrom("cohort_trainers as ct")
            .innerJoin("enrolments as any_e", "any_e.cohort_id", "ct.cohort_id")
            .select("ct.cohort_id")
            .whereRef("any_e.participant_id", "=", "u.id")
            .where("ct.user_id", "=", viewer.id),
        ),
      );
      break;
    case "coordinator":
      break;
    case "examiner":
      // Examiners see a participant only through an interview they hold (a later feature).
      return undefined;
  }
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const trainers = row.cohort_id
    ? await db
        .selectFrom("cohort_trainers as ct")
        .innerJoin("users as t", "t.id", "ct.user_id")
        .select(["t.id", "t.name", "t.email"])
        .where("ct.cohort_id", "=", row.cohort_id)
        .orderBy("t.name")
        .execute()
    : [];
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status: row.status,
    cohort:
      row.cohort_id !== null && row.cohort_name !== null
        ? {
            id: row.cohort_id,
            name: row.cohort_name,
            start_date: row.start_date ?? "",
            end_date: row.end_date ?? "",
            leerlijn_version_id: row.leerlijn_version_id ?? 0,
          }
        : null,
    trainers,
  };
}

/**
 * The participant page's data: the profile as this viewer may see it. Someone else's id looks
 * exactly like an unknown one (undefined), but the attempt is audited as a refused view.
 */
export async function participantProfilePage(
  db: DB,
  viewer: Pick<User, "id" | "role">,
  participantId: number,
  ip: string | null,
): Promise<ParticipantProfile | undefined> {
  const profile = await getParticipantForViewer(db, viewer, participantId);
  if (!profile) {
    await audit(db, {
      actor: { id: viewer.id, role: viewer.role },
      action: "participant.view",
      target: { type: "user", id: participantId },
      outcome: "denied",
      ip,
    });
  }
  return profile;
}
