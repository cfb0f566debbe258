import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { signIn, startCommand, startServer, stopServer } from "../../scripts/lib/app-server";
import { DEMO_PASSWORD } from "../../demo/seed";

/*
 * WEB_CONCURRENCY=2: `npm start` (scripts/start.js) runs one supervising process and two app
 * processes on the same port. The supervisor sets the database up once (a fresh file with demo
 * data), replaces an app process that dies, and stops them all on SIGTERM.
 */
let dir = "";
let url = "";
let child: ChildProcess;
let logFile = "";
let startedAt = 0;

function workers(): number[] {
  const file = `/proc/${child.pid}/task/${child.pid}/children`;
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

async function until<T>(what: string, fn: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`wachten op ${what} duurde te lang`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-processes-"));
  logFile = path.join(dir, "server.log");
  startedAt = Date.now();
  ({ url, child } = await startServer(path.join(dir, "leerlijn.sqlite"), logFile, { WEB_CONCURRENCY: "2", DEMO: "1" }));
}, 200_000);

afterAll(async () => {
  if (child) await stopServer(child);
  fs.rmSync(dir, { recursive: true, force: true });
});

it("runs two app processes that both serve, on a database set up once", async () => {
  const pids = await until("twee app-processen", () => workers().length === 2 && workers());
  expect(pids.every(alive)).toBe(true);
  const log = fs.readFileSync(logFile, "utf8");
  expect(log.match(/Demogegevens geladen/g)).toHaveLength(1);
  expect(log).toContain("Leerlijn start 2 app-processen.");
  // server.ts runs compiled, not through tsx's loader (docs/decisions/014); the esbuild service
  // that compiled it is gone (it would be a third child).
  expect(log).not.toContain("via tsx");
  expect(fs.statSync(path.resolve(__dirname, "../../build/server-entry.mjs")).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
  // Every app process runs with npm start's memory limit (docs/decisions/018-memory-limit.md).
  const heapLimit = startCommand().find((arg) => arg.startsWith("--max-old-space-size="));
  expect(heapLimit).toBeDefined();
  for (const pid of [child.pid!, ...pids]) expect(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain(heapLimit);
  const cookie = await signIn(url, "trainer@leerlijn.test", DEMO_PASSWORD);
  const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/trainer`, { headers: { Cookie: cookie }, redirect: "manual" })));
  expect(pages.map((r) => r.status)).toEqual(Array(20).fill(200));
});

it("replaces an app process that dies, and keeps serving", async () => {
  const [victim, other] = await until("twee app-processen", () => workers().length === 2 && workers());
  process.kill(victim, "SIGKILL");
  const now = await until("een nieuw app-proces", () => {
    const w = workers();
    return w.length === 2 && !w.includes(victim) && w;
  });
  expect(now).toContain(other);
  for (let i = 0; i < 10; i++) expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect(fs.readFileSync(logFile, "utf8")).toMatch(/App-proces \d+ stopte \(SIGKILL\); er start een nieuw\./);
});

it("stops every app process on SIGTERM", async () => {
  const pids = await until("twee app-processen", () => workers().length === 2 && workers());
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  await expect(exited).resolves.toBe(0);
  await until("alle app-processen gestopt", () => pids.every((pid) => !alive(pid)));
});
