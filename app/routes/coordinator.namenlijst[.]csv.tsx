import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { todayInAmsterdam } from "../guards.server";
import { namedListSchema } from "../forms/reports";
import { translate } from "../i18n/translate";
import { csvDate, dutchNumber, toDutchCsv } from "../rules/csv";
import { audit } from "../services/audit.server";
import { cohortReport } from "../services/reports.server";

/**
 * The list with names of a cohort, for the coordinator's own work only (never for funders): asked
 * for with a stated purpose, which is audited. No outflow reason per person (it can be health).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = namedListSchema.safeParse(query);
  if (!parsed.success) throw redirect("/coordinator/rapportage?lijst=ongeldig#namen");
  const report = await cohortReport(getDb(), parsed.data.groep, todayInAmsterdam());
  if (!report) notFound();
  const nl = (k: Parameters<typeof translate>[1]) => translate("nl", k);
  const csv = toDutchCsv(
    [
      nl("report.csv.name"),
      nl("report.csv.email"),
      nl("report.csv.started"),
      nl("report.csv.leftOn"),
      nl("report.csv.practiceHours"),
      nl("report.csv.learningHours"),
      nl("report.col.eligible"),
    ],
    report.progress.rows.map((r) => [
      r.participant.name,
      r.participant.email,
      csvDate(r.enrolledOn),
      csvDate(r.left?.on),
      dutchNumber(r.facts.practiceConfirmedMinutes / 60),
      dutchNumber(r.facts.learningHours),
      r.eligibility.eligible,
    ]),
  );
  await audit(getDb(), {
    actor: { id: user.id, role: user.role },
    action: "export.report.named",
    target: { type: "cohort", id: parsed.data.groep },
    ip: context.clientIp,
    details: { purpose: parsed.data.doel },
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="namen-${report.progress.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
