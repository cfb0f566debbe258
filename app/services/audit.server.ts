import type { DB } from "../../db/connect";
import type { AuditEntry } from "../../db/schema";
import { currentTime } from "../clock.server";

export interface AuditInput {
  actor?: { id: number; role: string } | null;
  action: string;
  target?: { type: string; id: string | number } | null;
  outcome?: "success" | "failure" | "denied";
  /** Where the request came from: kept as a trace, removed after the sign-in trace period. */
  ip?: string | null;
  /** The e-mail address someone typed (sign-in): a trace too, never part of the line itself. */
  typedEmail?: string | null;
  details?: Record<string, unknown> | null;
  at?: Date;
}

/**
 * Appends one line to the audit trail. The table refuses UPDATE and DELETE. The line holds what
 * proves who did what; the personal traces (IP address, typed e-mail address) go to
 * `audit_traces`, which retention empties after the sign-in trace period.
 */
export async function audit(db: DB, input: AuditInput): Promise<void> {
  const at = (input.at ?? currentTime()).toISOString();
  const line = await db
    .insertInto("audit_log")
    .values({
      at,
      actor_id: input.actor?.id ?? null,
      actor_role: input.actor?.role ?? null,
      action: input.action,
      target_type: input.target?.type ?? null,
      target_id: input.target ? String(input.target.id) : null,
      outcome: input.outcome ?? "success",
      ip: null,
      details: input.details ? JSON.stringify(input.details) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.ip || input.typedEmail) {
    await db
      .insertInto("audit_traces")
      .values({ audit_id: line.id, ip: input.ip ?? null, email: input.typedEmail ?? null, created_at: at })
      .execute();
  }
}

export async function recentAudit(db: DB, limit = 100): Promise<AuditEntry[]> {
  return db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit).execute();
}
