import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { chooseEncoding, dynamicCompressionAllowed, parseAcceptEncoding } from "../../app/rules/compression";
import { staticFiles } from "../../app/services/static-files.server";
import { precompressBuild, precompressedIsCurrent } from "../../scripts/lib/precompress";

/** Issue 26, point 1 (docs/decisions/012-compression.md): which coding a file is sent in, and what is never compressed. */
describe("chooseEncoding", () => {
  const both = { br: true, gzip: true };
  it("prefers brotli whatever order the browser lists the codings in", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("br, gzip", both)).toBe("br");
  });
  it("falls back to gzip, then to the file itself", () => {
    expect(chooseEncoding("gzip", both)).toBe("gzip");
    expect(chooseEncoding("gzip, br", { br: false, gzip: true })).toBe("gzip");
    expect(chooseEncoding("br", { br: false, gzip: true })).toBeNull();
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding("", both)).toBeNull();
    expect(chooseEncoding("identity", both)).toBeNull();
  });
  it("honours q=0 and the wildcard", () => {
    expect(chooseEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0", both)).toBeNull();
    expect(chooseEncoding("*", both)).toBe("br");
    expect(chooseEncoding("*;q=0, gzip", both)).toBe("gzip");
    expect(chooseEncoding("BR;Q=0.5", both)).toBe("br");
  });
  it("reads quality values", () => {
    expect([...parseAcceptEncoding("gzip;q=0.8, br , *;q=0")]).toEqual([
      ["gzip", 0.8],
      ["br", 1],
      ["*", 0],
    ]);
  });
});

describe("dynamicCompressionAllowed (BREACH)", () => {
  it("compresses pages, their data and downloads asked for with GET", () => {
    for (const p of ["/login", "/deelnemer", "/deelnemer/praktijk.data", "/_root.data", "/coordinator/certificaten.csv", "/accounting"]) {
      expect({ p, allowed: dynamicCompressionAllowed("GET", p) }).toEqual({ p, allowed: true });
    }
  });
  it("never compresses an answer to a form post", () => {
    for (const p of ["/login", "/deelnemer/praktijk", "/deelnemer/praktijk.data", "/coordinator/mensen"]) {
      expect({ p, allowed: dynamicCompressionAllowed("POST", p) }).toEqual({ p, allowed: false });
    }
  });
  it("never compresses the pages that hold a secret, however the path is written", () => {
    for (const p of [
      "/account",
      "/account/",
      "/account.data",
      "/Account",
      "/%61ccount",
      "//account",
      "/uitnodiging/abc",
      "/uitnodiging/abc.data",
      "/bevestigen/xyz",
      "/BEVESTIGEN/xyz",
      "/nieuw-wachtwoord/abc",
      "/nieuw-wachtwoord/abc.data",
      "/afmelden/abc",
      "/afmelden/abc.data",
    ]) {
      expect({ p, allowed: dynamicCompressionAllowed("GET", p) }).toEqual({ p, allowed: false });
    }
  });
});

/** Raw bytes over HTTP (fetch would decode them). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("pre-compressed build files (scripts/lib/precompress.ts + staticFiles)", () => {
  let dir = "";
  let server: http.Server;
  let url = "";
  const js = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `woord ${i % 17}`))};\n`;
  const css = `.ll-a { color: red; }\n`.repeat(100);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-precompress-"));
    fs.mkdirSync(path.join(dir, "client/assets"), { recursive: true });
    fs.mkdirSync(path.join(dir, "server"));
    fs.writeFileSync(path.join(dir, "server/index.js"), "");
    fs.writeFileSync(path.join(dir, "client/assets/app-abc.js"), js);
    fs.writeFileSync(path.join(dir, "client/assets/app-abc.css"), css);
    fs.writeFileSync(path.join(dir, "client/assets/tiny-abc.js"), "export {};\n");
    fs.writeFileSync(path.join(dir, "client/assets/font-abc.woff2"), Buffer.alloc(4000, 7));
    fs.writeFileSync(path.join(dir, "client/floor.html"), `<!doctype html><title>x</title>${"<p>vloer</p>".repeat(100)}`);
    // A stale copy from an earlier build is replaced.
    fs.writeFileSync(path.join(dir, "client/assets/app-abc.js.gz"), "stale");
    expect(precompressedIsCurrent(dir)).toBe(false);
    await precompressBuild(dir);
    const app = express();
    app.use("/assets", staticFiles(path.join(dir, "client/assets"), { maxAge: 365 * 24 * 3600 * 1000, immutable: true }));
    app.use(staticFiles(path.join(dir, "client"), { maxAge: 3600 * 1000, topLevelOnly: true }));
    app.use((req, res) => res.status(404).send("niet gevonden"));
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes .br and .gz copies of text files only, and marks the build as done", () => {
    const files = fs.readdirSync(path.join(dir, "client/assets")).sort();
    expect(files).toEqual(["app-abc.css", "app-abc.css.br", "app-abc.css.gz", "app-abc.js", "app-abc.js.br", "app-abc.js.gz", "font-abc.woff2", "tiny-abc.js"]);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, "client/assets/app-abc.js.gz"))).toString()).toBe(js);
    expect(precompressedIsCurrent(dir)).toBe(true);
  });

  it("sends the brotli copy to a browser that takes it, with the file's type, the copy's length and Vary", async () => {
    const res = await get(`${url}/assets/app-abc.js`, { "Accept-Encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["vary"]).toBe("Accept-Encoding");
    expect(res.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(js) / 4);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(js);
  });

  it("sends gzip when that is all the browser takes, and the file itself when it takes nothing", async () => {
    const gz = await get(`${url}/assets/app-abc.css`, { "Accept-Encoding": "gzip" });
    expect([gz.headers["content-encoding"], gz.headers["content-type"], gz.headers["vary"]]).toEqual(["gzip", "text/css; charset=utf-8", "Accept-Encoding"]);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(css);
    const plain = await get(`${url}/assets/app-abc.css`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(css);
    // A file without copies (too small, or a font): itself.
    const tiny = await get(`${url}/assets/tiny-abc.js`, { "Accept-Encoding": "br, gzip" });
    expect([tiny.headers["content-encoding"], tiny.body.toString()]).toEqual([undefined, "export {};\n"]);
  });

  it("answers a repeat request with 304 per copy, and does not serve the copies by their own name", async () => {
    const first = await get(`${url}/assets/app-abc.js`, { "Accept-Encoding": "br" });
    const again = await get(`${url}/assets/app-abc.js`, { "Accept-Encoding": "br", "If-None-Match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    const gzipEtag = (await get(`${url}/assets/app-abc.js`, { "Accept-Encoding": "gzip" })).headers.etag;
    expect(gzipEtag).not.toBe(first.headers.etag);
    expect((await get(`${url}/assets/app-abc.js.br`)).status).toBe(404);
    expect((await get(`${url}/assets/missing.js`)).status).toBe(404);
  });

  it("serves the top-level files for an hour, and nothing below them by the top-level index", async () => {
    const res = await get(`${url}/floor.html`, { "Accept-Encoding": "br" });
    expect([res.status, res.headers["content-encoding"], res.headers["cache-control"], res.headers["content-type"]]).toEqual([
      200,
      "br",
      "public, max-age=3600",
      "text/html; charset=utf-8",
    ]);
    expect((await get(`${url}/app-abc.js`)).status).toBe(404);
  });
});
