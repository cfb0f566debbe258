import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { parsePoolMonitoringYear, poolMonitoringCsv } from "../services/pool-monitoring.server";

/**
 * The pool's figures of a year for the gemeente and the ANE, as CSV for Excel with Dutch settings:
 * the same tables as /coordinator/rapportage/pool, aggregates only, small counts as "< 5", no name
 * or text of a person (coordinators only; the download is audited).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const today = todayInAmsterdam();
  const year = parsePoolMonitoringYear(new URL(request.url).searchParams.get("jaar"), today);
  const download = await poolMonitoringCsv(getDb(), user, year, { today, ip: context.clientIp });
  return new Response(download.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
