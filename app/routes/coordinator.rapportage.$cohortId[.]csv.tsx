import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { cohortReportDownload } from "../services/report-exports.server";

/**
 * A cohort's report for funders as CSV for Excel with Dutch settings: aggregates only, counts of
 * 1–4 people as "< 5", no name, e-mail address or reason of a person (coordinators only; the
 * list with names is a separate export with a stated purpose).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const download = await cohortReportDownload(getDb(), user, cohortId, { format: "csv", lang: "nl", today: todayInAmsterdam(), ip: context.clientIp });
  if (!download) notFound();
  return new Response(download.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${download.baseName}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
