/**
 * The stylesheet inside the first page someone opens (issue 26: first paint on a slow phone).
 *
 * A first visit on slow mobile data waited for the stylesheet as a second request, which shared the
 * line with the page's 16–23 JavaScript files: the first paint came 0.4–1 s after that of a bare
 * page. So a document for a browser that does not have the stylesheet yet carries it in a `<style>`
 * element (with the response's CSP nonce) and asks for the file itself as a low-priority prefetch
 * at the end of the page. A cookie with the file's hash says the browser has it: later documents
 * link the cached file as usual, and a new build (a new hash) sends it inline once more.
 * Decision and measurements: docs/decisions/022-stylesheet-in-the-first-page.md.
 */
import fs from "node:fs";
import path from "node:path";
import { chooseEncoding, dynamicCompressionAllowed } from "../rules/compression";

export const INLINE_CSS_COOKIE = "ll_css";

const cache = new Map<string, string | null>();

/** The built stylesheet's text (null in development or when the file is missing). */
export function stylesheetText(href: string, clientDir = path.join(process.cwd(), "build", "client")): string | null {
  const known = cache.get(href);
  if (known !== undefined) return known;
  let text: string | null = null;
  if (/^\/assets\/[\w.-]+\.css$/.test(href)) {
    try {
      text = fs.readFileSync(path.join(clientDir, href), "utf8");
    } catch {
      text = null;
    }
  }
  // Only what can live inside <style> unchanged: no closing tag, and no relative urls (they would
  // resolve against the page instead of /assets/).
  if (text !== null && (/<\/style/i.test(text) || /url\(\s*(?!["']?data:)/i.test(text))) text = null;
  cache.set(href, text);
  return text;
}

/** The cookie's value for a stylesheet: its file name, which changes with its content. */
export function stylesheetVersion(href: string): string {
  return path.basename(href, ".css");
}

/** Whether the request's browser has this stylesheet already (by the cookie set with an inline copy). */
export function hasStylesheet(cookieHeader: string | null, href: string): boolean {
  if (!cookieHeader) return false;
  const version = stylesheetVersion(href);
  return cookieHeader.split(";").some((part) => {
    const [name, value] = part.trim().split("=", 2);
    return name === INLINE_CSS_COOKIE && value === version;
  });
}

/**
 * For a document request: the stylesheet to put inline, with the Set-Cookie header to send, or
 * null when the browser has it, or the page goes out uncompressed (then the 14 kB file is cheaper
 * than 180 kB inline: answers to form posts, pages with a secret (docs/decisions/012), a client
 * that takes neither brotli nor gzip), or there is nothing to inline.
 */
export function inlineStylesheetFor(request: Request, href: string, secure: boolean, clientDir?: string): { css: string; setCookie: string } | null {
  if (request.method !== "GET" || hasStylesheet(request.headers.get("Cookie"), href)) return null;
  if (!dynamicCompressionAllowed(request.method, new URL(request.url).pathname)) return null;
  if (chooseEncoding(request.headers.get("Accept-Encoding"), { br: true, gzip: true }) === null) return null;
  const css = stylesheetText(href, clientDir);
  if (css === null) return null;
  const setCookie = `${INLINE_CSS_COOKIE}=${stylesheetVersion(href)}; Path=/; Max-Age=${180 * 24 * 3600}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  return { css, setCookie };
}
