import type { DB } from "../../db/connect";
import type { User } from "../../db/schema";
import { currentTime } from "../clock.server";
import { translate, type Lang } from "../i18n/translate";
import { dutchNumber, toDutchCsv } from "../rules/csv";
import { audit } from "./audit.server";
import { renderCohortReportPdf } from "./pdf/report-pdf.server";
import { cohortReport, funderReportRows } from "./reports.server";

export interface ReportDownload {
  /** File name without extension, from the cohort's name. */
  baseName: string;
  body: Uint8Array<ArrayBuffer> | string;
}

/**
 * A cohort's report as a download (PDF in the reader's language, or the funders' CSV for Excel with
 * Dutch settings), audited as an export. Undefined for an unknown cohort (nothing is audited then).
 */
export async function cohortReportDownload(
  db: DB,
  viewer: Pick<User, "id" | "role">,
  cohortId: number,
  opts: { format: "pdf" | "csv"; lang: Lang; today: string; ip?: string | null },
): Promise<ReportDownload | undefined> {
  const report = await cohortReport(db, cohortId, opts.today);
  if (!report) return undefined;
  const body =
    opts.format === "pdf"
      ? new Uint8Array(await renderCohortReportPdf(report, opts.lang, currentTime()))
      : toDutchCsv([translate("nl", "report.funder.item"), translate("nl", "report.funder.value")], funderReportRows(report, "nl", dutchNumber));
  await audit(db, {
    actor: { id: viewer.id, role: viewer.role },
    action: opts.format === "pdf" ? "export.report.pdf" : "export.report.csv",
    target: { type: "cohort", id: cohortId },
    ip: opts.ip,
  });
  return { baseName: `rapportage-${report.progress.cohort.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, body };
}
