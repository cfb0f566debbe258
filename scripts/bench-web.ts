/**
 * npm run bench:web: what a person on a phone gets, measured in Chromium (playwright-core) against the
 * production build on a generated installation (demo/generate.ts, seed 42). Not a test: it prints a
 * table, writes it to build/benchmark-web.md (copy it into docs/performance.md) and says per row
 * whether the targets of issue 26 are met; it exits non-zero only on an error (a page that does not
 * load, a sign-in that fails), never on a missed target.
 *
 * Each role signs in through the login form; then every page is opened in a fresh browser context
 * (its own empty cache) with Lighthouse's "slow 4G" profile applied through the DevTools protocol:
 * 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, the CPU 4× slower, a 390 × 844 screen. Per page:
 * the bytes that came over the wire per kind (JS, CSS, HTML, other; compressed size plus headers,
 * from Network.loadingFinished's encodedDataLength), first contentful paint, largest contentful paint
 * and total blocking time; then the same page again in the same context (warm cache), counting the
 * requests for files of the build that went to the server (target: none). The first row is a bare
 * static HTML page served by the same server process in the same run: the floor.
 *
 *   npm run bench:web
 *   BENCH_WEB_RUNS=3        first visits per page (each in a fresh context); FCP, LCP and TBT are their median
 *   BENCH_WEB_ONLY=regexp   only the pages whose name or path matches (the floor is always measured)
 *   BENCH_WEB_DB=file       measure on a copy of a database kept with BENCH_WEB_KEEP=file (not generated again)
 *   BENCH_WEB_OUT=file      where the table goes (default build/benchmark-web.md)
 *   BENCH_WEB_COHORTS=40 BENCH_WEB_SIZE=25 BENCH_WEB_YEARS=5 BENCH_WEB_SEED=42
 *   CHROMIUM_PATH=/usr/bin/chromium
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { currentTime } from "../app/clock.server";
import { amsterdamDay } from "../app/rules/amsterdam";
import { setupDatabase } from "../app/setup.server";
import { createDb } from "../db/connect";
import { generateInstallation, type GeneratedInfo } from "../demo/generate";
import { PROJECT_ROOT, startServer, stopServer } from "./lib/app-server";
import { launchChromium } from "./lib/chromium";

const SEED = Number(process.env.BENCH_WEB_SEED ?? 42);
const COHORTS = Number(process.env.BENCH_WEB_COHORTS ?? 40);
const SIZE = Number(process.env.BENCH_WEB_SIZE ?? 25);
const YEARS = Number(process.env.BENCH_WEB_YEARS ?? 5);
const OUT = path.resolve(PROJECT_ROOT, process.env.BENCH_WEB_OUT ?? "build/benchmark-web.md");
const ONLY = process.env.BENCH_WEB_ONLY ? new RegExp(process.env.BENCH_WEB_ONLY, "i") : null;
const PASSWORD = "leerlijn-demo";
/** First visits per page; FCP, LCP and TBT are the median (a shared machine is noisy), bytes are from the first. */
const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS ?? 3));

/**
 * Lighthouse's "slow 4G" (mobileSlow4G: rttMs 150, throughputKbps 1.6 × 1024, 750 kbit/s up,
 * cpuSlowdownMultiplier 4), with Lighthouse's own unit (1 kbit = 1024 bit, so 1.6 Mbit/s =
 * 1.6 × 1024 × 1024 / 8 = 209,715 bytes/s). Applied as given, per request, by Chromium's network
 * emulation; Lighthouse's extra factors for this "applied" throttling (round trip × 3.75,
 * throughput × 0.9) are not used.
 */
const THROTTLING = {
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
  cpuSlowdown: 4,
  viewport: { width: 390, height: 844 },
};

/** Issue 26's targets. JS and CSS only on the participant's pages. */
const TARGET = { fcpMs: 1000, lcpMs: 1500, jsBytes: 100_000, cssBytes: 25_000 };

/** A page is measured until it has been quiet this long: no long task and no request (page time). */
const QUIET_MS = 1000;
/** ...but no longer than this after the load event. */
const MAX_WAIT_MS = 15_000;

const FLOOR_FILE = "bench-floor.html";
const FLOOR_HTML = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Vloer · Leerlijn</title><link rel="icon" href="data:,"></head>
<body><h1>Leerlijn Buurtteams</h1><p>Een kale pagina zonder stijl en zonder JavaScript: wat de server en het netwerk minstens kosten.</p></body>
</html>
`;

type Role = "public" | "participant" | "trainer" | "examiner" | "coordinator";

interface BenchPage {
  name: string;
  path: string;
  role: Role;
}

interface Visit {
  status: number;
  finalPath: string;
  bytes: { js: number; css: number; html: number; other: number };
  requests: number;
  /** requests for files of the build (assets, top-level files) that went to the server */
  fileRequests: number;
  fcp: number | null;
  lcp: number | null;
  tbt: number;
}

interface Row {
  page: BenchPage | { name: string; path: string; role: "floor" };
  cold: Visit;
  warm: Visit;
}

/** Runs in every page before its own scripts: records LCP and long tasks as they happen (long tasks are not buffered). */
const OBSERVER_SCRIPT = `(() => {
  const b = (window.__bench = { lcp: null, longTasks: [], lastActivity: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.lcp = e.renderTime || e.loadTime || e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        b.longTasks.push([e.startTime, e.duration]);
        b.lastActivity = Math.max(b.lastActivity, e.startTime + e.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
})();`;

/**
 * Total blocking time: for every long task (> 50 ms) after first contentful paint until the page was
 * quiet, the part beyond 50 ms; a task that started before FCP counts from FCP on (as Lighthouse
 * clips it). Lighthouse stops at "time to interactive"; we stop when the page has had no long task
 * and no request for QUIET_MS, which for these pages comes after hydration.
 */
function totalBlockingTime(longTasks: [number, number][], fcp: number | null): number {
  if (fcp === null) return 0;
  let sum = 0;
  for (const [start, duration] of longTasks) {
    const end = start + duration;
    const counted = end - Math.max(start, fcp);
    if (counted > 50) sum += counted - 50;
  }
  return sum;
}

function kindOf(resourceType: string | undefined, url: string): keyof Visit["bytes"] {
  if (resourceType === "Document") return "html";
  if (resourceType === "Script" || /\.m?js(\?|$)/.test(url)) return "js";
  if (resourceType === "Stylesheet" || /\.css(\?|$)/.test(url)) return "css";
  return "other";
}

function isBuildFile(url: string): boolean {
  const p = new URL(url).pathname;
  return p.startsWith("/assets/") || /^\/[^/]+\.(?:svg|ico|png|webmanifest|txt)$/.test(p);
}

/** One navigation, measured: bytes per kind from the DevTools protocol, paint and long tasks from the page. */
async function measureNavigation(page: Page, cdp: CDPSession, url: string): Promise<Visit> {
  interface Req {
    url: string;
    type?: string;
    fromCache: boolean;
    encoded: number;
    done: boolean;
  }
  const requests = new Map<string, Req>();
  let lastNetwork = performance.now();
  const onSent = (e: { requestId: string; request: { url: string }; type?: string }) => {
    lastNetwork = performance.now();
    if (e.request.url.startsWith("data:")) return;
    requests.set(e.requestId, { url: e.request.url, type: e.type, fromCache: false, encoded: 0, done: false });
  };
  const onFromCache = (e: { requestId: string }) => {
    const r = requests.get(e.requestId);
    if (r) r.fromCache = true;
  };
  const onResponse = (e: { requestId: string; type?: string; response: { fromDiskCache?: boolean; fromPrefetchCache?: boolean } }) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.type ??= e.type;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.fromCache = true;
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    lastNetwork = performance.now();
    const r = requests.get(e.requestId);
    if (!r) return;
    r.encoded = e.encodedDataLength;
    r.done = true;
  };
  const onFailed = (e: { requestId: string }) => {
    lastNetwork = performance.now();
    const r = requests.get(e.requestId);
    if (r) r.done = true;
  };
  cdp.on("Network.requestWillBeSent", onSent);
  cdp.on("Network.requestServedFromCache", onFromCache);
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.loadingFinished", onFinished);
  cdp.on("Network.loadingFailed", onFailed);
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 90_000 });
    const loadedAt = performance.now();
    // Wait until the page is quiet: no long task and no request for QUIET_MS.
    for (;;) {
      await page.waitForTimeout(250);
      const state = await page.evaluate(() => ({
        now: performance.now(),
        lastLongTaskEnd: (window as unknown as { __bench?: { lastActivity: number } }).__bench?.lastActivity ?? 0,
      }));
      const inFlight = [...requests.values()].some((r) => !r.done);
      const nowHere = performance.now();
      const quietPage = state.now - state.lastLongTaskEnd >= QUIET_MS;
      const quietNetwork = !inFlight && nowHere - lastNetwork >= QUIET_MS;
      if ((quietPage && quietNetwork && nowHere - loadedAt >= QUIET_MS) || nowHere - loadedAt > MAX_WAIT_MS) break;
    }
    const metrics = await page.evaluate(() => {
      const b = (window as unknown as { __bench?: { lcp: number | null; longTasks: [number, number][] } }).__bench;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      return { fcp, lcp: b?.lcp ?? null, longTasks: b?.longTasks ?? [] };
    });
    const bytes = { js: 0, css: 0, html: 0, other: 0 };
    let count = 0;
    let fileRequests = 0;
    for (const r of requests.values()) {
      if (r.fromCache) continue;
      count += 1;
      bytes[kindOf(r.type, r.url)] += r.encoded;
      if (isBuildFile(r.url)) fileRequests += 1;
    }
    return {
      status: response?.status() ?? 0,
      finalPath: new URL(page.url()).pathname,
      bytes,
      requests: count,
      fileRequests,
      fcp: metrics.fcp,
      lcp: metrics.lcp,
      tbt: totalBlockingTime(metrics.longTasks, metrics.fcp),
    };
  } finally {
    cdp.off("Network.requestWillBeSent", onSent);
    cdp.off("Network.requestServedFromCache", onFromCache);
    cdp.off("Network.responseReceived", onResponse);
    cdp.off("Network.loadingFinished", onFinished);
    cdp.off("Network.loadingFailed", onFailed);
  }
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

function contextOptions(storageState?: StorageState) {
  return { viewport: THROTTLING.viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: "nl-NL", storageState };
}

/** Signs in through the form (unthrottled: not measured); returns the session to start each page's context with. */
async function signInThroughForm(browser: Browser, url: string, email: string): Promise<StorageState> {
  const context = await browser.newContext(contextOptions());
  try {
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== "/login", { timeout: 60_000 }), page.getByRole("button", { name: "Inloggen" }).click()]);
    // Only the session: a first visit with an empty cache has no "stylesheet is cached" cookie either
    // (docs/decisions/022-stylesheet-in-the-first-page.md); the repeat visit then gets it as a browser would.
    const state = await context.storageState();
    return { ...state, cookies: state.cookies.filter((c) => c.name !== "ll_css") };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === values.length && known.length > 0 ? median(known) : null;
}

function checkVisit(pathname: string, when: string, v: Visit) {
  if (v.status !== 200 || v.finalPath !== pathname) throw new Error(`${pathname} (${when}): HTTP ${v.status}, uitgekomen op ${v.finalPath}`);
}

/**
 * RUNS first visits, each in a fresh context (its own empty cache); after the first, the same page
 * again in that context, with what the first visit cached (the repeat visit).
 */
async function measurePage(browser: Browser, url: string, pathname: string, storageState?: StorageState): Promise<{ cold: Visit; warm: Visit }> {
  const colds: Visit[] = [];
  let warm: Visit | null = null;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext(contextOptions(storageState));
    try {
      await context.addInitScript({ content: OBSERVER_SCRIPT });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.clearBrowserCache");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: THROTTLING.latencyMs,
        downloadThroughput: THROTTLING.downloadBytesPerSecond,
        uploadThroughput: THROTTLING.uploadBytesPerSecond,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLING.cpuSlowdown });
      const cold = await measureNavigation(page, cdp, `${url}${pathname}`);
      checkVisit(pathname, "eerste bezoek", cold);
      colds.push(cold);
      if (run === 0) {
        warm = await measureNavigation(page, cdp, `${url}${pathname}`);
        checkVisit(pathname, "herhaald bezoek", warm);
      }
    } finally {
      await context.close();
    }
  }
  const cold: Visit = {
    ...colds[0],
    fcp: medianOrNull(colds.map((v) => v.fcp)),
    lcp: medianOrNull(colds.map((v) => v.lcp)),
    tbt: median(colds.map((v) => v.tbt)),
  };
  return { cold, warm: warm! };
}

async function prepareData(dbFile: string): Promise<GeneratedInfo> {
  const reuse = process.env.BENCH_WEB_DB;
  if (reuse) {
    console.log(`Gegevens van ${reuse} (kopie)`);
    fs.copyFileSync(reuse, dbFile);
    return JSON.parse(fs.readFileSync(`${reuse}.json`, "utf8")) as GeneratedInfo;
  }
  const t0 = performance.now();
  console.log(`Gegevens maken: ${COHORTS} groepen × ${SIZE} deelnemers over ${YEARS} jaar (seed ${SEED})`);
  const db = createDb(dbFile);
  let info: GeneratedInfo;
  try {
    await setupDatabase(db, { demo: false, templatesDir: path.join(PROJECT_ROOT, "templates") });
    info = await generateInstallation(db, {
      seed: SEED,
      cohorts: COHORTS,
      size: SIZE,
      years: YEARS,
      today: amsterdamDay(currentTime()),
      password: PASSWORD,
      certificatePdf: "placeholder",
    });
  } finally {
    await db.destroy();
  }
  if (process.env.BENCH_WEB_KEEP) {
    fs.copyFileSync(dbFile, process.env.BENCH_WEB_KEEP);
    fs.writeFileSync(`${process.env.BENCH_WEB_KEEP}.json`, JSON.stringify(info));
  }
  console.log(`  klaar in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${info.counts.users} mensen, ${info.counts.attendance} aanwezigheidsregels`);
  return info;
}

function benchPages(info: GeneratedInfo): BenchPage[] {
  const cohort = info.runningCohortId;
  if (!info.heldLesson) throw new Error("De gemaakte gegevens hebben geen gehouden les: kies meer groepen of jaren.");
  return [
    { name: "Openbaar: inloggen", path: "/login", role: "public" },
    { name: "Openbaar: certificaat controleren", path: "/verify", role: "public" },
    { name: "Deelnemer: startpagina", path: "/deelnemer", role: "participant" },
    { name: "Deelnemer: POP", path: "/deelnemer/pop", role: "participant" },
    { name: "Deelnemer: praktijk", path: "/deelnemer/praktijk", role: "participant" },
    { name: "Deelnemer: rooster", path: "/deelnemer/rooster", role: "participant" },
    { name: "Trainer: startpagina", path: "/trainer", role: "trainer" },
    { name: "Trainer: voortgang van de groep", path: `/groepen/${cohort}/voortgang`, role: "trainer" },
    { name: "Trainer: aanwezigheid", path: `/groepen/${cohort}/bijeenkomsten/${info.heldLesson.meetingId}/aanwezigheid`, role: "trainer" },
    { name: "Examinator: startpagina", path: "/examinator", role: "examiner" },
    { name: "Coördinator: startpagina", path: "/coordinator", role: "coordinator" },
    { name: "Coördinator: rapportage", path: "/coordinator/rapportage", role: "coordinator" },
  ];
}

const kB = (n: number) => (n / 1000).toFixed(1).replace(".", ",");
const sec = (ms: number | null) => (ms === null ? "–" : (ms / 1000).toFixed(2).replace(".", ","));
const yesNo = (ok: boolean) => (ok ? "ja" : "nee");

function tableOf(rows: Row[]): string {
  const head =
    "| Pagina | JS (kB) | CSS (kB) | HTML (kB) | Overig (kB) | Verzoeken | FCP (s) | LCP (s) | TBT (ms) | FCP ≤ 1,0 s | LCP ≤ 1,5 s | JS ≤ 100 kB | CSS ≤ 25 kB | Herhaald: bestanden opgevraagd | Herhaald: FCP (s) |\n" +
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | ---: |";
  const lines = rows.map(({ page, cold, warm }) => {
    const participant = page.role === "participant";
    return [
      `${page.name} (\`${page.path.replace(/\/\d+/g, "/…")}\`)`,
      kB(cold.bytes.js),
      kB(cold.bytes.css),
      kB(cold.bytes.html),
      kB(cold.bytes.other),
      String(cold.requests),
      sec(cold.fcp),
      sec(cold.lcp),
      cold.tbt.toFixed(0),
      cold.fcp === null ? "–" : yesNo(cold.fcp <= TARGET.fcpMs),
      cold.lcp === null ? "–" : yesNo(cold.lcp <= TARGET.lcpMs),
      participant ? yesNo(cold.bytes.js <= TARGET.jsBytes) : "–",
      participant ? yesNo(cold.bytes.css <= TARGET.cssBytes) : "–",
      String(warm.fileRequests),
      sec(warm.fcp),
    ].join(" | ");
  });
  return [head, ...lines.map((l) => `| ${l} |`)].join("\n");
}

function machine(browserVersion: string): string {
  const uname = (() => {
    try {
      return execFileSync("uname", ["-srm"], { encoding: "utf8" }).trim();
    } catch {
      return `${os.type()} ${os.release()} ${os.arch()}`;
    }
  })();
  const cpus = os.cpus();
  return `${uname}; ${os.availableParallelism()} kernen (${cpus[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; Chromium ${browserVersion}; load average bij de start ${os.loadavg()[0].toFixed(2)}`;
}

async function main() {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-bench-web-"));
  const dbFile = path.join(dir, "leerlijn.sqlite");
  const logFile = path.join(dir, "server.log");
  const floorPath = path.join(PROJECT_ROOT, "build/client", FLOOR_FILE);
  const info = await prepareData(dbFile);
  const pages = benchPages(info).filter((p) => !ONLY || ONLY.test(p.name) || ONLY.test(p.path));

  // The floor page is a file of the client build, served by the same server process as the app
  // (the server lists the top-level files when it starts). Building wipes build/client: when the
  // start had to build, the file is written again and the server started once more.
  console.log("De app starten (productiebouw)…");
  const writeFloor = () => {
    fs.mkdirSync(path.dirname(floorPath), { recursive: true });
    fs.writeFileSync(floorPath, FLOOR_HTML);
  };
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let browser: Browser | null = null;
  try {
    writeFloor();
    server = await startServer(dbFile, logFile, { DEMO: "0" });
    if ((await fetch(`${server.url}/${FLOOR_FILE}`)).status !== 200) {
      await stopServer(server.child);
      writeFloor();
      server = await startServer(dbFile, logFile, { DEMO: "0" });
      const again = await fetch(`${server.url}/${FLOOR_FILE}`);
      if (again.status !== 200) throw new Error(`De vloerpagina /${FLOOR_FILE} geeft HTTP ${again.status}`);
    }
    const url = server.url;
    browser = await launchChromium();
    const runningMachine = machine(browser.version());

    const accounts: Record<Exclude<Role, "public">, string> = {
      participant: info.accounts.participant.email,
      trainer: info.accounts.trainer.email,
      examiner: info.accounts.examiner.email,
      coordinator: info.accounts.coordinator.email,
    };
    const signedIn = new Map<Role, StorageState | undefined>([["public", undefined]]);
    for (const role of new Set(pages.map((p) => p.role))) {
      if (role === "public") continue;
      console.log(`Inloggen via het formulier: ${accounts[role]}`);
      signedIn.set(role, await signInThroughForm(browser, url, accounts[role]));
    }

    const rows: Row[] = [];
    const print = (row: Row) =>
      console.log(
        `  ${row.page.name}: JS ${kB(row.cold.bytes.js)} kB, CSS ${kB(row.cold.bytes.css)} kB, HTML ${kB(row.cold.bytes.html)} kB, FCP ${sec(row.cold.fcp)} s, LCP ${sec(row.cold.lcp)} s, TBT ${row.cold.tbt.toFixed(0)} ms; herhaald: ${row.warm.fileRequests} bestanden opgevraagd`,
      );
    console.log("Meten (elke pagina: eerste bezoek met lege cache, dan herhaald bezoek)…");
    const floor = { name: "Vloer: kale statische HTML", path: `/${FLOOR_FILE}`, role: "floor" as const };
    rows.push({ page: floor, ...(await measurePage(browser, url, floor.path)) });
    print(rows[0]);
    for (const page of pages) {
      rows.push({ page, ...(await measurePage(browser, url, page.path, signedIn.get(page.role))) });
      print(rows[rows.length - 1]);
    }

    const table = tableOf(rows);
    const when = currentTime().toISOString().slice(0, 16).replace("T", " ");
    const report = [
      `Gemeten op **${when} UTC** met \`npm run bench:web\` (productiebouw, SQLite, één app-proces; ${info.counts.users} mensen, seed ${SEED}).`,
      "",
      `- Machine: ${runningMachine}.`,
      `- Per pagina een nieuwe browsercontext (lege cache), ${THROTTLING.viewport.width} × ${THROTTLING.viewport.height}, "slow 4G": ${THROTTLING.latencyMs} ms per verzoek, 1,6 Mbit/s omlaag, 750 kbit/s omhoog (1 kbit = 1024 bit), CPU ${THROTTLING.cpuSlowdown}× trager.`,
      `- Bytes en verzoeken: wat over de lijn ging bij het eerste bezoek (gecomprimeerd, met headers), 1 kB = 1000 bytes. FCP, LCP en TBT: de mediaan van ${RUNS} eerste bezoeken. TBT: lange taken na FCP tot de pagina 1 s stil is, elk min 50 ms.`,
      "- Herhaald: dezelfde pagina nog eens in dezelfde context; het aantal verzoeken voor bestanden van de build dat toch naar de server ging (doel: 0).",
      `- Duur van de run: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      "",
      table,
      "",
    ].join("\n");
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, report);
    console.log(`\n${report}`);
    console.log(`Tabel geschreven naar ${path.relative(PROJECT_ROOT, OUT)}`);
  } finally {
    if (browser) await browser.close();
    if (server) await stopServer(server.child);
    fs.rmSync(floorPath, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
