#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources,
// then runs the server in production mode. Demo data is on unless DEMO=0.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
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

// The brotli and gzip copies of the client build (npm run build makes them; a build made with
// `npx remix vite:build` alone, or just now above, gets them here, in a child process so this
// process stays free of tsx's loader). With WEB_CONCURRENCY > 1 the app processes find them current.
const PRECOMPRESS_MARK = path.resolve("build/precompressed.json");
const precompressed = fs.existsSync(BUILD_MARK) && fs.existsSync(PRECOMPRESS_MARK) && fs.statSync(PRECOMPRESS_MARK).mtimeMs >= fs.statSync(BUILD_MARK).mtimeMs;
if (fs.existsSync(BUILD_MARK) && !precompressed && !cluster.isWorker) {
  const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/compress-build.ts"], { stdio: "inherit" });
  // A read-only build folder: the app still works, it sends the files uncompressed.
  if (result.status !== 0) console.warn("Let op: de build kon niet worden gecomprimeerd; bestanden gaan ongecomprimeerd.");
}

// server.ts is TypeScript. Compiled here with esbuild (the one tsx brings) into one small module
// (its npm packages stay imports), it runs without tsx's loader: about 50 MB less resident memory
// per app process (the loader's thread and its caches, and its esbuild service process). It takes
// under a second, so it happens at every start and is never stale; with WEB_CONCURRENCY the
// workers use what the primary compiled. Without esbuild, tsx runs server.ts as before.
// Measured and when to remove it: docs/decisions/014-compiled-server-entry.md.
const ENTRY = path.resolve("build/server-entry.mjs");
async function compileServer() {
  try {
    const esbuild = createRequire(path.resolve("node_modules/tsx/package.json"))("esbuild");
    await esbuild.build({
      entryPoints: [path.resolve("server.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile: ENTRY,
      logLevel: "warning",
    });
    await esbuild.stop(); // its service process would otherwise stay for the life of the app
    return true;
  } catch (error) {
    console.warn(`server.ts compileren lukte niet (${error instanceof Error ? error.message : error}); het draait via tsx.`);
    return false;
  }
}

if (process.env.LEERLIJN_TSX !== "1" && (cluster.isWorker ? fs.existsSync(ENTRY) : await compileServer())) {
  await import(pathToFileURL(ENTRY).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(path.resolve("server.ts"));
}
