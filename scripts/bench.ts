/**
 * npm run bench: the production build on a large generated installation (demo/generate.ts), measured
 * with autocannon over loopback, against a stock Remix 2.17.5 app built in the same run
 * (scripts/lib/stock-remix.ts: one trivial route, unpatched packages). Not a test: it prints the
 * tables, writes them to build/benchmark.md (copy them into docs/performance.md) and says per row
 * whether the target of issue 26 is met; it exits non-zero only when a request failed.
 *
 * Runs (each on a fresh copy of the generated data): every data size (BENCH_SIZES, cohorts; default
 * 40 and 200) × every process count (BENCH_PROCESSES; default 1 and 2, i.e. WEB_CONCURRENCY=2).
 * The stock app runs with the same number of processes. Rows per run:
 *   - the app's own bare page (/bench/kaal: the layout, no database work), informative;
 *   - the main page of each role: participant home, trainer's cohort overview, attendance page of a
 *     meeting, examiner home, coordinator report, public verification page (10 connections);
 *   - the two heavy actions, one at a time: saving attendance for a whole meeting (≈ 25 people) and
 *     issuing one certificate (which renders and stores its PDF).
 * A page is measured in rounds: the stock app right before the page, every round; its share is
 * page/stock of the same round. Peak memory (resident set) is per app process: with two processes
 * the largest of the two workers (the primary only forks them).
 *
 *   npm run bench                      about 20 minutes (then npm run load, one more minute)
 *   BENCH_SIZES=40 BENCH_PROCESSES=1   one run, about 5 minutes
 *   BENCH_ROUNDS=3 BENCH_ROUND_SECONDS=4 BENCH_CONNECTIONS=10 BENCH_SEED=42 BENCH_SIZE=25 BENCH_YEARS=5
 *   BENCH_OUT=build/benchmark.md
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import Sqlite from "better-sqlite3";
import { amsterdamDay } from "../app/rules/amsterdam";
import { createDb } from "../db/connect";
import { generateInstallation, type GeneratedInfo } from "../demo/generate";
import { setupDatabase } from "../app/setup.server";
import { PROJECT_ROOT, signIn, startServer, stopServer, stylesheetCookie, withCookie } from "./lib/app-server";
import { buildStockRemix, startStockRemix, STOCK_REMIX_VERSION } from "./lib/stock-remix";
import { currentTime } from "../app/clock.server";

const list = (v: string | undefined, fallback: number[]) => (v ? v.split(",").map((x) => Number(x.trim())) : fallback).filter((n) => n > 0);
/**
 * A page is measured in this many rounds, each a stock-Remix run right before a page run. A shared
 * machine's speed swings by tens of percents from one run to the next; the median of the rounds'
 * shares and p99s is far steadier than one pair (every round is in build/benchmark.md).
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
/** Unmeasured seconds right before each measurement (connections open, JIT warm). */
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const BASE_COHORTS = Number(process.env.BENCH_COHORTS ?? 40);
/** The data sizes, in cohorts: the default and five times it ("cost does not grow with history"). */
const SIZES = list(process.env.BENCH_SIZES, [BASE_COHORTS, BASE_COHORTS * 5]);
/** App processes per run (WEB_CONCURRENCY). */
const PROCESSES = list(process.env.BENCH_PROCESSES, [1, 2]);
const SIZE = Number(process.env.BENCH_SIZE ?? 25);
const YEARS = Number(process.env.BENCH_YEARS ?? 5);
const OUT = path.resolve(PROJECT_ROOT, process.env.BENCH_OUT ?? "build/benchmark.md");
const PASSWORD = "leerlijn-demo";
/** Saves measured; the p99 of 200 was the second-slowest save, so one stray pause decided it. */
const SAVES = Number(process.env.BENCH_SAVES ?? 1000);
/** Saves before the measurement, so the JIT has compiled the save path (as the pages are warmed up). */
const WARM_SAVES = Number(process.env.BENCH_WARM_SAVES ?? 50);
const PENDING_CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 25);
/** For working on speed: BENCH_KEEP=file keeps the generated database (file-<cohorts>.sqlite and .json), BENCH_DB=file reuses a copy of it (one size), BENCH_ONLY=regexp measures only matching rows, BENCH_PROFILE=dir writes a CPU profile of the app, BENCH_NODE_ARGS passes options to the app's node (e.g. --trace-gc, shown in the app's log). */
const REUSE = process.env.BENCH_DB;
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;

/** Issue 26's targets (issue 9's for the two actions). */
const TARGET = {
  pageP99Ms: 50,
  stockShare: 0.6,
  peakRssMb: 200,
  attendanceSaveMs: 20,
  certificateMs: 150,
  /** throughput at five times the data, at least this share of the base size's */
  growthShare: 0.9,
};

interface Row {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** share of the stock Remix app (same connections, same process count) */
  share: number | null;
  /** Every round's p99, share and the stock app's requests/s, when the row was measured in rounds. */
  rounds?: { p99: number; share: number; stock: number }[];
  /** the largest peak resident memory of one app process during the row */
  peakMb: number;
  /** a page (target: share and p99) or an action (target: p99) or informative */
  kind: "page" | "bare" | "action";
  target: string;
  met: boolean | null;
  failures: number;
}

/** The app's processes: the process itself, or with WEB_CONCURRENCY > 1 its workers (its children running the app). */
function appProcesses(pid: number): number[] {
  try {
    const children = fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    // Only the app's own workers (node scripts/start.js), not helpers such as tsx's esbuild service.
    const workers = children.filter((c) => {
      try {
        return fs.readFileSync(`/proc/${c}/cmdline`, "utf8").includes("scripts/start.js");
      } catch {
        return false;
      }
    });
    return workers.length > 0 ? workers : [pid];
  } catch {
    return [pid];
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the resident memory of each app process (Linux /proc) while `work` runs; returns the largest peak of one process in MB. */
async function withPeakMemory<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    for (const p of appProcesses(pid)) peak = Math.max(peak, rssMb(p));
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function failuresOf(r: autocannon.Result): number {
  return r.errors + r.timeouts + r.non2xx;
}

/** The running app under measurement: its address and process id (for the memory samples), and the stock app's address. */
interface App {
  url: string;
  pid: number;
  stockUrl: string;
}

/** A page measured in the rounds: it must answer 200 with `expect` in its body. */
interface BenchPage {
  name: string;
  path: string;
  cookie: string;
  expect: string;
  kind: "page" | "bare";
}

type Cookies = Record<"participant" | "trainer" | "examiner" | "coordinator" | "anonymous", string>;
type Measured = Awaited<ReturnType<typeof measure>>;

/** One run: a data size with a number of app processes. */
interface Run {
  cohorts: number;
  processes: number;
  rows: Row[];
  /** the stock app alone, one measurement at the start (10 and 1 connections) */
  stock: { rps: number; p99: number; rpsOne: number; peakMb: number };
}

interface Dataset {
  cohorts: number;
  file: string;
  info: GeneratedInfo;
  generatedIn: number;
  pdf: "render" | "placeholder";
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-bench-"));
  const logFile = path.join(dir, "server.log");
  const today = amsterdamDay(currentTime());
  const started = performance.now();

  // 1. The reference: a stock Remix app, unpatched, built here.
  console.log(`Referentie bouwen: stock Remix ${STOCK_REMIX_VERSION} (ongepatcht) in ${path.join(dir, "stock")}…`);
  const stockDir = path.join(dir, "stock");
  const { verified } = buildStockRemix(stockDir);
  console.log(`  ${verified}`);

  const runs: Run[] = [];
  const datasets: Dataset[] = [];
  let failed = false;
  for (const cohorts of REUSE ? [SIZES[0]] : SIZES) {
    // 2. The data (or a copy of a database generated before, with its .json description).
    const data = await prepareData(path.join(dir, `data-${cohorts}.sqlite`), cohorts, today);
    datasets.push(data);
    for (const processes of PROCESSES) {
      console.log(`\n== ${cohorts} groepen, ${processes} app-proces${processes > 1 ? "sen" : ""} ==`);
      const runFile = path.join(dir, "run.sqlite");
      for (const f of [runFile, `${runFile}-wal`, `${runFile}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(data.file, runFile);
      const run = await measureRun(runFile, logFile, stockDir, data.info, cohorts, processes);
      runs.push(run);
      if (run.rows.some((r) => r.failures > 0)) failed = true;
    }
  }
  const minutes = (performance.now() - started) / 60_000;

  // 6. The tables, printed and written.
  const report = markdownReport(runs, datasets, verified, minutes);
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, report);
  console.log(`\nGeschreven naar ${path.relative(PROJECT_ROOT, OUT)} (${minutes.toFixed(1)} minuten)`);

  process.exit(finish(failed, dir, logFile));
}

/** Steps 3–5 for one data size and process count. */
async function measureRun(dbFile: string, logFile: string, stockDir: string, info: GeneratedInfo, cohorts: number, processes: number): Promise<Run> {
  console.log("De app starten (productiebouw)…");
  const { url, child } = await startServer(dbFile, logFile, { DEMO: "0", LEERLIJN_BENCH_ROUTES: "1", WEB_CONCURRENCY: String(processes) }, [
    ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []),
    ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ]);
  let stockChild: ChildProcess | undefined;
  const rows: Row[] = [];
  try {
    const stock = await startStockRemix(stockDir, processes, path.join(path.dirname(logFile), "stock.log"));
    stockChild = stock.child;
    const app: App = { url, pid: child.pid!, stockUrl: stock.url };
    // With several processes, every worker must be up (each answers /healthz on its own).
    await waitForWorkers(app.pid, processes);
    const cookie = await signInAll(url, info);
    const pages = benchPages(info, cookie);
    await checkPages(url, pages);
    await warmUp(app, pages);

    // 3. The stock app alone, with as many connections as the pages and with one (for the actions).
    console.log(`Meten: elke pagina ${ROUNDS} × ${ROUND_SECONDS} s, steeds direct na de stock-app, ${CONNECTIONS} verbindingen`);
    const stockMany = await measure(app.stockUrl, stockChild.pid!, "/", "", CONNECTIONS);
    const stockOne = await measure(app.stockUrl, stockChild.pid!, "/", "", 1);
    const stockRow = {
      rps: stockMany.result.requests.average,
      p99: stockMany.result.latency.p99,
      rpsOne: stockOne.result.requests.average,
      peakMb: Math.max(stockMany.peakMb, stockOne.peakMb),
    };
    console.log(`  stock Remix: ${stockRow.rps.toFixed(0)} verzoeken/s (10 verb.), ${stockRow.rpsOne.toFixed(0)} (1 verb.), p99 ${stockRow.p99} ms`);

    // 4. The pages.
    for (const p of pages) {
      if (ONLY && !ONLY.test(p.name)) continue;
      rows.push(await measurePage(app, p));
      print(rows.at(-1)!);
    }

    // 5. The two heavy actions, one at a time.
    if (!ONLY || ONLY.test("Aanwezigheid opslaan")) {
      rows.push(await measureAttendanceSaves(app, dbFile, info, cookie.trainer, stockRow.rpsOne));
      print(rows.at(-1)!);
    }
    if (!ONLY || ONLY.test("Certificaat uitreiken")) {
      rows.push(await measureCertificateIssues(app, dbFile, info, cookie.examiner, stockRow.rpsOne));
      print(rows.at(-1)!);
    }
    return { cohorts, processes, rows, stock: stockRow };
  } finally {
    if (stockChild) await stopServer(stockChild);
    await stopServer(child);
  }
}

/** With WEB_CONCURRENCY > 1, waits until the primary has all its workers (they start after /healthz of the first). */
async function waitForWorkers(pid: number, processes: number): Promise<void> {
  if (processes <= 1) return;
  const deadline = Date.now() + 60_000;
  while (appProcesses(pid).length < processes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 3000)); // each worker loads the build and listens
}

/**
 * Step 2: a generated installation of `cohorts` cohorts in `dbFile`, or a copy of BENCH_DB; kept
 * in BENCH_KEEP when asked. Beyond the base size the certificates get a short placeholder PDF
 * (rendering thousands of real ones takes minutes; no measured page reads a stored PDF, and the
 * certificates the benchmark issues itself are rendered by the app).
 */
async function prepareData(dbFile: string, cohorts: number, today: string): Promise<Dataset> {
  const t0 = performance.now();
  let info: GeneratedInfo;
  const pdf = cohorts > BASE_COHORTS ? "placeholder" : "render";
  if (REUSE) {
    console.log(`Gegevens van ${REUSE} (kopie)`);
    fs.copyFileSync(REUSE, dbFile);
    info = JSON.parse(fs.readFileSync(`${REUSE}.json`, "utf8")) as GeneratedInfo;
  } else {
    console.log(`Gegevens maken: ${cohorts} groepen × ${SIZE} deelnemers over ${YEARS} jaar (seed ${SEED}) in ${dbFile}`);
    const db = createDb(dbFile);
    try {
      await setupDatabase(db, {
        demo: false,
        templatesDir: path.join(PROJECT_ROOT, "templates"),
      });
      info = await generateInstallation(db, {
        seed: SEED,
        cohorts,
        size: SIZE,
        years: YEARS,
        today,
        password: PASSWORD,
        pendingCertificates: PENDING_CERTIFICATES,
        certificatePdf: pdf,
        onProgress: (done, total, phase) => process.stdout.write(`\r  ${phase === "certificates" ? "certificaten" : "groepen"}: ${done} van ${total}   `),
      });
    } finally {
      await db.destroy();
    }
    if (process.env.BENCH_KEEP) {
      const keep = process.env.BENCH_KEEP.replace(/(\.sqlite)?$/, `-${cohorts}.sqlite`);
      fs.copyFileSync(dbFile, keep);
      fs.writeFileSync(`${keep}.json`, JSON.stringify(info));
    }
  }
  const generatedIn = (performance.now() - t0) / 1000;
  const counts = info.counts;
  console.log(
    `\n  klaar in ${generatedIn.toFixed(0)} s: ${counts.users} mensen, ${counts.attendance} aanwezigheidsregels, ${counts.practice_entries} praktijkregels, ${
      counts.pop_versions
    } POP-versies, ${counts.certificates} certificaten`,
  );
  return { cohorts, file: dbFile, info, generatedIn, pdf };
}

/**
 * Each role's cookies as a browser sends them after its first page: the session and the one that
 * says the stylesheet is cached (`anonymous` has only that). A first visit's page carries the
 * stylesheet inline; `npm run bench:web` measures that, this benchmark the pages after it.
 */
async function signInAll(url: string, info: GeneratedInfo): Promise<Cookies> {
  const css = await stylesheetCookie(url);
  return {
    participant: withCookie(await signIn(url, info.accounts.participant.email, PASSWORD), css),
    trainer: withCookie(await signIn(url, info.accounts.trainer.email, PASSWORD), css),
    examiner: withCookie(await signIn(url, info.accounts.examiner.email, PASSWORD), css),
    coordinator: withCookie(await signIn(url, info.accounts.coordinator.email, PASSWORD), css),
    anonymous: css,
  };
}

/** The main page of each role; refuses data without a held lesson, a valid certificate or interviews to issue for. */
function benchPages(info: GeneratedInfo, cookie: Cookies): BenchPage[] {
  const lesson = info.heldLesson;
  if (!lesson || !info.validVerificationCode || info.pendingCertificates.length === 0)
    throw new Error("De gemaakte gegevens missen een gehouden les, een geldig certificaat of eindgesprekken zonder certificaat: kies meer groepen of jaren.");
  const meeting = { id: lesson.meetingId };
  const page = (p: Omit<BenchPage, "kind">): BenchPage => ({ ...p, kind: "page" });
  return [
    { name: "Kale pagina van de app (opmaak, geen database)", path: "/bench/kaal", cookie: cookie.anonymous, expect: "<h1", kind: "bare" },
    ...[
      {
        name: "Deelnemer: startpagina",
        path: "/deelnemer",
        cookie: cookie.participant,
        expect: "<h1",
      },
      {
        name: "Trainer: voortgang van de groep",
        path: `/groepen/${info.runningCohortId}/voortgang`,
        cookie: cookie.trainer,
        expect: "<table",
      },
      {
        name: "Trainer: aanwezigheid van een bijeenkomst",
        path: `/groepen/${info.runningCohortId}/bijeenkomsten/${meeting.id}/aanwezigheid`,
        cookie: cookie.trainer,
        expect: "<form",
      },
      {
        name: "Examinator: startpagina",
        path: "/examinator",
        cookie: cookie.examiner,
        expect: "<h1",
      },
      {
        name: "Coördinator: rapportage",
        path: "/coordinator/rapportage",
        cookie: cookie.coordinator,
        expect: "<table",
      },
      {
        name: "Openbaar: certificaat controleren",
        path: `/verify/${info.validVerificationCode}`,
        cookie: cookie.anonymous,
        expect: "<h1",
      },
    ].map(page),
  ];
}

/** Every page must really be the page (not a sign-in redirect or an error) before it is timed. */
async function checkPages(url: string, pages: BenchPage[]): Promise<void> {
  for (const p of pages) {
    const res = await fetch(url + p.path, {
      headers: { Cookie: p.cookie },
      redirect: "manual",
    });
    const body = await res.text();
    if (res.status !== 200 || !body.includes(p.expect)) throw new Error(`${p.name} (${p.path}) gaf HTTP ${res.status} zonder de verwachte inhoud`);
  }
}

/**
 * A fresh process runs slowly until the JIT has compiled the hot paths (the router, React):
 * every page and the stock app are warmed up first (3 s each), so they are measured alike.
 */
async function warmUp(app: App, pages: BenchPage[]): Promise<void> {
  console.log("Opwarmen…");
  await autocannon({ url: app.stockUrl + "/", connections: CONNECTIONS, duration: 3 });
  for (const p of pages.filter((p) => !ONLY || ONLY.test(p.name)))
    await autocannon({ url: app.url + p.path, connections: CONNECTIONS, duration: 3, headers: p.cookie ? { Cookie: p.cookie } : {} });
}

/** One measurement of a path: WARM_SECONDS unmeasured, then `seconds` with the peak memory of the server's processes. */
async function measure(url: string, pid: number, path: string, cookie: string, connections: number, seconds = ROUND_SECONDS) {
  const opts = {
    url: url + path,
    connections,
    headers: cookie ? { Cookie: cookie } : {},
  };
  if (WARM_SECONDS > 0) await autocannon({ ...opts, duration: WARM_SECONDS });
  return withPeakMemory(pid, () => autocannon({ ...opts, duration: seconds }));
}

function print(row: Row) {
  console.log(
    `  ${row.name}: ${row.rps.toFixed(0)} verzoeken/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${fmtShare(row.share)} van stock, piek ${row.peakMb.toFixed(0)} MB${
      row.failures ? `, ${row.failures} MISLUKT` : ""
    }`,
  );
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Step 4: one page. Its share is taken against the stock app measured right before it: on a
 * shared machine the speed drifts by tens of percents within a run, and a reference from minutes
 * earlier would make the share say more about the drift than about the page. This is done in
 * ROUNDS rounds; the share, p50 and p99 reported are the medians of the rounds.
 */
async function measurePage(app: App, p: BenchPage): Promise<Row> {
  const rounds: { share: number; page: Measured; stock: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const stock = await measure(app.stockUrl, 0, "/", "", CONNECTIONS);
    const m = await measure(app.url, app.pid, p.path, p.cookie, CONNECTIONS);
    rounds.push({ share: m.result.requests.average / stock.result.requests.average, page: m, stock: stock.result.requests.average });
  }
  const share = median(rounds.map((r) => r.share));
  const p50 = median(rounds.map((r) => r.page.result.latency.p50));
  const p99 = median(rounds.map((r) => r.page.result.latency.p99));
  const requests = rounds.reduce((a, r) => a + r.page.result.requests.total, 0);
  const peakMb = Math.max(...rounds.map((r) => r.page.peakMb));
  return {
    name: p.name,
    connections: CONNECTIONS,
    requests,
    rps: requests / (ROUNDS * ROUND_SECONDS),
    p50,
    p99,
    share,
    rounds: rounds.map((r) => ({ p99: r.page.result.latency.p99, share: r.share, stock: r.stock })),
    peakMb,
    kind: p.kind,
    target: p.kind === "bare" ? "–" : `p99 < ${TARGET.pageP99Ms} ms, ≥ ${TARGET.stockShare * 100}%, ≤ ${TARGET.peakRssMb} MB`,
    met: p.kind === "bare" ? null : p99 < TARGET.pageP99Ms && share >= TARGET.stockShare && peakMb <= TARGET.peakRssMb,
    failures: rounds.reduce((a, r) => a + failuresOf(r.page.result), 0),
  };
}

const formHeaders = (url: string) => ({
  "Content-Type": "application/x-www-form-urlencoded",
  Origin: url,
});

/**
 * Step 5a: saving attendance for the whole meeting, one save after another (each a real change:
 * the first person's note differs every time, the revision is the one the last save returned).
 */
async function measureAttendanceSaves(app: App, dbFile: string, info: GeneratedInfo, trainerCookie: string, stockOne: number): Promise<Row> {
  const { url } = app;
  const meeting = { id: info.heldLesson!.meetingId };
  const sheet = new Sqlite(dbFile, { readonly: true });
  const records = sheet
    .prepare("select participant_id, status, minutes_missed, active from attendance where session_id = ? order by participant_id")
    .all(meeting.id) as {
    participant_id: number;
    status: string;
    minutes_missed: number;
    active: number;
  }[];
  const revisionOf = (db: Sqlite.Database) =>
    (db.prepare("select attendance_revision as r from course_sessions where id = ?").get(meeting.id) as { r: number }).r;
  let revision = revisionOf(sheet);
  sheet.close();
  let saved = 0;
  let n = 0;
  const saveBody = () => {
    const body = new URLSearchParams({
      intent: "save",
      revision: String(revision),
      participantIds: records.map((r) => r.participant_id).join(","),
    });
    records.forEach((r, i) => {
      body.set(`status-${r.participant_id}`, r.status);
      body.set(`minutes-${r.participant_id}`, String(r.minutes_missed));
      if (r.active) body.set(`active-${r.participant_id}`, "on");
      body.set(`note-${r.participant_id}`, i === 0 ? `meting ${++n}` : "");
    });
    return body.toString();
  };
  const saves = (amount: number) =>
    autocannon({
      url,
      connections: 1,
      amount,
      requests: [
        {
          method: "POST",
          path: `/groepen/${info.runningCohortId}/bijeenkomsten/${meeting.id}/aanwezigheid.data`,
          headers: { ...formHeaders(url), Cookie: trainerCookie },
          setupRequest: (req) => ({ ...req, body: saveBody() }),
          onResponse: (status, body) => {
            if (status === 200 && body.includes("attendance.saved")) {
              revision += 1;
              saved += 1;
            }
          },
        },
      ],
    });
  if (WARM_SAVES > 0) await saves(WARM_SAVES);
  const before = new Sqlite(dbFile, { readonly: true });
  const revisionBefore = revisionOf(before);
  before.close();
  saved = 0;
  const attendance = await withPeakMemory(app.pid, () => saves(SAVES));
  const check = new Sqlite(dbFile, { readonly: true });
  const revisionAfter = revisionOf(check);
  check.close();
  const lostSaves = saved !== SAVES || revisionAfter - revisionBefore !== SAVES ? SAVES - Math.min(saved, revisionAfter - revisionBefore) : 0;
  return {
    name: `Aanwezigheid opslaan (${records.length} deelnemers)`,
    connections: 1,
    requests: attendance.result.requests.total,
    rps: attendance.result.requests.average,
    p50: attendance.result.latency.p50,
    p99: attendance.result.latency.p99,
    share: attendance.result.requests.average / stockOne,
    kind: "action",
    peakMb: attendance.peakMb,
    target: `p99 < ${TARGET.attendanceSaveMs} ms`,
    met: attendance.result.latency.p99 < TARGET.attendanceSaveMs,
    failures: failuresOf(attendance.result) + lostSaves,
  };
}

/** Step 5b: issuing certificates (the PDF is rendered and stored in the same action), one after another. */
async function measureCertificateIssues(app: App, dbFile: string, info: GeneratedInfo, examinerCookie: string, stockOne: number): Promise<Row> {
  const { url } = app;
  const interviews = info.pendingCertificates.map((p) => p.interviewId);
  let next = 0;
  const before = new Sqlite(dbFile, { readonly: true });
  const certificatesBefore = (
    before.prepare("select count(*) as n from certificates").get() as {
      n: number;
    }
  ).n;
  before.close();
  const issue = await withPeakMemory(app.pid, () =>
    autocannon({
      url,
      connections: 1,
      amount: interviews.length,
      requests: [
        {
          method: "POST",
          path: "/",
          headers: { ...formHeaders(url), Cookie: examinerCookie },
          setupRequest: (req) => ({
            ...req,
            path: `/eindgesprekken/${interviews[next++ % interviews.length]}.data`,
            body: "intent=issue",
          }),
        },
      ],
    }),
  );
  const after = new Sqlite(dbFile, { readonly: true });
  const issued = after.prepare("select min(length(pdf)) as smallest from (select pdf from certificates order by id desc limit ?)").get(interviews.length) as {
    smallest: number;
  };
  const certificatesAfter = (
    after.prepare("select count(*) as n from certificates").get() as {
      n: number;
    }
  ).n;
  after.close();
  const missing = interviews.length - (certificatesAfter - certificatesBefore) + (issued.smallest > 1000 ? 0 : 1);
  return {
    name: "Certificaat uitreiken met PDF",
    connections: 1,
    requests: issue.result.requests.total,
    rps: issue.result.requests.average,
    p50: issue.result.latency.p50,
    p99: issue.result.latency.p99,
    share: issue.result.requests.average / stockOne,
    kind: "action",
    peakMb: issue.peakMb,
    target: `p99 < ${TARGET.certificateMs} ms`,
    met: issue.result.latency.p99 < TARGET.certificateMs,
    failures: failuresOf(issue.result) + Math.max(0, missing),
  };
}

const fmtShare = (s: number | null) => (s === null ? "–" : `${Math.round(s * 100)}%`);
const fmtMet = (r: Row) => (r.failures > 0 ? `nee: ${r.failures} mislukt` : r.met === null ? "–" : r.met ? "ja" : "nee");
const procs = (n: number) => (n === 1 ? "1 proces" : `${n} processen`);

function markdownTable(header: string[], textColumns: number[], cells: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (textColumns.includes(i) ? "---" : "---:")).join(" | ")} |`,
    ...cells.map((c) => `| ${c.join(" | ")} |`),
  ];
}

/** Per data size: one table, the process counts side by side. */
function sizeTable(runs: Run[]): string[] {
  const names = [...new Set(runs.flatMap((r) => r.rows.map((x) => x.name)))];
  const header = ["Meting", "Doel"];
  for (const run of runs) header.push(`${procs(run.processes)}: verzoeken/s`, "p50 (ms)", "p99 (ms)", "van stock", `piek-RSS per proces (MB)`, "gehaald");
  const cells = [
    [
      "Stock Remix 2.17.5, één route (referentie, 1 meting)",
      "–",
      ...runs.flatMap((r) => [r.stock.rps.toFixed(0), "–", String(r.stock.p99), "100%", r.stock.peakMb.toFixed(0), "–"]),
    ],
    ...names.map((name) => {
      const first = runs.map((r) => r.rows.find((x) => x.name === name)).find(Boolean)!;
      return [
        first.connections === 1 ? `${name} (1 verb.)` : name,
        first.target,
        ...runs.flatMap((run) => {
          const r = run.rows.find((x) => x.name === name);
          return r ? [r.rps.toFixed(0), String(r.p50), String(r.p99), fmtShare(r.share), r.peakMb.toFixed(0), fmtMet(r)] : ["–", "–", "–", "–", "–", "–"];
        }),
      ];
    }),
  ];
  return markdownTable(header, [0, 1], cells);
}

/** Five times the data against the base size, per page and process count. */
function growthTable(runs: Run[]): string[] {
  const sizes = [...new Set(runs.map((r) => r.cohorts))].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const [small, large] = [sizes[0], sizes.at(-1)!];
  const cells: string[][] = [];
  for (const processes of PROCESSES) {
    const a = runs.find((r) => r.cohorts === small && r.processes === processes);
    const b = runs.find((r) => r.cohorts === large && r.processes === processes);
    if (!a || !b) continue;
    for (const ra of a.rows.filter((r) => r.kind === "page")) {
      const rb = b.rows.find((r) => r.name === ra.name);
      if (!rb || ra.share === null || rb.share === null) continue;
      const rpsChange = rb.rps / ra.rps - 1;
      const shareChange = rb.share / ra.share - 1;
      cells.push([
        ra.name,
        procs(processes),
        ra.rps.toFixed(0),
        rb.rps.toFixed(0),
        `${rpsChange >= 0 ? "+" : ""}${Math.round(rpsChange * 100)}%`,
        `${fmtShare(ra.share)} → ${fmtShare(rb.share)}`,
        `${shareChange >= 0 ? "+" : ""}${Math.round(shareChange * 100)}%`,
        `${ra.p99} → ${rb.p99}`,
        shareChange >= TARGET.growthShare - 1 ? "ja" : "nee",
      ]);
    }
  }
  return [
    `### ${large} tegen ${small} groepen`,
    "",
    `"Binnen 10%" kijkt naar het aandeel van de stock-app (dat corrigeert voor de schommelende snelheid van de machine tussen de twee runs); de ruwe verzoeken/s staan ernaast.`,
    "",
    ...markdownTable(
      ["Pagina", "Processen", `Verzoeken/s bij ${small}`, `bij ${large}`, "Verschil", "Van stock", "Verschil van stock", "p99 (ms)", "Binnen 10%"],
      [0, 1, 5, 7],
      cells,
    ),
  ];
}

/** build/benchmark.md: how, where and on what data it was measured, and the tables. */
function markdownReport(runs: Run[], datasets: Dataset[], verified: string, minutes: number): string {
  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "onbekende processor"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${
    process.version
  }, ${os.type()} ${os.release()}`;
  const data = datasets.map(
    (d) =>
      `  - ${d.cohorts} groepen × ${SIZE} deelnemers over ${YEARS} jaar (seed ${SEED}): ${d.info.counts.users} mensen, ${d.info.counts.course_sessions} bijeenkomsten, ${
        d.info.counts.attendance
      } aanwezigheidsregels, ${d.info.counts.practice_entries} praktijkregels, ${d.info.counts.pop_versions} POP-versies, ${d.info.counts.certificates} certificaten${
        d.pdf === "placeholder" ? " (met voorbeeld-pdf)" : ""
      } — gemaakt in ${d.generatedIn.toFixed(0)} s`,
  );
  const out = [
    "# Benchmark",
    "",
    `Gemeten op ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC met \`npm run bench\` in ${minutes.toFixed(0)} minuten (productiebouw, SQLite, autocannon over loopback, ${CONNECTIONS} verbindingen).`,
    "",
    `- Machine: ${machine}; load average bij de start ${os.loadavg()[0].toFixed(2)}.`,
    "- Gegevens:",
    ...data,
    `- Referentie: een stock Remix ${STOCK_REMIX_VERSION}-app (één route zonder loader, root met Meta/Links/Scripts, @remix-run/express + express zoals de Remix-template), in dezelfde run gebouwd met ongepatchte pakketten (${verified}). Bij twee app-processen draait ook de referentie met twee processen.`,
    `- Elke pagina wordt in ${ROUNDS} rondes gemeten: steeds ${ROUND_SECONDS} s de stock-app en direct daarna ${ROUND_SECONDS} s de pagina (elk na ${WARM_SECONDS} s ongemeten opwarmen). "Van stock" = verzoeken/s van de pagina gedeeld door die van de stock-app in dezelfde ronde; p50, p99 en "van stock" zijn de mediaan van de rondes. Verzoeken/s is het gemiddelde over de rondes. De stock-rij bovenaan is één meting aan het begin.`,
    `- Piek-RSS: het grootste residente geheugen van één app-proces tijdens de rij (/proc, elke 100 ms); bij twee processen het grootste van de twee werkprocessen.`,
    `- De twee zware acties lopen één voor één (1 verbinding); hun "van stock" is tegen de stock-app met 1 verbinding. Aanwezigheid opslaan: eerst ${WARM_SAVES} keer ongemeten, dan ${SAVES} keer gemeten.`,
    `- Doelen (issue 26): elke hoofdpagina ≥ ${TARGET.stockShare * 100}% van de stock-app, p99 < ${TARGET.pageP99Ms} ms, piek-RSS ≤ ${TARGET.peakRssMb} MB; aanwezigheid opslaan p99 < ${TARGET.attendanceSaveMs} ms, certificaat p99 < ${TARGET.certificateMs} ms (issue 9).`,
    "",
  ];
  for (const cohorts of [...new Set(runs.map((r) => r.cohorts))]) {
    out.push(`### ${cohorts} groepen`, "", ...sizeTable(runs.filter((r) => r.cohorts === cohorts)), "");
  }
  out.push(...growthTable(runs), "");
  out.push("### Per ronde (p99 ms · van stock · stock verzoeken/s)", "");
  for (const run of runs)
    for (const r of run.rows.filter((x) => x.rounds))
      out.push(
        `- ${run.cohorts} groepen, ${procs(run.processes)}, ${r.name}: ${r.rounds!.map((x) => `${x.p99} · ${fmtShare(x.share)} · ${x.stock.toFixed(0)}`).join("; ")}`,
      );
  out.push("");
  return out.join("\n");
}

/** The exit code: 1 when a request failed (the database and server log are kept then). */
function finish(failed: boolean, dir: string, logFile: string): number {
  if (failed) {
    console.log(`Er mislukten verzoeken; database en serverlog staan in ${dir}`);
    return 1;
  }
  if (process.env.BENCH_NODE_ARGS) {
    console.log(`Serverlog (met de uitvoer van BENCH_NODE_ARGS): ${logFile}`);
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
