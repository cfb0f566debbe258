import { sql } from "kysely";
import type { DB } from "../../db/connect";

/** Whether the database answers a query (the liveness probe, `/healthz`); a broken connection throws. */
export async function databaseAnswers(db: DB): Promise<boolean> {
  const row = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return row.rows[0]?.ok === 1;
}
