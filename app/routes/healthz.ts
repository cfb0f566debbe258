import { getDb } from "../db.server";
import { databaseAnswers } from "../services/health.server";

/** 200 {"status":"ok"} only when the database answers a query. */
export async function loader() {
  try {
    if (!(await databaseAnswers(getDb()))) throw new Error("unexpected answer");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
