import PDFDocument from "pdfkit";
import { formatDate, translate, type Lang } from "../../i18n/translate";
import { registerFonts } from "./fonts.server";
import { funderReportRows, type CohortReport } from "../reports.server";

/**
 * A cohort's report for funders as a printable PDF: aggregates only (counts of 1–4 people as
 * "< 5"), no name, e-mail address or outflow reason of a person.
 */
export function renderCohortReportPdf(report: CohortReport, lang: Lang, printedAt: Date): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const { cohort } = report.progress;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
    info: { Title: t("report.pdfTitle", { name: cohort.name }), CreationDate: printedAt },
    lang,
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  doc
    .font("bold")
    .fontSize(18)
    .fillColor("#1d2527")
    .text(t("report.pdfTitle", { name: cohort.name }));
  doc
    .font("body")
    .fontSize(10)
    .fillColor("#4a5457")
    .text(
      `${t("cohort.dates", { start: formatDate(lang, cohort.start_date), end: formatDate(lang, cohort.end_date) })} · ${t("report.printed", { date: formatDate(lang, printedAt.toISOString()) })}`,
    );
  doc.fillColor("#1d2527").moveDown(0.8);
  for (const [k, v] of funderReportRows(report, lang)) doc.font("bold").fontSize(11).text(`${k}: `, { continued: true }).font("body").text(v);
  doc.moveDown(0.8).font("body").fontSize(10).fillColor("#4a5457").text(t("report.funder.smallNote")).fillColor("#1d2527");
  doc.end();
  return done;
}
