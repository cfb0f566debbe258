/**
 * npm run bench: the production build on a large generated installation (demo/generate.ts), measured
 * with autocannon over loopback. Not a test: it prints a table, writes it to build/benchmark.md (copy the table into docs/performance.md) and
 * says per row whether the target of issue 9 is met; it exits non-zero only when a request failed.
 *
 * Rows:
 *   - a bare page that does no database work (the "ceiling": what one app process serves at most);
 *   - the main page of each role: participant home, trainer's cohort overview, attendance page of a
 *     meeting, examiner home, coordinator report, public verification page (10 connections);
 *   - the two heavy actions, one at a time: saving attendance for a whole meeting (≈ 25 people) and
 *     issuing one certificate (which renders and stores its PDF).
 * Every row reports requests per second, p50/p99 latency, its share of the ceiling measured the
 * same way (same number of connections; for a page, measured again right before it, as a shared
 * machine drifts within a run) and the app's peak memory (resident set) during the row.
 *
 *   npm run bench
 *   BENCH_SECONDS=10 BENCH_ROUNDS=5 BENCH_ROUND_SECONDS=4 BENCH_CONNECTIONS=10 BENCH_SEED=42 BENCH_COHORTS=40 BENCH_SIZE=25 BENCH_YEARS=5
 *   BENCH_OUT=build/benchmark.md
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import Sqlite from "better-sqlite3";
import { amsterdamDay } from "../app/rules/amsterdam";
import { createDb } from "../db/connect";
import { generateInstallation, type GeneratedInfo } from "../demo/generate";
import { setupDatabase } from "../app/setup.server";
import { PROJECT_ROOT, signIn, startServer, stopServer } from "./lib/app-server";
import { currentTime } from "../app/clock.server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * A page is measured in this many rounds, each a ceiling run right before a page run. A shared
 * machine's speed swings by tens of percents from one ten-second run to the next; the median of
 * the rounds' shares and p99s is far steadier than one pair (every round's p99 is in the table).
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const COHORTS = Number(process.env.BENCH_COHORTS ?? 40);
const SIZE = Number(process.env.BENCH_SIZE ?? 25);
const YEARS = Number(process.env.BENCH_YEARS ?? 5);
const OUT = path.resolve(PROJECT_ROOT, process.env.BENCH_OUT ?? "build/benchmark.md");
const PASSWORD = "leerlijn-demo";
/** Saves measured; the p99 of 200 was the second-slowest save, so one stray pause decided it. */
const SAVES = Number(process.env.BENCH_SAVES ?? 1000);
/** Saves before the measurement, so the JIT has compiled the save path (as the pages are warmed up). */
const WARM_SAVES = Number(process.env.BENCH_WARM_SAVES ?? 50);
const PENDING_CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 25);
/** For working on speed: BENCH_KEEP=file keeps the generated database (and file.json), BENCH_DB=file reuses a copy of it, BENCH_ONLY=regexp measures only matching rows, BENCH_PROFILE=dir writes a CPU profile of the app, BENCH_NODE_ARGS passes options to the app's node (e.g. --trace-gc, shown in the app's log). */
const REUSE = process.env.BENCH_DB;
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;

/** Issue 9's targets. */
const TARGET = {
  pageP99Ms: 100,
  ceilingShare: 0.4,
  attendanceSaveMs: 20,
  certificateMs: 150,
};

interface Row {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  share: number | null;
  /** Every round's p99 and share, when the row was measured in rounds. */
  rounds?: { p99: number; share: number }[];
  peakMb: number;
  target: string;
  met: boolean | null;
  failures: number;
}

/** Samples the app's resident memory (Linux /proc) while `work` runs; returns the peak in MB. */
async function withPeakMemory<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 100);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, read()) };
  } finally {
    clearInterval(timer);
  }
}

function failuresOf(r: autocannon.Result): number {
  return r.errors + r.timeouts + r.non2xx;
}

/** The running app under measurement: its address and process id (for the memory samples). */
interface App {
  url: string;
  pid: number;
}

/** A page measured in the rounds: it must answer 200 with `expect` in its body. */
interface BenchPage {
  name: string;
  path: string;
  cookie: string;
  expect: string;
}

type Cookies = Record<"participant" | "trainer" | "examiner" | "coordinator", string>;
type Measured = Awaited<ReturnType<typeof measure>>;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-bench-"));
  const dbFile = path.join(dir, "leerlijn.sqlite");
  const logFile = path.join(dir, "server.log");
  const today = amsterdamDay(currentTime());

  // 1. The data (or a copy of a database generated before, with its .json description).
  const { info, generatedIn } = await prepareData(dbFile, today);

  // 2. The app (builds first when the build is missing or old).
  console.log("De app starten (productiebouw)…");
  const { url, child } = await startServer(dbFile, logFile, { DEMO: "0", LEERLIJN_BENCH_ROUTES: "1" }, [
    ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []),
    ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ]);
  const app: App = { url, pid: child.pid! };
  const rows: Row[] = [];
  try {
    const cookie = await signInAll(url, info);
    const pages = benchPages(info, cookie);
    await checkPages(url, pages);
    await warmUp(url, pages);

    // 3. The ceiling, with as many connections as the pages and with one (for the actions).
    console.log(`Meten: plafond ${SECONDS} s, elke pagina ${ROUNDS} × ${ROUND_SECONDS} s, ${CONNECTIONS} verbindingen`);
    const { rows: ceilingRows, ceilingOne } = await measureCeiling(app);
    rows.push(...ceilingRows);

    // 4. The pages.
    for (const p of pages) {
      if (ONLY && !ONLY.test(p.name)) continue;
      rows.push(await measurePage(app, p));
      print(rows.at(-1)!);
    }

    // 5. The two heavy actions, one at a time.
    if (!ONLY || ONLY.test("Aanwezigheid opslaan")) {
      rows.push(await measureAttendanceSaves(app, dbFile, info, cookie.trainer, ceilingOne));
      print(rows.at(-1)!);
    }
    if (!ONLY || ONLY.test("Certificaat uitreiken")) {
      rows.push(await measureCertificateIssues(app, dbFile, info, cookie.examiner, ceilingOne));
      print(rows.at(-1)!);
    }
  } finally {
    await stopServer(child);
  }

  // 6. The table, printed and written.
  const table = resultTable(rows);
  printTable(table);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, markdownReport(table, info, generatedIn));
  console.log(`\nGeschreven naar ${path.relative(PROJECT_ROOT, OUT)}`);

  process.exit(finish(rows, dir, logFile));
}

/** Step 1: a generated installation in `dbFile`, or a copy of BENCH_DB; kept in BENCH_KEEP when asked. */
async function prepareData(dbFile: string, today: string): Promise<{ info: GeneratedInfo; generatedIn: number }> {
  const t0 = performance.now();
  let info: GeneratedInfo;
  if (REUSE) {
    console.log(`Gegevens van ${REUSE} (kopie)`);
    fs.copyFileSync(REUSE, dbFile);
    info = JSON.parse(fs.readFileSync(`${REUSE}.json`, "utf8")) as GeneratedInfo;
  } else {
    console.log(`Gegevens maken: ${COHORTS} groepen × ${SIZE} deelnemers over ${YEARS} jaar (seed ${SEED}) in ${dbFile}`);
    const db = createDb(dbFile);
    try {
      await setupDatabase(db, {
        demo: false,
        templatesDir: path.join(PROJECT_ROOT, "templates"),
      });
      info = await generateInstallation(db, {
        seed: SEED,
        cohorts: COHORTS,
        size: SIZE,
        years: YEARS,
        today,
        password: PASSWORD,
        pendingCertificates: PENDING_CERTIFICATES,
        certificatePdf: "render",
        onProgress: (done, total, phase) => process.stdout.write(`\r  ${phase === "certificates" ? "certificaten" : "groepen"}: ${done} van ${total}   `),
      });
    } finally {
      await db.destroy();
    }
    if (process.env.BENCH_KEEP) {
      fs.copyFileSync(dbFile, process.env.BENCH_KEEP);
      fs.writeFileSync(`${process.env.BENCH_KEEP}.json`, JSON.stringify(info));
    }
  }
  const generatedIn = (performance.now() - t0) / 1000;
  const counts = info.counts;
  console.log(
    `\n  klaar in ${generatedIn.toFixed(0)} s: ${counts.users} mensen, ${counts.attendance} aanwezigheidsregels, ${counts.practice_entries} praktijkregels, ${
      counts.pop_versions
    } POP-versies, ${counts.certificates} certificaten`,
  );
  return { info, generatedIn };
}

async function signInAll(url: string, info: GeneratedInfo): Promise<Cookies> {
  return {
    participant: await signIn(url, info.accounts.participant.email, PASSWORD),
    trainer: await signIn(url, info.accounts.trainer.email, PASSWORD),
    examiner: await signIn(url, info.accounts.examiner.email, PASSWORD),
    coordinator: await signIn(url, info.accounts.coordinator.email, PASSWORD),
  };
}

/** The main page of each role; refuses data without a held lesson, a valid certificate or interviews to issue for. */
function benchPages(info: GeneratedInfo, cookie: Cookies): BenchPage[] {
  const lesson = info.heldLesson;
  if (!lesson || !info.validVerificationCode || info.pendingCertificates.length === 0)
    throw new Error("De gemaakte gegevens missen een gehouden les, een geldig certificaat of eindgesprekken zonder certificaat: kies meer groepen of jaren.");
  const meeting = { id: lesson.meetingId };
  return [
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
      cookie: "",
      expect: "<h1",
    },
  ];
}

/** Every page must really be the page (not a sign-in redirect or an error) before it is timed. */
async function checkPages(url: string, pages: BenchPage[]): Promise<void> {
  for (const p of [{ name: "kaal", path: "/bench/kaal", cookie: "", expect: "<h1" }, ...pages]) {
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
 * every page is warmed up first, so the ceiling and the pages are measured alike.
 */
async function warmUp(url: string, pages: BenchPage[]): Promise<void> {
  console.log("Opwarmen…");
  for (const p of [{ path: "/bench/kaal", cookie: "" }, ...pages.filter((p) => !ONLY || ONLY.test(p.name))])
    await autocannon({ url: url + p.path, connections: CONNECTIONS, duration: 3, headers: p.cookie ? { Cookie: p.cookie } : {} });
}

/** One measurement of a path: 2 s warm-up, then `seconds` with the app's peak memory. */
async function measure(app: App, path: string, cookie: string, connections: number, seconds = SECONDS) {
  const opts = {
    url: app.url + path,
    connections,
    headers: cookie ? { Cookie: cookie } : {},
  };
  await autocannon({ ...opts, duration: 2 }); // warm up
  return withPeakMemory(app.pid, () => autocannon({ ...opts, duration: seconds }));
}

function print(row: Row) {
  console.log(`  ${row.name}: ${row.rps.toFixed(0)} verzoeken/s, p50 ${row.p50} ms, p99 ${row.p99} ms${row.failures ? `, ${row.failures} MISLUKT` : ""}`);
}

/** Step 3: the bare page with as many connections as the pages, and with one (the actions' ceiling). */
async function measureCeiling(app: App): Promise<{ rows: Row[]; ceilingOne: Measured }> {
  const rows: Row[] = [];
  const ceiling = await measure(app, "/bench/kaal", "", CONNECTIONS);
  const ceilingOne = await measure(app, "/bench/kaal", "", 1);
  for (const [c, m] of [
    [CONNECTIONS, ceiling],
    [1, ceilingOne],
  ] as const) {
    rows.push({
      name: `Kale pagina, geen database (plafond, ${c} verb.)`,
      connections: c,
      requests: m.result.requests.total,
      rps: m.result.requests.average,
      p50: m.result.latency.p50,
      p99: m.result.latency.p99,
      share: 1,
      peakMb: m.peakMb,
      target: "–",
      met: null,
      failures: failuresOf(m.result),
    });
    print(rows.at(-1)!);
  }
  return { rows, ceilingOne };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Step 4: one page. Its share is taken against the ceiling measured right before it: on a
 * shared machine the speed drifts by tens of percents within a run, and a ceiling from minutes
 * earlier would make the share say more about the drift than about the page. This is done in
 * ROUNDS rounds; the share, p50 and p99 reported are the medians of the rounds.
 */
async function measurePage(app: App, p: BenchPage): Promise<Row> {
  const rounds: { share: number; page: Measured; near: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const near = await measure(app, "/bench/kaal", "", CONNECTIONS, ROUND_SECONDS);
    const m = await measure(app, p.path, p.cookie, CONNECTIONS, ROUND_SECONDS);
    rounds.push({ share: m.result.requests.average / near.result.requests.average, page: m, near: near.result.requests.average });
  }
  console.log(`  (plafond vlak voor elke ronde: ${rounds.map((r) => r.near.toFixed(0)).join(", ")} verzoeken/s)`);
  const share = median(rounds.map((r) => r.share));
  const p50 = median(rounds.map((r) => r.page.result.latency.p50));
  const p99 = median(rounds.map((r) => r.page.result.latency.p99));
  const requests = rounds.reduce((a, r) => a + r.page.result.requests.total, 0);
  return {
    name: p.name,
    connections: CONNECTIONS,
    requests,
    rps: requests / (ROUNDS * ROUND_SECONDS),
    p50,
    p99,
    share,
    rounds: rounds.map((r) => ({ p99: r.page.result.latency.p99, share: r.share })),
    peakMb: Math.max(...rounds.map((r) => r.page.peakMb)),
    target: `p99 < ${TARGET.pageP99Ms} ms, ≥ ${TARGET.ceilingShare * 100}%`,
    met: p99 < TARGET.pageP99Ms && share >= TARGET.ceilingShare,
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
async function measureAttendanceSaves(app: App, dbFile: string, info: GeneratedInfo, trainerCookie: string, ceilingOne: Measured): Promise<Row> {
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
    share: attendance.result.requests.average / ceilingOne.result.requests.average,
    peakMb: attendance.peakMb,
    target: `p99 < ${TARGET.attendanceSaveMs} ms`,
    met: attendance.result.latency.p99 < TARGET.attendanceSaveMs,
    failures: failuresOf(attendance.result) + lostSaves,
  };
}

/** Step 5b: issuing certificates (the PDF is rendered and stored in the same action), one after another. */
async function measureCertificateIssues(app: App, dbFile: string, info: GeneratedInfo, examinerCookie: string, ceilingOne: Measured): Promise<Row> {
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
    share: issue.result.requests.average / ceilingOne.result.requests.average,
    peakMb: issue.peakMb,
    target: `p99 < ${TARGET.certificateMs} ms`,
    met: issue.result.latency.p99 < TARGET.certificateMs,
    failures: failuresOf(issue.result) + Math.max(0, missing),
  };
}

interface ResultTable {
  header: string[];
  cells: string[][];
  /** the text columns, aligned left (the figures right), on screen and in the Markdown table */
  textColumns: Set<number>;
}

const fmtShare = (s: number | null) => (s === null ? "–" : `${Math.round(s * 100)}%`);

/** Step 6: the rows as table cells. */
function resultTable(rows: Row[]): ResultTable {
  const header = [
    "Meting",
    "Verb.",
    "Verzoeken",
    "Verzoeken/s",
    "p50 (ms)",
    "p99 (ms)",
    "Van plafond",
    "Per ronde: p99 · deel",
    "Piekgeheugen (MB)",
    "Doel",
    "Gehaald",
  ];
  // The text columns are aligned left, the figures right (on screen and in the Markdown table).
  const textColumns = new Set(["Meting", "Per ronde: p99 · deel", "Doel"].map((h) => header.indexOf(h)));
  const cells = rows.map((r) => [
    r.name,
    String(r.connections),
    String(r.requests),
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    fmtShare(r.share),
    r.rounds ? r.rounds.map((x) => `${x.p99} · ${fmtShare(x.share)}`).join(", ") : "–",
    r.peakMb.toFixed(0),
    r.target,
    r.failures > 0 ? `nee: ${r.failures} mislukt` : r.met === null ? "–" : r.met ? "ja" : "nee",
  ]);
  return { header, cells, textColumns };
}

function printTable({ header, cells, textColumns }: ResultTable): void {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  console.log("");
  for (const line of [header, widths.map((w) => "-".repeat(w)), ...cells])
    console.log(line.map((c, i) => (textColumns.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}

/** build/benchmark.md: how, where and on what data it was measured, and the table. */
function markdownReport({ header, cells, textColumns }: ResultTable, info: GeneratedInfo, generatedIn: number): string {
  const counts = info.counts;
  const cpu = os.cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? "onbekende processor"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${
    process.version
  }, ${os.type()} ${os.release()}`;
  const data = `seed ${SEED}: ${COHORTS} groepen × ${SIZE} deelnemers over ${YEARS} jaar — ${counts.users} mensen, ${counts.course_sessions} bijeenkomsten, ${
    counts.attendance
  } aanwezigheidsregels, ${counts.practice_entries} praktijkregels, ${counts.pop_versions} POP-versies, ${
    counts.certificates
  } certificaten (gemaakt in ${generatedIn.toFixed(0)} s)`;
  return [
    "# Benchmark",
    "",
    `Gemeten op ${new Date()
      .toISOString()
      .slice(0, 16)
      .replace(
        "T",
        " ",
      )} UTC met \`npm run bench\` (productiebouw, SQLite, één app-proces, autocannon over loopback; vooraf elke pagina 3 s opgewarmd en direct voor elke meting nog 2 s).`,
    "",
    `- Machine: ${machine}; load average bij de start ${os.loadavg()[0].toFixed(2)}.`,
    `- Gegevens: ${data}.`,
    `- Plafond: een kale pagina in dezelfde opmaak zonder databasewerk, gemeten met hetzelfde aantal verbindingen (${SECONDS} s). "Van plafond" = verzoeken/s van de rij gedeeld door die van het plafond.`,
    `- Elke pagina wordt in ${ROUNDS} rondes gemeten: steeds ${ROUND_SECONDS} s het plafond en direct daarna ${ROUND_SECONDS} s de pagina. De snelheid van een gedeelde machine verschuift binnen één run met tientallen procenten; een pagina wordt daarom alleen vergeleken met het plafond vlak ervoor. p50, p99 en "van plafond" zijn de mediaan van de rondes; elke ronde staat in de kolom "per ronde". Verzoeken/s is het gemiddelde over de rondes. De plafondrijen bovenaan zijn één meting aan het begin.`,
    `- De twee zware acties lopen één voor één (1 verbinding); hun tijd is de tijd van één actie. Aanwezigheid opslaan: eerst ${WARM_SAVES} keer ongemeten (opwarmen, zoals de pagina's), dan ${SAVES} keer gemeten.`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (textColumns.has(i) ? "---" : "---:")).join(" | ")} |`,
    ...cells.map((c) => `| ${c.join(" | ")} |`),
    "",
  ].join("\n");
}

/** The exit code: 1 when a request failed (the database and server log are kept then). */
function finish(rows: Row[], dir: string, logFile: string): number {
  if (rows.some((r) => r.failures > 0)) {
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
