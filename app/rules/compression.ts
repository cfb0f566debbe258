/**
 * Compression rules, pure (docs/decisions/012-compression.md).
 *
 * - Which files of the build are stored pre-compressed (brotli and gzip, written by
 *   `scripts/compress-build.ts`) and which variant a request gets (`chooseEncoding`).
 * - Which dynamic responses may be compressed on the fly (`dynamicCompressionAllowed`): not the
 *   answers to form posts (they echo what was typed, and some carry a new secret: recovery codes,
 *   an invitation link, a work supervisor's link) and not the pages that hold a secret in their
 *   body (the second-factor setup secret on /account, the token pages), so that the size of a
 *   compressed answer can never leak a secret next to reflected input (BREACH).
 */

/** Text files worth compressing; fonts and images are compressed formats already. */
export const PRECOMPRESSIBLE = /\.(?:js|mjs|cjs|css|html|json|map|svg|txt|xml|webmanifest|ico)$/i;

/** Files smaller than this are sent as they are: a compressed copy saves less than a packet. */
export const PRECOMPRESS_MIN_BYTES = 512;

export type Encoding = "br" | "gzip";

/**
 * Reads an Accept-Encoding header into quality values per coding (RFC 9110 §12.5.3): names in
 * lower case, `q` defaulting to 1, `*` for any coding not named.
 */
export function parseAcceptEncoding(header: string | null | undefined): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    if (!name) continue;
    let quality = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(p);
      if (m) quality = Math.min(1, Math.max(0, Number(m[1]) || 0));
    }
    const key = name.toLowerCase();
    // A coding named twice: the higher quality counts (lenient; browsers never do this).
    q.set(key, Math.max(quality, q.get(key) ?? 0));
  }
  return q;
}

/**
 * The coding to send a stored file in: brotli when the client takes it and a .br copy exists,
 * else gzip, else none (the file itself). Our preference decides among codings the client rates
 * above zero, whatever order it lists them in (Chromium sends "gzip, deflate, br, zstd").
 */
export function chooseEncoding(acceptEncoding: string | null | undefined, available: { br: boolean; gzip: boolean }): Encoding | null {
  const q = parseAcceptEncoding(acceptEncoding);
  const accepts = (coding: Encoding) => (q.get(coding) ?? q.get("*") ?? 0) > 0;
  if (available.br && accepts("br")) return "br";
  if (available.gzip && (accepts("gzip") || (q.get("x-gzip") ?? 0) > 0)) return "gzip";
  return null;
}

/**
 * Pages whose body holds a secret that stays the same from one request to the next: the second
 * factor's setup secret and QR code (/account, until it is confirmed), and the pages opened with an
 * invitation, work supervisor's or password reset token, or an unsubscribe link (the token is in the page's form).
 * Matched on the first path segment, decoded and in any case (the router matches `/Account` and `/%61ccount` too), so
 * their single-fetch data (`/account.data`) and anything below them are covered as well.
 */
const SECRET_SECTIONS = new Set(["account", "uitnodiging", "bevestigen", "nieuw-wachtwoord", "afmelden"]);

function firstSegment(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    /* a malformed escape: judged as written */
  }
  const first = decoded.split("/").find((s) => s !== "") ?? "";
  // Remix single fetch asks for a page's data at `<path>.data`.
  return first.replace(/\.data$/i, "").toLowerCase();
}

/** Whether a dynamic response (a page, its data, a JSON or CSV answer) may be compressed on the fly. */
export function dynamicCompressionAllowed(method: string, pathname: string): boolean {
  if (method.toUpperCase() !== "GET") return false;
  return !SECRET_SECTIONS.has(firstSegment(pathname));
}
