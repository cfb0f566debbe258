/**
 * Load test: the production build on a fresh SQLite database with the demo data, driven over
 * loopback by a pool of concurrent connections with a mixed workload:
 *   - participants read their home page (GET /deelnemer) and save a POP draft (the real form
 *     action, intent=autosave, as the page's autosave does);
 *   - trainers save attendance (the real attendance form action; each connection owns one
 *     meeting and keeps its revision, so every save is a real write, never a conflict);
 *   - anonymous visitors look up the demo certificate (/verify/<code>).
 * Every write the server confirms is remembered; afterwards the database is read to check that
 * each one is there ("zero lost writes"). Prints requests, errors, lost writes and latency
 * percentiles per kind; exits non-zero on any error or lost write.
 *
 *   npm run load                 (LOAD_SECONDS=60 LOAD_CONNECTIONS=50 to change)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Sqlite from "better-sqlite3";
import { signIn as signInAs, startServer, stopServer, stylesheetCookie, withCookie } from "./lib/app-server";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const PASSWORD = "leerlijn-demo";
// deelnemer14 is kept out: the browser tests lock that account on purpose.
const PARTICIPANTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((n) => `deelnemer${n}@leerlijn.test`);
const TRAINERS = ["trainer@leerlijn.test", "trainer2@leerlijn.test"];

type Kind = "home" | "pop-save" | "attendance-save" | "verify";
const KINDS: Kind[] = ["home", "pop-save", "attendance-save", "verify"];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface AttendanceJob {
  meetingId: number;
  cohortId: number;
  cookie: string;
  revision: number;
  rows: { participantId: number; status: string; minutes: number; active: boolean; note: string | null }[];
  confirmed: string[];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-load-"));
  const dbFile = path.join(dir, "leerlijn.sqlite");
  const logFile = path.join(dir, "server.log");
  console.log(`Belasting: ${CONNECTIONS} verbindingen, ${SECONDS} s, database ${dbFile}`);
  const { url, child } = await startServer(dbFile, logFile);
  let exitCode = 1;
  try {
    // As browsers after their first page: the session, and the stylesheet in the cache (docs/decisions/022).
    const css = await stylesheetCookie(url);
    const cookies = new Map<string, string>();
    for (const email of [...PARTICIPANTS, ...TRAINERS]) cookies.set(email, withCookie(await signInAs(url, email, PASSWORD), css));

    // What to work on, read from the database the server just seeded.
    const db = new Sqlite(dbFile, { readonly: true });
    db.pragma("busy_timeout = 5000");
    const code = (
      db.prepare("select verification_code from certificates where revoked_at is null and superseded_by_id is null order by id limit 1").get() as {
        verification_code: string;
      }
    ).verification_code;
    const trainerOf = new Map<number, string>();
    for (const email of TRAINERS) {
      const rows = db.prepare("select ct.cohort_id from cohort_trainers ct join users u on u.id = ct.user_id where u.email = ?").all(email) as {
        cohort_id: number;
      }[];
      for (const r of rows) if (!trainerOf.has(r.cohort_id)) trainerOf.set(r.cohort_id, email);
    }
    // Past, planned meetings with an attendance list, in the signed-in trainers' cohorts: one per trainer connection.
    const meetings = (
      db
        .prepare(
          `select s.id, s.cohort_id, s.attendance_revision from course_sessions s
           where s.status = 'planned' and exists (select 1 from attendance a where a.session_id = s.id)
           order by s.date desc, s.id`,
        )
        .all() as { id: number; cohort_id: number; attendance_revision: number }[]
    ).filter((s) => trainerOf.has(s.cohort_id));
    const attendanceOf = db.prepare("select participant_id, status, minutes_missed, active, note from attendance where session_id = ? order by participant_id");

    // The mix: half participants (home page and POP drafts), a fifth trainers, the rest anonymous look-ups.
    const trainerCount = Math.min(meetings.length, Math.max(1, Math.round(CONNECTIONS * 0.2)));
    const participantCount = Math.max(1, Math.round(CONNECTIONS * 0.5));
    const verifyCount = Math.max(0, CONNECTIONS - trainerCount - participantCount);
    const jobs: AttendanceJob[] = meetings.slice(0, trainerCount).map((s) => ({
      meetingId: s.id,
      cohortId: s.cohort_id,
      cookie: cookies.get(trainerOf.get(s.cohort_id)!)!,
      revision: s.attendance_revision,
      rows: (attendanceOf.all(s.id) as { participant_id: number; status: string; minutes_missed: number; active: number; note: string | null }[]).map((r) => ({
        participantId: r.participant_id,
        status: r.status,
        minutes: r.minutes_missed,
        active: r.active === 1,
        note: r.note,
      })),
      confirmed: [],
    }));
    db.close();

    const latencies: Record<Kind, number[]> = { home: [], "pop-save": [], "attendance-save": [], verify: [] };
    const errors: Record<Kind, number> = { home: 0, "pop-save": 0, "attendance-save": 0, verify: 0 };
    const errorSamples: string[] = [];
    const popConfirmed: { email: string; marker: string }[] = [];
    const startedAt = new Date().toISOString();
    const stopAt = performance.now() + SECONDS * 1000;

    const timed = async (kind: Kind, fn: () => Promise<{ ok: boolean; why?: string }>) => {
      const t0 = performance.now();
      let outcome: { ok: boolean; why?: string };
      try {
        outcome = await fn();
      } catch (error) {
        outcome = { ok: false, why: `netwerk: ${(error as Error).message}` };
      }
      latencies[kind].push(performance.now() - t0);
      if (!outcome.ok) {
        errors[kind] += 1;
        if (errorSamples.length < 10) errorSamples.push(`${kind}: ${outcome.why}`);
      }
    };
    const form = (cookie: string, body: URLSearchParams): RequestInit => ({
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, Cookie: cookie },
      body,
      redirect: "manual",
    });

    const participantWorker = async (w: number) => {
      const email = PARTICIPANTS[w % PARTICIPANTS.length];
      const cookie = cookies.get(email)!;
      for (let n = 0; performance.now() < stopAt; n++) {
        if (n % 2 === 0) {
          await timed("home", async () => {
            const res = await fetch(`${url}/deelnemer`, { headers: { Cookie: cookie }, redirect: "manual" });
            const body = await res.text();
            return res.status === 200 && body.includes("Welkom") ? { ok: true } : { ok: false, why: `GET /deelnemer ${res.status}` };
          });
        } else {
          const marker = `load-${w}-${n}-${Date.now()}`;
          await timed("pop-save", async () => {
            // The POP form's own fields; the remix single-fetch endpoint is what the page's autosave posts to.
            const res = await fetch(
              `${url}/deelnemer/pop.data`,
              form(
                cookie,
                new URLSearchParams({
                  intent: "autosave",
                  sterkeKanten: `Ik luister goed. ${marker}`,
                  ontwikkelpunten: "Grenzen aangeven.",
                  ld1_doel: "Open vragen stellen",
                  ld1_competentie: "contact",
                }),
              ),
            );
            const body = await res.text();
            if (res.status === 200 && body.includes("pop.saved")) {
              popConfirmed.push({ email, marker });
              return { ok: true };
            }
            return { ok: false, why: `POST /deelnemer/pop ${res.status} ${body.slice(0, 120)}` };
          });
        }
      }
    };

    const trainerWorker = async (job: AttendanceJob, w: number) => {
      for (let n = 0; performance.now() < stopAt; n++) {
        const marker = `load-${w}-${n}`;
        const body = new URLSearchParams({ intent: "save", revision: String(job.revision), participantIds: job.rows.map((r) => r.participantId).join(",") });
        job.rows.forEach((r, i) => {
          body.set(`status-${r.participantId}`, r.status);
          body.set(`minutes-${r.participantId}`, String(r.minutes));
          if (r.active) body.set(`active-${r.participantId}`, "on");
          body.set(`note-${r.participantId}`, i === 0 ? marker : (r.note ?? ""));
        });
        await timed("attendance-save", async () => {
          const res = await fetch(`${url}/groepen/${job.cohortId}/bijeenkomsten/${job.meetingId}/aanwezigheid.data`, form(job.cookie, body));
          const text = await res.text();
          if (res.status === 200 && text.includes("attendance.saved")) {
            job.revision += 1;
            job.confirmed.push(marker);
            return { ok: true };
          }
          return { ok: false, why: `POST aanwezigheid ${res.status} ${text.slice(0, 120)}` };
        });
      }
    };

    const verifyWorker = async () => {
      while (performance.now() < stopAt) {
        await timed("verify", async () => {
          const res = await fetch(`${url}/verify/${code}`, { headers: css ? { Cookie: css } : {} });
          const body = await res.text();
          return res.status === 200 && body.includes("Geldig") ? { ok: true } : { ok: false, why: `GET /verify ${res.status}` };
        });
      }
    };

    const wallStart = performance.now();
    await Promise.all([
      ...Array.from({ length: participantCount }, (_, i) => participantWorker(i)),
      ...jobs.map((job, i) => trainerWorker(job, i)),
      ...Array.from({ length: verifyCount }, () => verifyWorker()),
    ]);
    const wall = (performance.now() - wallStart) / 1000;
    await stopServer(child);

    // Zero lost writes: every confirmed save must be in the database.
    const check = new Sqlite(dbFile, { readonly: true });
    const stored = new Set<string>();
    for (const row of check.prepare("select content from pop_versions where created_at >= ?").all(startedAt) as { content: string }[]) {
      const m = /load-\d+-\d+-\d+/.exec((JSON.parse(row.content) as { sterkeKanten: string }).sterkeKanten);
      if (m) stored.add(m[0]);
    }
    const lostPop = popConfirmed.filter((c) => !stored.has(c.marker)).length;
    let lostAttendance = 0;
    const auditCount = check.prepare(
      "select count(*) as n from audit_log where action = 'attendance.save' and target_type = 'session' and target_id = ? and at >= ?",
    );
    const revisionOf = check.prepare("select attendance_revision as r from course_sessions where id = ?");
    const noteOf = check.prepare("select note from attendance where session_id = ? and participant_id = ?");
    for (const job of jobs) {
      const saves = (auditCount.get(String(job.meetingId), startedAt) as { n: number }).n;
      const revision = (revisionOf.get(job.meetingId) as { r: number }).r;
      // Each confirmed save moved the revision on by one and left its audit line.
      lostAttendance += Math.max(0, job.confirmed.length - saves, job.revision - revision);
      const last = job.confirmed.at(-1);
      if (last && (noteOf.get(job.meetingId, job.rows[0].participantId) as { note: string | null }).note !== last) lostAttendance += 1;
    }
    check.close();

    const all = KINDS.flatMap((k) => latencies[k]).sort((a, b) => a - b);
    const totalErrors = KINDS.reduce((s, k) => s + errors[k], 0);
    const lost = lostPop + lostAttendance;
    const fmt = (ms: number) => (Number.isNaN(ms) ? "–" : `${ms.toFixed(1)} ms`);
    console.log(
      `\nVerbindingen: ${participantCount} deelnemers, ${jobs.length} trainers, ${verifyCount} anoniem · ${wall.toFixed(1)} s · ${os.cpus().length} cores`,
    );
    console.log(["soort".padEnd(17), "verzoeken".padStart(10), "fouten".padStart(7), "p50".padStart(10), "p95".padStart(10), "p99".padStart(10)].join(" "));
    for (const k of [...KINDS, "totaal" as const]) {
      const l = k === "totaal" ? all : [...latencies[k]].sort((a, b) => a - b);
      const e = k === "totaal" ? totalErrors : errors[k];
      console.log(
        [
          k.padEnd(17),
          String(l.length).padStart(10),
          String(e).padStart(7),
          fmt(percentile(l, 50)).padStart(10),
          fmt(percentile(l, 95)).padStart(10),
          fmt(percentile(l, 99)).padStart(10),
        ].join(" "),
      );
    }
    console.log(`\nVerzoeken per seconde: ${(all.length / wall).toFixed(0)}`);
    console.log(`Bevestigde schrijfacties: ${popConfirmed.length} POP-concepten, ${jobs.reduce((s, j) => s + j.confirmed.length, 0)} aanwezigheidslijsten`);
    console.log(`Fouten: ${totalErrors} · verloren schrijfacties: ${lost}`);
    for (const s of errorSamples) console.log(`  ${s}`);
    exitCode = totalErrors === 0 && lost === 0 && all.length > 0 ? 0 : 1;
    if (exitCode === 0) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`Database en serverlog bewaard in ${dir}`);
  } finally {
    await stopServer(child);
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
