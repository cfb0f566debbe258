import PDFDocument from "pdfkit";
import { registerFonts } from "./fonts.server";
import { normaliseGop, type GopContent } from "../../rules/gop";
import { LEERDOEL_FIELDS, normalisePop, type PopContent } from "../../rules/pop";
import { formatDate, translate, type Lang } from "../../i18n/translate";

export interface PopPdfInput {
  participant: string;
  cohort: string | null;
  status: string;
  version: number;
  approvedVersion: number | null;
  content: PopContent;
  competencies: { code: string; title: string }[];
  lang: Lang;
  printedAt: Date;
}

/**
 * The POP as a clean PDF with an embedded Unicode font (Dutch characters like ë and ï print
 * correctly). Reproducible: the same input gives the same text; the creation date is fixed
 * to the print date.
 */
export function renderPopPdf(input: PopPdfInput): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(input.lang, key, params);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: t("pop.titleOf", { name: input.participant }), Author: input.participant, CreationDate: input.printedAt },
    lang: input.lang,
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const c = normalisePop(input.content);
  const heading = (text: string, size = 14) => doc.moveDown(0.6).font("bold").fontSize(size).fillColor("#00606b").text(text).fillColor("#1d2527");
  const paragraph = (text: string) =>
    doc
      .font("body")
      .fontSize(11)
      .text(text || t("pop.empty"), { lineGap: 2 });

  doc
    .font("bold")
    .fontSize(20)
    .fillColor("#1d2527")
    .text(t("pop.titleOf", { name: input.participant }));
  doc.font("body").fontSize(10).fillColor("#4a5457");
  doc.text(
    [input.cohort, `${t("pop.version", { number: input.version })} · ${input.status}`, `${formatDate(input.lang, input.printedAt.toISOString())}`]
      .filter(Boolean)
      .join("  ·  "),
  );
  if (input.approvedVersion) doc.text(t("pop.approvedVersion", { number: input.approvedVersion }));
  doc.fillColor("#1d2527");

  if (c.wieBenIk) {
    heading(t("pop.wieBenIk"));
    paragraph(c.wieBenIk);
  }
  heading(t("pop.sterkeKanten"));
  paragraph(c.sterkeKanten);
  heading(t("pop.ontwikkelpunten"));
  paragraph(c.ontwikkelpunten);
  c.leerdoelen.forEach((l, i) => {
    heading(t("pop.leerdoel", { number: i + 1 }), 13);
    for (const f of LEERDOEL_FIELDS) {
      if (!l[f]) continue;
      doc
        .moveDown(0.2)
        .font("bold")
        .fontSize(10)
        .text(t(`pop.field.${f}`));
      paragraph(f === "competentie" ? (input.competencies.find((x) => x.code === l[f])?.title ?? l[f]) : l[f]);
    }
  });
  doc.end();
  return done;
}

/** The cohort's GOP as a PDF, the same way as the POP. */
export function renderGopPdf(input: { cohort: string; status: string; version: number; content: GopContent; lang: Lang; printedAt: Date }): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(input.lang, key, params);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: t("gop.heading", { name: input.cohort }), CreationDate: input.printedAt },
    lang: input.lang,
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const c = normaliseGop(input.content);
  doc
    .font("bold")
    .fontSize(20)
    .fillColor("#1d2527")
    .text(t("gop.heading", { name: input.cohort }));
  doc
    .font("body")
    .fontSize(10)
    .fillColor("#4a5457")
    .text(`${t("pop.version", { number: input.version })} · ${input.status} · ${formatDate(input.lang, input.printedAt.toISOString())}`);
  const heading = (text: string) => doc.moveDown(0.6).font("bold").fontSize(14).fillColor("#00606b").text(text).fillColor("#1d2527");
  heading(t("gop.section.goals"));
  c.goals.forEach((g, i) => {
    doc
      .moveDown(0.3)
      .font("bold")
      .fontSize(11)
      .text(`${i + 1}. ${g.doel}`);
    doc
      .font("body")
      .fontSize(11)
      .text(`${t("gop.goal.actie")}: ${g.actie}\n${t("gop.goal.wie")}: ${g.wie}\n${t("gop.goal.wanneer")}: ${g.wanneer}`, { lineGap: 2 });
  });
  if (c.goals.length === 0) doc.font("body").fontSize(11).text(t("pop.empty"));
  heading(t("gop.section.agreements"));
  doc
    .font("body")
    .fontSize(11)
    .text(c.agreements || t("pop.empty"), { lineGap: 2 });
  heading(t("gop.section.evaluation"));
  doc
    .font("body")
    .fontSize(11)
    .text(c.evaluation || t("pop.empty"), { lineGap: 2 });
  doc.end();
  return done;
}
