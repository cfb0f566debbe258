import type { DB } from "../../db/connect";

/**
 * The audit trail as the coordinator reads it: every line with its IP address while that trace is
 * kept (`audit_traces`, removed by retention). Query it like the table:
 * `auditLines(db).select([...]).where("action", "=", …)`.
 */
export function auditLines(db: DB) {
  return db.selectFrom((eb) =>
    eb
      .selectFrom("audit_log as a")
      .leftJoin("audit_traces as tr", "tr.audit_id", "a.id")
      .select(["a.id", "a.at", "a.actor_id", "a.actor_role", "a.action", "a.target_type", "a.target_id", "a.outcome", "a.details", "tr.email as typed_email"])
      .select((s) => s.fn.coalesce("tr.ip", "a.ip").as("ip"))
      .as("audit_log"),
  );
}
