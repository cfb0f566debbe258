import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { formatDate, formatNumber, translate, type Lang } from "../../i18n/translate";
import { isRightToLeftName } from "../../rules/names";
import { registerFonts } from "./fonts.server";

/** What a certificate certifies, frozen at issue: later edits to the course cannot change it. */
export interface CertificateSnapshot {
  number: string;
  verificationCode: string;
  verifyUrl: string;
  participantName: string;
  leerlijn: { name: string; version: number; level: string };
  cohort: { name: string; startDate: string; endDate: string };
  hours: { learning: number; practice: number };
  trainings: string[];
  issuedOn: string;
  place: string;
  issuer: string;
  partners: string[];
  title: string;
  statement: string;
  signatories: { name: string; role: string }[];
  /** set on a reissue: the number it replaces */
  replaces: string | null;
}

const INK = "#1d2527";
const MUTED = "#4a5457";
const ACCENT = "#00606b";

/** The box of the name under "awarded to": between that line and the statement below. */
const NAME_TOP = 170;
const NAME_HEIGHT = 46;

/**
 * The largest size (30 pt down to 12 pt) at which the name fits its box, on one line or two; at
 * the longest name the forms allow (120 characters) 12 pt on two lines always fits.
 */
export function nameFontSize(heightAt: (size: number) => number): number {
  for (let size = 30; size > 12; size -= 1) if (heightAt(size) <= NAME_HEIGHT) return size;
  return 12;
}

/**
 * The participant's name, shrunk to fit its box (never over the lines below). A name in Arabic
 * script gets its words in right-to-left order; the font engine shapes and orders the letters
 * within each word.
 */
function drawName(doc: PDFKit.PDFDocument, name: string, left: number, width: number) {
  const text = isRightToLeftName(name) ? name.split(" ").reverse().join(" ") : name;
  doc.font("bold").fillColor(INK);
  const size = nameFontSize((size) => doc.fontSize(size).heightOfString(text, { width, align: "center" }));
  doc.fontSize(size);
  const height = doc.heightOfString(text, { width, align: "center" });
  doc.text(text, left, NAME_TOP + Math.max(0, (NAME_HEIGHT - height) / 2), { width, align: "center", height: NAME_HEIGHT });
}

/**
 * The page's logical structure (a tagged PDF): a screen reader or a reflowing reader gets the
 * texts in reading order, the heading as a heading; the frame, lines and QR code are decoration
 * ("artifacts": the verification link is in the text as well).
 */
function structure(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement) {
  const section = doc.struct("Sect");
  root.add(section);
  return {
    /** draws `draw` as one structure element of the page, right away */
    tag(type: "H1" | "P", draw: () => void) {
      section.add(doc.struct(type, {}, draw));
    },
    artifact(draw: () => void) {
      doc.markContent("Artifact", { type: "Layout" });
      draw();
      doc.endMarkedContent();
    },
    end() {
      section.end();
    },
  };
}

function drawPage(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, s: CertificateSnapshot, lang: Lang) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const { tag, artifact, end } = structure(doc, root);
  const W = doc.page.width;
  const H = doc.page.height;
  artifact(() =>
    doc
      .save()
      .lineWidth(3)
      .strokeColor(ACCENT)
      .rect(24, 24, W - 48, H - 48)
      .stroke()
      .lineWidth(0.75)
      .rect(32, 32, W - 64, H - 64)
      .stroke()
      .restore(),
  );
  const left = 70;
  const width = W - 140;
  tag("P", () => doc.font("body").fontSize(12).fillColor(MUTED).text(s.issuer, left, 62, { width, align: "center" }));
  tag("H1", () => doc.font("bold").fontSize(40).fillColor(ACCENT).text(s.title, left, 88, { width, align: "center" }));
  tag("P", () => doc.font("body").fontSize(14).fillColor(INK).text(t("certificate.pdf.awardedTo"), left, 150, { width, align: "center" }));
  tag("P", () => drawName(doc, s.participantName, left, width));
  tag("P", () => doc.font("body").fontSize(14).text(s.statement, left, 218, { width, align: "center" }));
  tag("P", () => doc.font("bold").fontSize(16).fillColor(ACCENT).text(`${s.leerlijn.name} (${s.leerlijn.level})`, left, 250, { width, align: "center" }));
  doc.font("body").fontSize(12).fillColor(INK);
  tag("P", () =>
    doc.text(t("certificate.pdf.hours", { learning: formatNumber(lang, s.hours.learning), practice: formatNumber(lang, s.hours.practice) }), left, 280, {
      width,
      align: "center",
    }),
  );
  if (s.trainings.length > 0) tag("P", () => doc.text(t("certificate.pdf.trainings", { list: s.trainings.join(", ") }), { width, align: "center" }));
  tag("P", () =>
    doc.text(t("certificate.pdf.period", { start: formatDate(lang, s.cohort.startDate), end: formatDate(lang, s.cohort.endDate) }), { width, align: "center" }),
  );
  tag("P", () => doc.text(t("certificate.pdf.placeDate", { place: s.place, date: formatDate(lang, s.issuedOn) }), { width, align: "center" }));

  // Signatories along the bottom, left of the QR code.
  const sigY = H - 170;
  const sigWidth = (W - 140 - 150) / Math.max(1, s.signatories.length);
  s.signatories.forEach((sig, i) => {
    const x = left + i * sigWidth;
    artifact(() =>
      doc
        .save()
        .strokeColor(MUTED)
        .lineWidth(0.75)
        .moveTo(x + 10, sigY)
        .lineTo(x + sigWidth - 20, sigY)
        .stroke()
        .restore(),
    );
    tag("P", () =>
      doc
        .font("bold")
        .fontSize(11)
        .fillColor(INK)
        .text(sig.name, x + 10, sigY + 6, { width: sigWidth - 30 }),
    );
    tag("P", () =>
      doc
        .font("body")
        .fontSize(9)
        .fillColor(MUTED)
        .text(sig.role, x + 10, doc.y, { width: sigWidth - 30 }),
    );
  });

  const qrSize = 110;
  artifact(() => {
    drawQr(doc, s.verifyUrl, W - 70 - qrSize, H - 70 - qrSize - 26, qrSize);
    doc
      .font("body")
      .fontSize(8)
      .fillColor(MUTED)
      .text(t("certificate.pdf.scan"), W - 70 - qrSize - 20, H - 70 - 24, { width: qrSize + 20, align: "center" });
  });

  doc.font("body").fontSize(9).fillColor(MUTED);
  tag("P", () =>
    doc.text(`${t("certificate.pdf.number")}: ${s.number}${s.replaces ? ` (${t("certificate.pdf.replaces", { number: s.replaces })})` : ""}`, left, H - 82, {
      width: W - 300,
      lineBreak: false,
    }),
  );
  tag("P", () => doc.text(`${t("certificate.pdf.code")}: ${s.verificationCode} · ${s.verifyUrl}`, left, H - 68, { width: W - 300, lineBreak: false }));
  end();
}

/**
 * A file carried inside the PDF (PDF/A-3 "associated file"): a reader lists it as an attachment,
 * and an archive sees from `relationship` how it relates to the certificate.
 */
export interface PdfAttachment {
  /** the file name shown to the reader, e.g. "leerlijn-credential.json"; unique within one PDF */
  name: string;
  /** the exact bytes to embed; a string is embedded as UTF-8 (never read as a path) */
  content: Buffer | string;
  /** the MIME type, e.g. "application/ld+json"; PDF/A-3 requires one */
  mimeType: string;
  /** one short line for the reader's attachment list */
  description: string;
  /**
   * PDF/A-3's AFRelationship: "Alternative" (the same content in another form, e.g. the signed
   * credential), "Data" (data the page was made from), "Source", "Supplement"; default "Unspecified".
   */
  relationship?: "Source" | "Data" | "Alternative" | "Supplement" | "Unspecified";
}

export interface CertificatePdfOptions {
  /** files embedded in the PDF as PDF/A-3 associated files; none when absent or empty */
  attachments?: PdfAttachment[];
}

/** Text for XMP (XML): pdfkit puts the title, author and subject in as they are. */
function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An XMP date as pdfkit writes xmp:CreateDate: seconds, UTC. */
function xmpDate(date: Date): string {
  return `${date.toISOString().split(".")[0]}Z`;
}

/**
 * A new PDF/A-3b document (ISO 19005-3, level B: it looks the same in every reader, always):
 * tagged (see structure), PDF 1.7, only the app's embedded fonts (no default standard font: pdfkit would otherwise set
 * Helvetica, which is not embedded), pdfkit's sRGB output intent and PDF/A identification in the
 * XMP metadata, plus the title, author (the course provider), subject, language and dates there,
 * equal to the document information as PDF/A requires.
 */
function newDoc(title: string, subject: string, author: string, createdAt: Date, lang: Lang) {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    autoFirstPage: false,
    pdfVersion: "1.7",
    subset: "PDF/A-3b",
    // null, not undefined: no default font at all (the types only know a font name)
    font: null as unknown as string,
    // An empty author is left out: PDF/A wants every entry here in the XMP too, and pdfkit skips it there.
    info: {
      Title: title,
      ...(author ? { Author: author } : {}),
      Subject: subject,
      Creator: "Leerlijn",
      Producer: "Leerlijn",
      CreationDate: createdAt,
      ModDate: createdAt,
    },
    lang,
    displayTitle: true,
    tagged: true,
  });
  registerFonts(doc);
  escapeInfoInXmp(doc);
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${xmpDate(createdAt)}</xmp:ModifyDate>
            <xmp:MetadataDate>${xmpDate(createdAt)}</xmp:MetadataDate>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:language><rdf:Bag><rdf:li>${xmlText(lang)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>`);
  // One Document element holds the structure, a section per page (see structure).
  const root = doc.struct("Document");
  doc.addStructure(root);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  return { doc, root, done };
}

/**
 * pdfkit writes the document information into the XMP metadata without escaping it, so a provider
 * called "Buurt & Co" would break the XML (and with it the PDF/A metadata). Escape while it does.
 */
function escapeInfoInXmp(doc: PDFKit.PDFDocument) {
  const inner = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = inner._addInfo;
  inner._addInfo = function (this: typeof inner) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === "string" ? xmlText(v) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

/** Embeds each attachment as a PDF/A-3 associated file (in the catalog's AF list and the attachment list). */
function attachFiles(doc: PDFKit.PDFDocument, attachments: PdfAttachment[], createdAt: Date) {
  const names = new Set<string>();
  for (const a of attachments) {
    if (names.has(a.name)) throw new Error(`Two attachments called ${a.name}`);
    names.add(a.name);
    // Always bytes: pdfkit would read a string as a file path.
    const bytes = typeof a.content === "string" ? Buffer.from(a.content, "utf8") : a.content;
    const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
      name: a.name,
      type: a.mimeType,
      description: a.description,
      relationship: a.relationship ?? "Unspecified",
      creationDate: createdAt,
      modifiedDate: createdAt,
    };
    doc.file(bytes, options);
  }
}

/**
 * The QR code as squares drawn in the PDF (sharp at any print size), on white with a quiet zone of
 * two modules. Drawing it costs a fraction of making a PNG that pdfkit then has to unpack again.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const QUIET = 2;
  const cell = size / (modules.size + 2 * QUIET);
  doc.save().rect(x, y, size, size).fill("#ffffff");
  // One rectangle per run of dark modules in a row: fewer shapes, and no seams inside a run.
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      doc.rect(x + (col + QUIET) * cell, y + (row + QUIET) * cell, (end - col + 1) * cell, cell);
      col = end;
    }
  }
  doc.fill("#000000").restore();
}

/**
 * One certificate, one A4 landscape page, as PDF/A-3b (see newDoc).
 *
 * `options.attachments` embeds files as PDF/A-3 associated files, so the one PDF carries the
 * certificate for people and for machines, e.g. the signed Open Badges credential:
 * `{ name: "leerlijn-credential.json", content: json, mimeType: "application/ld+json",
 *    description: "…", relationship: "Alternative" }`. The bytes come back out unchanged
 * (`pdfdetach -save`), so a signature over them still verifies. Without it: no attachments.
 */
export async function renderCertificatePdf(s: CertificateSnapshot, lang: Lang, issuedAt: Date, options: CertificatePdfOptions = {}): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const { doc, root, done } = newDoc(
    t("certificate.pdf.title", { name: s.participantName }),
    t("certificate.pdf.subject", { leerlijn: s.leerlijn.name, number: s.number }),
    s.issuer,
    issuedAt,
    lang,
  );
  doc.addPage();
  drawPage(doc, root, s, lang);
  attachFiles(doc, options.attachments ?? [], issuedAt);
  root.end();
  doc.end();
  return done;
}

/** Every certificate of a cohort in one PDF, a page each: for the ceremony. */
export async function renderCertificateBook(items: CertificateSnapshot[], cohortName: string, lang: Lang, printedAt: Date): Promise<Buffer> {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  const { doc, root, done } = newDoc(
    t("certificate.book.title", { name: cohortName }),
    t("certificate.book.title", { name: cohortName }),
    items[0]?.issuer ?? "",
    printedAt,
    lang,
  );
  for (const s of items) {
    doc.addPage();
    drawPage(doc, root, s, lang);
  }
  root.end();
  doc.end();
  return done;
}

/**
 * Renders a sample certificate and throws it away: the first real one after a start would
 * otherwise wait some 200 ms for code that is not compiled yet (pdfkit, fontkit, the QR encoder).
 */
export async function warmUpCertificatePdf(): Promise<void> {
  const sample: CertificateSnapshot = {
    number: "0000",
    verificationCode: "voorbeeld",
    verifyUrl: "https://example.invalid/verify/voorbeeld",
    participantName: "Voorbeeld",
    leerlijn: { name: "Leerlijn", version: 1, level: "post-mbo" },
    cohort: { name: "Groep", startDate: "2026-01-01", endDate: "2026-06-30" },
    hours: { learning: 60, practice: 60 },
    trainings: ["Training"],
    issuedOn: "2026-07-01",
    place: "Amsterdam",
    issuer: "Leerlijn",
    partners: [],
    title: "Certificaat",
    statement: "Voorbeeld",
    signatories: [{ name: "Voorbeeld", role: "Examinator" }],
    replaces: null,
  };
  for (let i = 0; i < 3; i++) await renderCertificatePdf(sample, "nl", new Date(0));
}
