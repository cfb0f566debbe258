/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every compressible file
 * of the client build, once, at build time (`npm run build`, and `npm start` when the build has
 * none yet), so the server sends the smallest copy without compressing per request. A copy that
 * is not smaller than the file is not written. A mark file (build/precompressed.json) records
 * that the build's copies are complete. Decision: docs/decisions/012-compression.md.
 */
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { PRECOMPRESS_MIN_BYTES, PRECOMPRESSIBLE } from "../../app/rules/compression";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export interface PrecompressReport {
  files: number;
  bytes: number;
  brBytes: number;
  gzipBytes: number;
  ms: number;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Compresses every compressible file under `dir` (old copies are replaced or removed). */
export async function precompressDir(dir: string): Promise<PrecompressReport> {
  const started = performance.now();
  const report: PrecompressReport = { files: 0, bytes: 0, brBytes: 0, gzipBytes: 0, ms: 0 };
  const all = filesUnder(dir);
  for (const old of all.filter((f) => /\.(?:br|gz)$/.test(f) && PRECOMPRESSIBLE.test(f.slice(0, -3)))) fs.rmSync(old);
  const targets = all.filter((f) => PRECOMPRESSIBLE.test(f) && fs.statSync(f).size >= PRECOMPRESS_MIN_BYTES);
  // Two at a time: brotli at quality 11 is the slow part, and the machine may be shared.
  const queue = [...targets];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const source = fs.readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(source, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        }),
        gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      report.files += 1;
      report.bytes += source.length;
      if (br.length < source.length) {
        fs.writeFileSync(`${file}.br`, br);
        report.brBytes += br.length;
      } else report.brBytes += source.length;
      if (gz.length < source.length) {
        fs.writeFileSync(`${file}.gz`, gz);
        report.gzipBytes += gz.length;
      } else report.gzipBytes += source.length;
    }
  };
  await Promise.all([worker(), worker()]);
  report.ms = performance.now() - started;
  return report;
}

/** build/precompressed.json: written after the copies, so it is newer than the build it describes. */
export function precompressMark(buildDir: string): string {
  return path.join(buildDir, "precompressed.json");
}

/** Whether the client build's compressed copies were made after the build itself (the server bundle is written last). */
export function precompressedIsCurrent(buildDir: string): boolean {
  const mark = precompressMark(buildDir);
  const server = path.join(buildDir, "server/index.js");
  if (!fs.existsSync(mark) || !fs.existsSync(server)) return false;
  return fs.statSync(mark).mtimeMs >= fs.statSync(server).mtimeMs;
}

export async function precompressBuild(buildDir: string): Promise<PrecompressReport> {
  const report = await precompressDir(path.join(buildDir, "client"));
  fs.writeFileSync(precompressMark(buildDir), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export function describeReport(r: PrecompressReport): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  return `${r.files} bestanden (${kb(r.bytes)}) gecomprimeerd in ${(r.ms / 1000).toFixed(1)} s: brotli ${kb(r.brBytes)}, gzip ${kb(r.gzipBytes)}`;
}
