import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { audit } from "../services/audit.server";
import { renderCohortReportPdf } from "../services/pdf/report-pdf.server";
import { cohortReport } from "../services/reports.server";
import { currentTime } from "../clock.server";

/** A cohort's report as a printable PDF (resource route, coordinators only). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const report = await cohortReport(getDb(), cohortId, todayInAmsterdam());
  if (!report) notFound();
  const pdf = await renderCohortReportPdf(report, await getLang(request), currentTime());
  await audit(getDb(), {
    actor: { id: user.id, role: user.role },
    action: "export.report.pdf",
    target: { type: "cohort", id: cohortId },
    ip: context.clientIp,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="rapportage-${report.progress.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
