/** The one call the PDFs use from fontkit (pdfkit's own font parser), which ships no types. */
declare module "fontkit" {
  /** A parsed font; pdfkit accepts it wherever it accepts a font file. */
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
