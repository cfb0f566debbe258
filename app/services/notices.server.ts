import type { DB } from "../../db/connect";
import { audit } from "./audit.server";
import { UserInputError } from "./errors";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";

/**
 * In-app notices for the coordinators (no e-mail exists yet): shown on the coordinator's pages
 * until one of them marks a notice as seen.
 */
export interface CoordinatorNotice {
  id: number;
  kind: "certificate.revokedAfterCorrection";
  created_at: string;
  participant: { id: number; name: string } | null;
  certificate: { id: number; number: string; verification_code: string; revoked_at: string | null } | null;
  interview_id: number | null;
}

export async function openNotices(db: DB): Promise<CoordinatorNotice[]> {
  const rows = await db
    .selectFrom("coordinator_notices as n")
    .leftJoin("users as u", "u.id", "n.participant_id")
    .leftJoin("certificates as c", "c.id", "n.certificate_id")
    .select([
      "n.id",
      "n.kind",
      "n.created_at",
      "n.interview_id",
      "u.id as participant_id",
      "u.name",
      "c.id as certificate_id",
      "c.number",
      "c.verification_code",
      "c.revoked_at",
    ])
    .where("n.seen_at", "is", null)
    .orderBy("n.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    created_at: r.created_at,
    interview_id: r.interview_id,
    participant: r.participant_id !== null && r.name !== null ? { id: r.participant_id, name: r.name } : null,
    certificate:
      r.certificate_id !== null && r.number !== null && r.verification_code !== null
        ? { id: r.certificate_id, number: r.number, verification_code: r.verification_code, revoked_at: r.revoked_at }
        : null,
  }));
}

export async function markNoticeSeen(db: DB, coordinator: Actor, noticeId: number, now = currentTime()): Promise<void> {
  if (coordinator.role !== "coordinator") throw new UserInputError("notice.unknown");
  const result = await db
    .updateTable("coordinator_notices")
    .set({ seen_at: now.toISOString(), seen_by: coordinator.id })
    .where("id", "=", noticeId)
    .where("seen_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserInputError("notice.unknown");
  await audit(db, { actor: coordinator, action: "notice.seen", target: { type: "notice", id: noticeId }, at: now });
}
