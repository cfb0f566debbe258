import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { translate } from "../i18n/translate";
import { dutchNumber, toDutchCsv } from "../rules/csv";
import { audit } from "../services/audit.server";
import { cohortReport, funderReportRows } from "../services/reports.server";

/**
 * A cohort's report for funders as CSV for Excel with Dutch settings: aggregates only, counts of
 * 1–4 people as "< 5", no name, e-mail address or reason of a person (coordinators only; the
 * list with names is a separate export with a stated purpose).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const report = await cohortReport(getDb(), cohortId, todayInAmsterdam());
  if (!report) notFound();
  const csv = toDutchCsv([translate("nl", "report.funder.item"), translate("nl", "report.funder.value")], funderReportRows(report, "nl", dutchNumber));
  await audit(getDb(), {
    actor: { id: user.id, role: user.role },
    action: "export.report.csv",
    target: { type: "cohort", id: cohortId },
    ip: context.clientIp,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rapportage-${report.progress.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
