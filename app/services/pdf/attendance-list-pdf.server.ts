import PDFDocument from "pdfkit";
import { formatDate, translate, type Lang, type Params } from "../../i18n/translate";
import type { MessageKey } from "../../i18n/nl";
import { registerFonts } from "./fonts.server";

export interface AttendanceListInput {
  cohort: string;
  meeting: { title: string; date: string; start_time: string; end_time: string; location: string | null; trainer_names: string[] };
  /** Who is expected, in the order of the attendance sheet (by name), so entering it afterwards is row by row. */
  people: { name: string }[];
  /** Where the sheet is entered afterwards, shown at the foot of each page. */
  sheetUrl: string;
  lang: Lang;
  printedAt: Date;
}

const INK = "#1d2527";
const MUTED = "#4a5457";
const LINE = "#8a9396";

/**
 * A printable attendance list for one meeting (A4), for rooms without Wi-Fi: the meeting's
 * details, then a row per expected participant with a box to tick and a column to sign. Rows
 * follow the attendance sheet's order, so the trainer enters it afterwards top to bottom. Only
 * the names of the people expected there; nothing else about them.
 */
export function renderAttendanceListPdf(input: AttendanceListInput): Promise<Buffer> {
  const t = (key: MessageKey, params?: Params) => translate(input.lang, key, params);
  const { meeting } = input;
  const title = t("attendanceList.pdfTitle", { title: meeting.title, date: formatDate(input.lang, meeting.date) });
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 50, bottom: 60, left: 50, right: 50 },
    info: { Title: title, CreationDate: input.printedAt },
    lang: input.lang,
    bufferPages: true,
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const col = { number: 28, name: 210, present: 70 };
  const signX = left + col.number + col.name + col.present;
  const rowHeight = 30;

  doc.font("bold").fontSize(16).fillColor(INK).text(title);
  doc.moveDown(0.3).font("body").fontSize(10.5).fillColor(INK);
  doc.text(`${t("attendanceList.cohort")}: ${input.cohort}`);
  doc.text(`${t("attendanceList.time")}: ${meeting.start_time}–${meeting.end_time}`);
  if (meeting.location) doc.text(`${t("attendanceList.location")}: ${meeting.location}`);
  if (meeting.trainer_names.length > 0) doc.text(`${t("attendanceList.trainers")}: ${meeting.trainer_names.join(", ")}`);
  doc.moveDown(0.4).fillColor(MUTED).fontSize(9.5).text(t("attendanceList.instructions"), { width });
  doc.fillColor(INK).moveDown(0.8);

  const header = () => {
    const y = doc.y;
    doc.font("bold").fontSize(10).fillColor(INK);
    doc.text("#", left, y, { width: col.number });
    doc.text(t("attendanceList.name"), left + col.number, y, { width: col.name });
    doc.text(t("attendanceList.present"), left + col.number + col.name, y, { width: col.present });
    doc.text(t("attendanceList.signature"), signX, y, { width: width - (signX - left) });
    const bottom = y + 16;
    doc
      .moveTo(left, bottom)
      .lineTo(left + width, bottom)
      .lineWidth(1)
      .strokeColor(INK)
      .stroke();
    doc.y = bottom + 4;
  };
  header();
  doc.font("body").fontSize(11);
  input.people.forEach((person, i) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
      doc.font("body").fontSize(11);
    }
    const y = doc.y;
    const textY = y + (rowHeight - 11) / 2 - 2;
    doc.fillColor(MUTED).text(String(i + 1), left, textY, { width: col.number, lineBreak: false });
    // A long name takes two lines, smaller when needed, and stays inside its row.
    const nameWidth = col.name - 8;
    let size = 11;
    doc.fontSize(size);
    while (size > 8 && doc.heightOfString(person.name, { width: nameWidth }) > rowHeight - 4) doc.fontSize(--size);
    const nameHeight = Math.min(doc.heightOfString(person.name, { width: nameWidth }), rowHeight - 4);
    doc.fillColor(INK).text(person.name, left + col.number, y + (rowHeight - nameHeight) / 2, { width: nameWidth, height: rowHeight - 4, ellipsis: true });
    doc.fontSize(11);
    // A box to tick, and the line to sign on.
    const box = 12;
    doc
      .rect(left + col.number + col.name + 4, y + (rowHeight - box) / 2, box, box)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    doc
      .moveTo(left, y + rowHeight)
      .lineTo(left + width, y + rowHeight)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    doc.y = y + rowHeight;
  });
  if (input.people.length === 0)
    doc
      .font("body")
      .fontSize(11)
      .fillColor(MUTED)
      .text(t("attendanceList.nobody"), left, doc.y + 8);

  // Each page's foot: where to enter the list afterwards, the print date and the page number.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footY = doc.page.height - doc.page.margins.bottom + 20;
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font("body")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `${t("attendanceList.enterAfter", { url: input.sheetUrl })} · ${t("report.printed", { date: formatDate(input.lang, input.printedAt.toISOString()) })} · ${t("attendanceList.page", { page: i + 1, pages: range.count })}`,
        left,
        footY,
        { width, lineBreak: true },
      );
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}
