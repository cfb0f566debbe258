import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { baseUrl, signInOverHttp } from "./support";

/**
 * Issue 26, point 1 (docs/decisions/012-compression.md), against the running production build:
 * the build's files go out pre-compressed by content negotiation, pages and their data are
 * compressed on the fly, and the answers that may hold a secret next to reflected input are not.
 */
interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Raw bytes over HTTP: fetch would send its own Accept-Encoding and decode the answer. */
function raw(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl()}${pathname}`,
      { method, headers: body ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function decode(res: Raw): string {
  const coding = res.headers["content-encoding"];
  if (coding === "br") return zlib.brotliDecompressSync(res.body).toString("utf8");
  if (coding === "gzip") return zlib.gunzipSync(res.body).toString("utf8");
  if (coding === undefined) return res.body.toString("utf8");
  throw new Error(`unexpected coding ${coding}`);
}

const ASSETS = path.resolve(__dirname, "../../build/client/assets");
const BOTH = { "Accept-Encoding": "br, gzip" };

/** The page's HTML without what differs per request (the CSP nonce). */
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

describe("compression", () => {
  /** The client entry and the largest stylesheet of the build: what every page loads. */
  const assets = () => {
    const files = fs.readdirSync(ASSETS);
    const js = files.find((f) => /^entry\.client-.*\.js$/.test(f));
    const css = files.filter((f) => f.endsWith(".css")).sort((a, b) => fs.statSync(path.join(ASSETS, b)).size - fs.statSync(path.join(ASSETS, a)).size)[0];
    if (!js || !css) throw new Error(`no client entry or stylesheet in ${ASSETS}`);
    return { js, css };
  };

  it("sends a JS and a CSS file of the build as brotli, gzip or itself by Accept-Encoding, each decoding to the file on disk", async () => {
    for (const file of Object.values(assets())) {
      const onDisk = fs.readFileSync(path.join(ASSETS, file));
      const type = file.endsWith(".js") ? "application/javascript; charset=utf-8" : "text/css; charset=utf-8";

      const br = await raw("GET", `/assets/${file}`, BOTH);
      expect({ file, status: br.status, coding: br.headers["content-encoding"], vary: br.headers["vary"], type: br.headers["content-type"] }).toEqual({
        file,
        status: 200,
        coding: "br",
        vary: "Accept-Encoding",
        type,
      });
      expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(Number(br.headers["content-length"])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(onDisk.length / 2);
      expect(zlib.brotliDecompressSync(br.body).equals(onDisk)).toBe(true);

      const gz = await raw("GET", `/assets/${file}`, { "Accept-Encoding": "gzip" });
      expect([gz.headers["content-encoding"], gz.headers["vary"]]).toEqual(["gzip", "Accept-Encoding"]);
      expect(zlib.gunzipSync(gz.body).equals(onDisk)).toBe(true);

      const plain = await raw("GET", `/assets/${file}`);
      expect([plain.headers["content-encoding"], plain.headers["vary"], Number(plain.headers["content-length"])]).toEqual([
        undefined,
        "Accept-Encoding",
        onDisk.length,
      ]);
      expect(plain.body.equals(onDisk)).toBe(true);

      // The browser's cached copy is still good: 304, nothing sent again.
      const again = await raw("GET", `/assets/${file}`, { ...BOTH, "If-None-Match": String(br.headers.etag) });
      expect([again.status, again.body.length]).toEqual([304, 0]);
    }
  });

  it("compresses a page on the fly (br, else gzip, else nothing), and it decodes to the same complete page", async () => {
    // A browser that has the stylesheet (docs/decisions/022): the same page whatever the coding.
    const cached = { Cookie: `ll_css=${path.basename(assets().css, ".css")}` };
    const plain = await raw("GET", "/login", cached);
    expect([plain.status, plain.headers["content-encoding"], plain.headers["vary"]]).toEqual([200, undefined, "Accept-Encoding"]);
    const html = plain.body.toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    // Complete: the document and the end of Remix's data stream after it.
    expect(html).toContain("</html>");
    expect(html).toMatch(/streamController\.close\(\);<\/script>(<!--\/\$-->)*$/);

    const br = await raw("GET", "/login", { ...BOTH, ...cached });
    expect([br.status, br.headers["content-encoding"], br.headers["vary"], br.headers["cache-control"]]).toEqual([200, "br", "Accept-Encoding", "no-store"]);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(withoutNonces(decode(br))).toBe(withoutNonces(html));

    const gz = await raw("GET", "/login", { "Accept-Encoding": "gzip", ...cached });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(withoutNonces(decode(gz))).toBe(withoutNonces(html));

    // A first visit's page carries the stylesheet only when it goes out compressed: 180 kB of
    // CSS in an uncompressed page would cost more than the 14 kB file.
    expect(decode(await raw("GET", "/login", BOTH))).toContain('<style id="ll-css"');
    expect((await raw("GET", "/login")).body.toString("utf8")).not.toContain('<style id="ll-css"');
  });

  it("compresses a signed-in page's single-fetch data and a CSV download, but not a PDF", async () => {
    const participant = await signInOverHttp("deelnemer1@leerlijn.test");
    const data = await raw("GET", "/deelnemer.data", { ...BOTH, Cookie: participant });
    expect([data.status, data.headers["content-encoding"]]).toEqual([200, "br"]);
    expect(decode(data)).toContain("routes/deelnemer._index");

    const pdf = await raw("GET", "/deelnemer/pop.pdf", { ...BOTH, Cookie: participant });
    expect([pdf.status, pdf.headers["content-type"], pdf.headers["content-encoding"]]).toEqual([200, "application/pdf", undefined]);
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");

    const coordinator = await signInOverHttp("coordinator@leerlijn.test");
    const csv = await raw("GET", "/coordinator/certificaten.csv", { ...BOTH, Cookie: coordinator });
    expect([csv.status, csv.headers["content-encoding"]]).toEqual([200, "br"]);
    expect(decode(csv).length).toBeGreaterThan(0);
  });

  it("does not compress the pages that hold a secret (/account, token pages) or any answer to a form post", async () => {
    const coordinator = await signInOverHttp("coordinator@leerlijn.test");
    for (const pathname of ["/account", "/account.data", "/uitnodiging/onbekend-token", "/bevestigen/onbekend-token"]) {
      const res = await raw("GET", pathname, { ...BOTH, Cookie: coordinator });
      // Big enough to be compressed otherwise (the threshold is 1 kB)...
      expect({ pathname, big: res.body.length > 1024 || pathname.endsWith(".data") }).toEqual({ pathname, big: true });
      // ...but sent as it is.
      expect({ pathname, coding: res.headers["content-encoding"] }).toEqual({ pathname, coding: undefined });
    }

    // A failed sign-in answers with the page and the e-mail address typed: reflected input, not compressed.
    const typed = "reflectie-compressie@voorbeeld.test";
    const post = await raw(
      "POST",
      "/login",
      { ...BOTH, "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
      new URLSearchParams({ email: typed, password: "niet-goed-genoeg" }).toString(),
    );
    expect(post.status).toBe(401);
    expect(post.headers["content-encoding"]).toBeUndefined();
    expect(post.body.length).toBeGreaterThan(1024);
    expect(post.body.toString("utf8")).toContain(typed);
  });
});
