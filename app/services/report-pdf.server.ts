import PDFDocument from "pdfkit";
import { describeMissing } from "../i18n/eligibility";
import { formatDate, formatNumber, translate, type Lang } from "../i18n/translate";
import { registerFonts } from "./pop-pdf.server";
import type { CohortReport } from "./reports.server";

/**
 * A cohort's report as a printable PDF: the funder's figures on top, then one line per
 * participant with the engine's verdict per requirement. No plan texts, no reflections.
 */
export function renderCohortReportPdf(report: CohortReport, lang: Lang, printedAt: Date): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const n = (v: number) => formatNumber(lang, v);
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

  doc.font("bold").fontSize(18).fillColor("#1d2527").text(t("report.pdfTitle", { name: cohort.name }));
  doc.font("body").fontSize(10).fillColor("#4a5457").text(
    `${t("cohort.dates", { start: formatDate(lang, cohort.start_date), end: formatDate(lang, cohort.end_date) })} · ${t("report.printed", { date: formatDate(lang, printedAt.toISOString()) })}`,
  );
  doc.fillColor("#1d2527").moveDown(0.8);
  const c = report.counts;
  const facts: [string, string][] = [
    [t("report.col.participants"), n(c.participants)],
    [t("report.col.active"), n(c.active)],
    [t("report.col.left"), n(c.left)],
    [t("report.col.ready"), n(c.readyForInterview)],
    [t("report.col.eligible"), n(c.eligible)],
    [t("report.col.certified"), n(c.certified)],
    [t("report.col.atRisk"), n(c.atRisk)],
    [t("report.col.delivered"), `${n(report.delivered.total)} (${t("sessionType.les")} ${n(report.delivered.les)}, ${t("sessionType.training")} ${n(report.delivered.training)}, ${t("sessionType.intervisie")} ${n(report.delivered.intervisie)})`],
    [t("report.col.learningCredited"), n(report.learningHoursCredited)],
    [t("report.col.practice"), n(report.practiceConfirmedHours)],
  ];
  for (const [k, v] of facts) doc.font("bold").fontSize(11).text(`${k}: `, { continued: true }).font("body").text(v);

  doc.moveDown(0.8).font("bold").fontSize(14).fillColor("#00606b").text(t("report.perParticipant")).fillColor("#1d2527");
  for (const row of report.progress.rows) {
    doc.moveDown(0.5).font("bold").fontSize(11).text(row.participant.name + (row.left ? ` — ${t("overview.leftOn", { date: formatDate(lang, row.left.on), reason: t(`outflow.reason.${row.left.reason}`) })}` : ""));
    const parts = row.eligibility.requirements.map((r) => `${t(`requirement.name.${r.code}`)}: ${r.met ? t("progress.met") : r.atRisk ? t("progress.atRisk") : t("progress.notYet")}`);
    doc.font("body").fontSize(10).text(parts.join(" · "), { lineGap: 1 });
    const missing = row.eligibility.requirements.flatMap((r) => r.missing).filter((m) => !m.key.startsWith("eligibility.interview"));
    if (missing.length > 0) doc.fillColor("#4a5457").text(missing.map((m) => describeMissing(lang, m)).join(" ")).fillColor("#1d2527");
  }
  doc.end();
  return done;
}
