import type { DB } from "../../db/connect";
import type { AuditEntry } from "../../db/schema";
import { currentTime } from "../clock.server";

export interface AuditInput {
  /** who did it; an actor made with `withIp` also gives the request's IP address */
  actor?: { id: number; role: string; ip?: string | null } | null;
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
 * The acting person with the IP address of their request, for a service that audits what they
 * do: every line it writes for this actor records the address, as the routes' own lines do
 * (`ip: context.clientIp`). The services keep taking an actor; only the route knows the request.
 */
export function withIp<T extends { id: number; role: string }>(actor: T, ip: string | null | undefined): T & { ip: string | null } {
  return { ...actor, ip: ip ?? null };
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
  const ip = input.ip ?? input.actor?.ip ?? null;
  if (ip || input.typedEmail) {
    await db
      .insertInto("audit_traces")
      .values({ audit_id: line.id, ip, email: input.typedEmail ?? null, created_at: at })
      .execute();
  }
}

export async function recentAudit(db: DB, limit = 100): Promise<AuditEntry[]> {
  return db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit).execute();
}
