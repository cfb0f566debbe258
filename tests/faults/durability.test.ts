import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { backupDatabase, checkIntegrity, restoreDatabase } from "../../db/backup";
import { createDb } from "../../db/connect";
import { DEMO_COHORT } from "../../demo/seed";
import { userErrorToFailure } from "../../app/forms/action.server";
import { translate } from "../../app/i18n/translate";
import { savePop } from "../../app/services/pop.server";
import { emptyPop } from "../../app/rules/pop";
import { createSqliteTestDb, type TestDb } from "../support/db";
import { cohortByName, userByEmail } from "../support/factories";

/** npm test runs a few kill rounds; npm run test:faults runs the full 50. */
const KILLS = Number(process.env.FAULT_KILLS ?? 5);
const WRITER = path.resolve("tests/faults/writer.ts");

let t: TestDb;
let cohortId = 0;
let participants: number[] = [];
beforeAll(async () => {
  // SQLite's own durability (a killed writer, the backup API): always a SQLite file, also when
  // TEST_DATABASE_URL names a PostgreSQL server for the integration tests.
  t = await createSqliteTestDb("demo");
  cohortId = (await cohortByName(t.db, DEMO_COHORT)).id;
  participants = (await t.db.selectFrom("enrolments").select("participant_id").where("cohort_id", "=", cohortId).limit(4).execute()).map(
    (r) => r.participant_id,
  );
  // The writers run in other processes: let go of this process's connection to the file.
  await t.db.destroy();
});
afterAll(() => fs.rmSync(t.file, { force: true }));

function runWriter(file: string, count: number | "forever", label: string) {
  // Node itself with tsx as a loader: one process, so SIGKILL hits the writer and nothing else.
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, file, String(cohortId), participants.join(","), String(count), label], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const committed: number[] = [];
  let stderr = "";
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("ok ")) committed.push(Number(line.slice(3)));
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, committed, exited, stderr: () => stderr };
}

function countRows(file: string, meetingIds: number[]): { meetings: number; attendance: number } {
  const db = new SQLite(file, { readonly: true });
  try {
    const ids = meetingIds.length ? meetingIds : [-1];
    const q = (table: string, column: string) =>
      (db.prepare(`select count(*) as n from ${table} where ${column} in (${ids.map(() => "?").join(",")})`).get(...ids) as { n: number }).n;
    return { meetings: q("course_sessions", "id"), attendance: q("attendance", "session_id") };
  } finally {
    db.close();
  }
}

const until = async (cond: () => boolean, ms = 20_000) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("durability under faults", () => {
  it(
    `(a) keeps every reported commit when the writer is killed with SIGKILL (${KILLS}×)`,
    async () => {
      const all: number[] = [];
      for (let round = 0; round < KILLS; round++) {
        const w = runWriter(t.file, "forever", `kill${round}`);
        await until(() => w.committed.length >= 3);
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
        w.child.kill("SIGKILL");
        await w.exited;
        all.push(...w.committed);
        // Every write the writer reported as committed is there, whole.
        expect(countRows(t.file, w.committed)).toEqual({ meetings: w.committed.length, attendance: w.committed.length * participants.length });
      }
      expect(checkIntegrity(t.file)).toBe("ok");
      expect(countRows(t.file, all).meetings).toBe(all.length);
    },
    60_000 + KILLS * 5_000,
  );

  it("(b) a full disk during a save gives a clean Dutch error, rolls back, and reads keep working", async () => {
    const db = createDb(t.file);
    try {
      const p1 = await userByEmail(db, "deelnemer7@leerlijn.test");
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${pages.rows[0].page_count + 2}`).execute(db);
      const before = await db
        .selectFrom("pop_versions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const big = { ...emptyPop(), sterkeKanten: "Ik luister goed. ".repeat(40_000) };
      const error = await savePop(db, p1, { content: big, storyConsent: false }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ message: expect.any(String) });
      if ((error as { code?: string }).code !== "SQLITE_FULL")
        throw new Error(`expected SQLITE_FULL, got ${(error as { code?: string }).code}: ${(error as Error).message}`);
      // What a form shows: a calm Dutch message, not a crash.
      const failure = userErrorToFailure(error);
      expect(translate("nl", failure.formError!.key)).toBe(
        "De opslag is vol. Er is niets opgeslagen. Probeer het later opnieuw of neem contact op met de coördinator.",
      );
      const after = await db
        .selectFrom("pop_versions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      expect(await db.selectFrom("pops").select("id").where("participant_id", "=", p1.id).executeTakeFirst()).toBeUndefined();
      // Reads still work.
      expect((await db.selectFrom("users").select("id").execute()).length).toBeGreaterThan(10);
    } finally {
      await db.destroy();
    }
  });

  it("(c) a backup taken under write load restores to a sound database with the rows committed before it", async () => {
    const w = runWriter(t.file, "forever", "backup");
    await until(() => w.committed.length >= 5);
    const committedBefore = [...w.committed];
    const target = path.join(os.tmpdir(), `leerlijn-backup-${process.pid}.sqlite`);
    await backupDatabase(t.file, target);
    await until(() => w.committed.length >= committedBefore.length + 3);
    w.child.kill("SIGTERM");
    await w.exited;
    expect(checkIntegrity(target)).toBe("ok");
    expect(countRows(target, committedBefore)).toEqual({ meetings: committedBefore.length, attendance: committedBefore.length * participants.length });
    const restored = path.join(os.tmpdir(), `leerlijn-restored-${process.pid}.sqlite`);
    restoreDatabase(target, restored);
    expect(checkIntegrity(restored)).toBe("ok");
    expect(countRows(restored, committedBefore).meetings).toBe(committedBefore.length);
    for (const f of [target, restored]) fs.rmSync(f, { force: true });
  }, 60_000);

  it("(d) two processes writing at once never show SQLITE_BUSY", async () => {
    const a = runWriter(t.file, 40, "a");
    const b = runWriter(t.file, 40, "b");
    const [codeA, codeB] = await Promise.all([a.exited, b.exited]);
    expect(a.stderr() + b.stderr()).not.toMatch(/BUSY|locked/i);
    expect([codeA, codeB]).toEqual([0, 0]);
    expect(a.committed).toHaveLength(40);
    expect(b.committed).toHaveLength(40);
    expect(countRows(t.file, [...a.committed, ...b.committed]).meetings).toBe(80);
  }, 60_000);
});
