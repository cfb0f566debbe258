import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireArea } from "../auth.server";
import { getDb } from "../db.server";
import { idParam, todayInAmsterdam } from "../guards.server";
import { describeMissing } from "../i18n/eligibility";
import { translate } from "../i18n/translate";
import { csvDate, dutchNumber, toDutchCsv } from "../rules/csv";
import { audit } from "../services/audit.server";
import { cohortReport } from "../services/reports.server";

/** A cohort's report per participant as CSV for Excel with Dutch settings (coordinators only). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "reports", context.clientIp);
  const cohortId = idParam(params, "cohortId");
  const report = await cohortReport(getDb(), cohortId, todayInAmsterdam());
  if (!report) notFound();
  const nl = (k: Parameters<typeof translate>[1]) => translate("nl", k);
  const verdict = (met: boolean, atRisk: boolean) => (met ? nl("progress.met") : atRisk ? nl("progress.atRisk") : nl("progress.notYet"));
  const csv = toDutchCsv(
    [
      nl("report.csv.name"),
      nl("report.csv.email"),
      nl("report.csv.started"),
      nl("report.csv.leftOn"),
      nl("report.csv.leftReason"),
      nl("report.csv.practiceHours"),
      nl("report.csv.learningHours"),
      nl("report.csv.lessons"),
      nl("report.csv.intervisie"),
      nl("requirement.name.praktijk"),
      nl("requirement.name.aanwezigheid"),
      nl("requirement.name.pop"),
      nl("requirement.name.gop"),
      nl("requirement.name.interview"),
      nl("report.col.ready"),
      nl("report.col.eligible"),
      nl("report.csv.missing"),
    ],
    report.progress.rows.map((r) => {
      const req = (code: string) => r.eligibility.requirements.find((x) => x.code === code)!;
      return [
        r.participant.name,
        r.participant.email,
        csvDate(r.enrolledOn),
        csvDate(r.left?.on),
        r.left ? nl(`outflow.reason.${r.left.reason}`) : "",
        dutchNumber(r.facts.practiceConfirmedMinutes / 60),
        dutchNumber(r.facts.learningHours),
        `${r.facts.lessonsAttended}/${r.facts.lessonsHeld}`,
        r.facts.intervisieAttended,
        verdict(req("praktijk").met, req("praktijk").atRisk),
        verdict(req("aanwezigheid").met, req("aanwezigheid").atRisk),
        verdict(req("pop").met, false),
        verdict(req("gop").met, false),
        verdict(req("interview").met, req("interview").atRisk),
        r.eligibility.readyForInterview,
        r.eligibility.eligible,
        r.eligibility.requirements.flatMap((x) => x.missing).map((m) => describeMissing("nl", m)).join(" "),
      ];
    }),
  );
  await audit(getDb(), { actor: { id: user.id, role: user.role }, action: "export.report.csv", target: { type: "cohort", id: cohortId }, ip: context.clientIp });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rapportage-${report.progress.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
