import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

/** The fonts every PDF of the app uses (DejaVu Sans, from npm), read and parsed once. */

// The app always runs from the project folder (npm start, tests), where npm put the font package.
const fontDir = path.resolve("node_modules/dejavu-fonts-ttf/ttf");
// Read once: every PDF (a certificate is issued in one request) would otherwise read both files again.
export const FONT = fs.readFileSync(path.join(fontDir, "DejaVuSans.ttf"));
export const FONT_BOLD = fs.readFileSync(path.join(fontDir, "DejaVuSans-Bold.ttf"));
// Parsed once as well: parsing the two font files took a quarter of the time of every PDF.
// pdfkit takes a parsed font as a font source and makes its own subset per document.
const PARSED = { body: fontkit.create(FONT), bold: fontkit.create(FONT_BOLD) };

/**
 * The characters of a text that the app's fonts cannot print (they would show as an empty box),
 * each once. Names are checked against both fonts: the certificate prints them in bold.
 */
export function unprintableCharacters(text: string): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20) continue;
    if (!PARSED.body.hasGlyphForCodePoint(cp) || !PARSED.bold.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/** The app's two fonts, "body" and "bold", in a new PDF document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont("body", PARSED.body as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont("bold", PARSED.bold as unknown as PDFKit.Mixins.PDFFontSource);
}
