#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources,
// then runs the server in production mode. Demo data is on unless DEMO=0.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NODE_ENV ??= "production";
process.env.DEMO ??= "1";

const SOURCES = ["app", "db", "templates", "public", "vite.config.ts", "package-lock.json"];
const BUILD_MARK = path.resolve("build/server/index.js");

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = fs.existsSync(BUILD_MARK) ? fs.statSync(BUILD_MARK).mtimeMs : 0;
const sources = Math.max(...SOURCES.map((s) => newestMtime(path.resolve(s))));
// Building needs the development tools (@remix-run/dev, vite); running a build does not. An
// install without them (npm ci --omit=dev) runs the build it was given, and says so when that
// build is older than the sources instead of failing halfway.
const canBuild = fs.existsSync(path.resolve("node_modules/@remix-run/dev/package.json"));
if (built < sources && !canBuild) {
  if (built === 0) {
    console.error(
      "Er is geen build (map build/) en de bouwgereedschappen zijn niet geïnstalleerd (npm ci --omit=dev). Bouw eerst met: npm ci && npm run build",
    );
    process.exit(1);
  }
  console.warn(
    "Let op: de build is ouder dan de bronbestanden, en zonder bouwgereedschappen (npm ci --omit=dev) kan hij niet opnieuw worden gebouwd. De bestaande build start.",
  );
} else if (built < sources) {
  console.log("De app wordt gebouwd (eenmalig, ongeveer een halve minuut)…");
  const result = spawnSync("npx", ["remix", "vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("Bouwen is mislukt.");
    process.exit(result.status ?? 1);
  }
}

const { register } = await import("tsx/esm/api");
register();

// The brotli and gzip copies of the client build (npm run build makes them; a build made with
// `npx remix vite:build` alone, or just now above, gets them here). Only node:zlib is needed.
// With WEB_CONCURRENCY > 1 the app processes run this file again: by then the copies are current.
const { describeReport, precompressBuild, precompressedIsCurrent } = await import(path.resolve("scripts/lib/precompress.ts"));
if (fs.existsSync(BUILD_MARK) && !precompressedIsCurrent(path.resolve("build"))) {
  try {
    console.log(`Build gecomprimeerd (brotli en gzip): ${describeReport(await precompressBuild(path.resolve("build")))}`);
  } catch (error) {
    // A read-only build folder: the app still works, it sends the files uncompressed.
    console.warn(`Let op: de build kon niet worden gecomprimeerd (${error instanceof Error ? error.message : error}); bestanden gaan ongecomprimeerd.`);
  }
}

await import(path.resolve("server.ts"));
