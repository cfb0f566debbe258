import { sql } from "kysely";
import { getDb } from "../db.server";

/** 200 {"status":"ok"} only when the database answers a query. */
export async function loader() {
  try {
    const row = await sql<{ ok: number }>`select 1 as ok`.execute(getDb());
    if (row.rows[0]?.ok !== 1) throw new Error("unexpected answer");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
