/** The calls the PDFs use from fontkit (pdfkit's own font parser), which ships no types. */
declare module "fontkit" {
  /** A parsed font; pdfkit accepts it wherever it accepts a font file. */
  export interface Font {
    layout(text: string, features?: unknown): { glyphs: { id: number; name: string }[]; direction: "ltr" | "rtl" };
    /** Whether the font has a glyph of its own for the code point (else an empty box prints). */
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
