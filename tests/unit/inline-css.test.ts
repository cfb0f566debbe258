import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hasStylesheet, inlineStylesheetFor, stylesheetText } from "../../app/services/inline-css.server";

/** docs/decisions/022-stylesheet-in-the-first-page.md: when a page carries the stylesheet inline. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ll-inline-css-"));
fs.mkdirSync(path.join(dir, "assets"));
fs.writeFileSync(path.join(dir, "assets", "index-Abc123.css"), 'body{color:red}.x{background:url("data:image/svg+xml,%3Csvg%3E")}');
fs.writeFileSync(path.join(dir, "assets", "index-Rel999.css"), "@font-face{src:url(./font.woff2)}");
fs.writeFileSync(path.join(dir, "assets", "index-Brk000.css"), "a{content:'</style><script>'}");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HREF = "/assets/index-Abc123.css";
const page = (pathname: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://localhost${pathname}`, { method, headers: { "Accept-Encoding": "gzip, deflate, br", ...headers } });

describe("the stylesheet in the first page", () => {
  it("is inline for a browser without the cookie, with a cookie naming this build's file", () => {
    const inline = inlineStylesheetFor(page("/deelnemer"), HREF, true, dir);
    expect(inline?.css).toBe(fs.readFileSync(path.join(dir, HREF), "utf8"));
    expect(inline?.setCookie).toBe("ll_css=index-Abc123; Path=/; Max-Age=15552000; HttpOnly; SameSite=Lax; Secure");
    expect(inlineStylesheetFor(page("/deelnemer"), HREF, false, dir)?.setCookie).not.toContain("Secure");
  });

  it("is linked once the browser has this file, but inline again for a newer build", () => {
    expect(inlineStylesheetFor(page("/deelnemer", { Cookie: "leerlijn_session=x; ll_css=index-Abc123" }), HREF, true, dir)).toBeNull();
    expect(inlineStylesheetFor(page("/deelnemer", { Cookie: "ll_css=index-Old000" }), HREF, true, dir)).not.toBeNull();
    expect(hasStylesheet("ll_css=index-Abc1234", HREF)).toBe(false);
    expect(hasStylesheet(null, HREF)).toBe(false);
  });

  it("is linked where the page goes out uncompressed: form posts, pages with a secret, clients without brotli or gzip", () => {
    expect(inlineStylesheetFor(page("/deelnemer", {}, "POST"), HREF, true, dir)).toBeNull();
    expect(inlineStylesheetFor(page("/uitnodiging/abc"), HREF, true, dir)).toBeNull();
    expect(inlineStylesheetFor(page("/account"), HREF, true, dir)).toBeNull();
    expect(inlineStylesheetFor(page("/deelnemer", { "Accept-Encoding": "identity" }), HREF, true, dir)).toBeNull();
    expect(inlineStylesheetFor(page("/deelnemer", { "Accept-Encoding": "gzip" }), HREF, true, dir)).not.toBeNull();
  });

  it("never inlines what would break out of <style> or resolve against the page, or a file outside /assets", () => {
    expect(stylesheetText("/assets/index-Rel999.css", dir)).toBeNull();
    expect(stylesheetText("/assets/index-Brk000.css", dir)).toBeNull();
    expect(stylesheetText("/assets/../../etc/passwd.css", dir)).toBeNull();
    expect(stylesheetText("/assets/missing.css", dir)).toBeNull();
    expect(inlineStylesheetFor(page("/"), "/assets/index-Rel999.css", true, dir)).toBeNull();
  });
});
