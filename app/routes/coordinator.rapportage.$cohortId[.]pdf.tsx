import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { getLang } from "../i18n/i18n.server";
import { cohortReportDownload } from "../services/report-exports.server";

/** A cohort's report as a printable PDF (resource route, coordinators only). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const download = await cohortReportDownload(getDb(), user, cohortId, {
    format: "pdf",
    lang: await getLang(request),
    today: todayInAmsterdam(),
    ip: context.clientIp,
  });
  if (!download) notFound();
  return new Response(download.body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${download.baseName}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
