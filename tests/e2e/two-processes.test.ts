import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startCommand } from "../../scripts/lib/app-server";
import { certificateNumber } from "../../app/rules/certificate";
import { DEFAULT_THROTTLE } from "../../app/rules/login-throttle";
import { cohortTemplate, getVersion } from "../../app/services/curriculum.server";
import { rescheduleInterview, saveJudgement, signJudgement } from "../../app/services/interviews.server";
import { VERIFY_MISS_LIMIT } from "../../app/services/verify.server";
import type { DB } from "../../db/connect";
import { seedFinishedCohort } from "../../demo/finished";
import { DEMO_COHORT_FINISHED, DEMO_PASSWORD } from "../../demo/seed";
import { createTestDb, postgresTestUrl, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";
import { sessionSetCookie } from "./support";
import { currentTime } from "../../app/clock.server";
import { amsterdamDay } from "../../app/rules/amsterdam";

/*
 * Two production server processes (scripts/start.js, as `npm start` runs it) on ONE database:
 * a fresh PostgreSQL database when TEST_DATABASE_URL names a server (npm run test:pg), otherwise
 * one SQLite file that both processes open. What one process knows, the other must know too:
 * sessions, the sign-in lock-out, the guessing limit of the public verification, and the
 * certificate numbers.
 */

const ROOT = path.resolve(__dirname, "../..");
/** Extra finished cohorts, each with one more participant ready for a certificate (besides the demo's own). */
const EXTRA_COHORTS = 5;

interface AppProcess {
  name: "A" | "B";
  url: string;
  child: ChildProcess;
  logFile: string;
}

let t: TestDb;
let dir = "";
let A: AppProcess;
let B: AppProcess;
/** Participants whose interview is finalised and who have no certificate yet. */
let ready: { participantId: number; interviewId: number }[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startApp(name: "A" | "B", databaseUrl: string): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, `server-${name}.log`);
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, startCommand(), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, DEMO: "1", NODE_ENV: "production" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  const app: AppProcess = { name, url, child, logFile };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return app;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stopApp(app);
  throw new Error(`Proces ${name} startte niet. Log:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
}

function stopApp(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => app.child.once("exit", () => resolve()));
  try {
    process.kill(-app.child.pid!, "SIGTERM");
  } catch {
    app.child.kill("SIGTERM");
  }
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<void>((r) => (timer = setTimeout(r, 10_000)));
  return Promise.race([exited, patience]).finally(() => clearTimeout(timer));
}

/**
 * More participants ready for a certificate, made the way the demo makes its own: a copy of the
 * finished demo cohort (seedFinishedCohort), then the planned interview of its "ready" participant
 * judged and signed by both examiners through the real services.
 */
async function prepareReadyParticipants(db: DB): Promise<{ participantId: number; interviewId: number }[]> {
  const finished = await db.selectFrom("cohorts").selectAll().where("name", "=", DEMO_COHORT_FINISHED).executeTakeFirstOrThrow();
  const trainer = await userByEmail(db, "trainer@leerlijn.test");
  const e1 = await userByEmail(db, "examinator@leerlijn.test");
  const e2 = await userByEmail(db, "examinator2@leerlijn.test");
  const readyIds = [(await userByEmail(db, "deelnemer16@leerlijn.test")).id];
  const now = currentTime();
  for (let k = 1; k <= EXTRA_COHORTS; k++) {
    const [certified, readyOne, left, behind] = await Promise.all(
      [1, 2, 3, 4].map((j) => makeUser(db, { role: "participant", name: `Extra Deelnemer ${k}.${j}` })),
    );
    const cohort = await db
      .insertInto("cohorts")
      .values({
        name: `${DEMO_COHORT_FINISHED} extra ${k}`,
        leerlijn_version_id: finished.leerlijn_version_id,
        start_date: finished.start_date,
        end_date: finished.end_date,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("cohort_trainers").values({ cohort_id: cohort.id, user_id: trainer.id }).execute();
    for (const p of [certified, readyOne, left, behind]) {
      await db
        .insertInto("enrolments")
        .values({ cohort_id: cohort.id, participant_id: p.id, enrolled_at: `${finished.start_date}T00:00:00.000Z` })
        .execute();
    }
    await seedFinishedCohort(db, {
      cohortId: cohort.id,
      start: finished.start_date,
      trainer: { id: trainer.id, role: "trainer", name: trainer.name },
      examiners: [
        { id: e1.id, role: "examiner" },
        { id: e2.id, role: "examiner" },
      ],
      participants: { certified: certified!.id, ready: readyOne!.id, left: left!.id, behind: behind!.id },
      verifyBase: "http://localhost",
      now,
    });
    readyIds.push(readyOne!.id);
  }
  const out: { participantId: number; interviewId: number }[] = [];
  const coordinator = await userByEmail(db, "coordinator@leerlijn.test");
  for (const participantId of readyIds) {
    const interview = await db
      .selectFrom("interviews")
      .select(["id", "leerlijn_version_id"])
      .where("participant_id", "=", participantId)
      .where("status", "=", "gepland")
      .executeTakeFirstOrThrow();
    // The demo plans these interviews a few days ahead; signing opens on the planned day, so the
    // coordinator first records that they are held today (as on the interview page).
    await rescheduleInterview(db, coordinator, interview.id, { date: amsterdamDay(now), startTime: "09:00" });
    const version = (await getVersion(db, interview.leerlijn_version_id))!;
    const criteria = Object.fromEntries(
      version.definition.competencies.flatMap((c) =>
        c.criteria.map((x) => [x.code, { demonstrated: true, justification: "Liet dit zien in een situatie uit de praktijk (STARR)." }]),
      ),
    );
    const competencies = Object.fromEntries(version.definition.competencies.map((c) => [c.code, "voldoende" as const]));
    await saveJudgement(db, e1, interview.id, { criteria, competencies, outcome: "geslaagd", motivation: "Alle criteria zijn aangetoond.", advice: null });
    await signJudgement(db, e1, interview.id);
    expect(await signJudgement(db, e2, interview.id)).toEqual({ finalised: true });
    out.push({ participantId, interviewId: interview.id });
  }
  return out;
}

function logTail(app: AppProcess): string {
  return fs.readFileSync(app.logFile, "utf8").slice(-1500);
}

function post(app: AppProcess, pathname: string, form: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: app.url };
  if (cookie) headers.Cookie = cookie;
  return fetch(`${app.url}${pathname}`, { method: "POST", headers, body: new URLSearchParams(form).toString(), redirect: "manual" });
}

function get(app: AppProcess, pathname: string, cookie?: string) {
  return fetch(`${app.url}${pathname}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

async function signIn(app: AppProcess, email: string): Promise<string> {
  const res = await post(app, "/login", { email, password: DEMO_PASSWORD });
  const cookie = sessionSetCookie(res);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} on ${app.name} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

/** 200 when the session is alive on that process; a redirect to /login when it is not. */
async function accountStatus(app: AppProcess, cookie: string): Promise<number | string> {
  const res = await get(app, "/account", cookie);
  await res.arrayBuffer();
  return res.status === 302 ? (res.headers.get("location") ?? "").split("?")[0]! : res.status;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-two-processes-"));
  t = await createTestDb("demo");
  ready = await prepareReadyParticipants(t.db);
  // One after the other: the first start builds the app if the build is stale (it should not be).
  A = await startApp("A", t.file);
  B = await startApp("B", t.file);
}, 300_000);

afterAll(async () => {
  await Promise.all([stopApp(A), stopApp(B)]);
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe(`two app processes on one ${postgresTestUrl() ? "PostgreSQL" : "SQLite"} database`, () => {
  it("share sessions: signed in on A works on B; ended or signed out on one is refused on the other", async () => {
    const email = "trainer2@leerlijn.test";
    const first = await signIn(A, email);
    expect(await accountStatus(B, first)).toBe(200);
    const second = await signIn(B, email);
    expect(await accountStatus(A, second)).toBe(200);

    // "Sign out everywhere else" on A ends the first session for B too.
    const ended = await post(A, "/account", { intent: "end-others" }, second);
    expect(ended.status).toBe(302);
    expect(await accountStatus(B, first)).toBe("/login");
    expect(await accountStatus(A, first)).toBe("/login");

    // Signing out on B ends the session on A.
    expect(await accountStatus(A, second)).toBe(200);
    const out = await post(B, "/logout", {}, second);
    expect(out.status).toBe(302);
    expect(await accountStatus(A, second)).toBe("/login");
    expect(await accountStatus(B, second)).toBe("/login");
  });

  it("lock an account after the same total number of failures, spread over both processes", async () => {
    const email = "deelnemer6@leerlijn.test";
    const max = DEFAULT_THROTTLE.maxFailuresPerAccount;
    const statuses: number[] = [];
    for (let i = 0; i < max; i++) {
      const res = await post(i % 2 === 0 ? A : B, "/login", { email, password: `verkeerd-${i}` });
      expect(sessionSetCookie(res)).toBeUndefined();
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(max).fill(401));
    // Locked on both, even for the right password.
    for (const app of [B, A]) {
      const res = await post(app, "/login", { email, password: DEMO_PASSWORD });
      expect(res.status).toBe(429);
      expect(sessionSetCookie(res)).toBeUndefined();
    }
  });

  it("number certificates issued at the same moment through both processes distinctly and consecutively", async () => {
    expect(ready.length).toBeGreaterThanOrEqual(4);
    const year = currentTime().getUTCFullYear();
    const before = await t.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("year", "=", year)
      .executeTakeFirst();
    const firstSeq = Number(before?.seq ?? 0) + 1;
    const cookies = { A: await signIn(A, "examinator@leerlijn.test"), B: await signIn(B, "examinator@leerlijn.test") };

    // Every issue form at once, alternately to A and B; the first participant's form is sent to
    // both (a double click that a load balancer spreads): one of the two must be refused.
    const double = ready[0]!;
    const posts = [...ready.map((r, i) => ({ app: i % 2 === 0 ? A : B, r })), { app: B, r: double }];
    const answers = await Promise.all(
      posts.map(({ app, r }) =>
        post(app, `/eindgesprekken/${r.interviewId}`, { intent: "issue" }, cookies[app.name]).then(async (res) => ({
          app,
          r,
          status: res.status,
          location: res.headers.get("location"),
          body: await res.text(),
        })),
      ),
    );
    // (A failure shows the end of that process's log: a 500 is explained there.)
    for (const a of answers.filter((x) => x.r !== double)) {
      expect({ status: a.status, location: a.location, log: a.status >= 500 ? logTail(a.app) : "" }).toEqual({
        status: 302,
        location: `/eindgesprekken/${a.r.interviewId}?uitgegeven=1`,
        log: "",
      });
    }
    expect(
      answers
        .filter((x) => x.r === double)
        .map((x) => x.status)
        .sort(),
    ).toEqual([302, 400]);

    const issued = await t.db
      .selectFrom("certificates")
      .select(["participant_id", "number", "year", "seq", "verification_code", "snapshot", "cohort_id"])
      .where(
        "participant_id",
        "in",
        ready.map((r) => r.participantId),
      )
      .orderBy("seq")
      .execute();
    // One certificate per participant, numbers distinct and consecutive after the ones before.
    expect(issued.map((c) => c.participant_id).sort()).toEqual(ready.map((r) => r.participantId).sort());
    expect(issued.map((c) => c.seq)).toEqual(ready.map((_, i) => firstSeq + i));
    const prefix = (await cohortTemplate(t.db, issued[0]!.cohort_id))!.certificate.numberPrefix;
    for (const c of issued) expect(c.number).toBe(certificateNumber(prefix, year, c.seq));
    expect(new Set(issued.map((c) => c.number)).size).toBe(issued.length);

    // Each verifies on the process that did not issue it (the QR link names the issuing process).
    for (const c of issued) {
      const verifyUrl = (JSON.parse(c.snapshot) as { verifyUrl: string }).verifyUrl;
      const issuer = [A, B].find((app) => verifyUrl.startsWith(`${app.url}/verify/`))!;
      expect(issuer).toBeDefined();
      const other = issuer === A ? B : A;
      const res = await get(other, `/api/verify/${c.verification_code}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ found: true, state: "geldig", number: c.number });
    }
  });

  // Last: from here on this test's address (127.0.0.1) gets no answers for unknown codes for a while.
  it("slow down guessing of verification codes over both processes together", async () => {
    const known = await t.db.selectFrom("certificates").select("verification_code").executeTakeFirstOrThrow();
    const guess = (i: number) => `geraden-code-${String(i).padStart(4, "0")}-abcdefgh`;
    for (let i = 0; i < VERIFY_MISS_LIMIT.max; i++) {
      const res = await get(i % 2 === 0 ? A : B, `/api/verify/${guess(i)}`);
      expect({ i, status: res.status }).toEqual({ i, status: 404 });
    }
    for (const app of [A, B]) {
      const res = await get(app, `/api/verify/${guess(VERIFY_MISS_LIMIT.max)}`);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe(String(VERIFY_MISS_LIMIT.windowMinutes * 60));
      // Only misses are refused: a real code is still answered, on the page as well.
      expect((await get(app, `/api/verify/${known.verification_code}`)).status).toBe(200);
      expect((await get(app, `/verify/${known.verification_code}`)).status).toBe(200);
    }
  });
});
