import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb, createPostgresDb, type DB } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import { migrations } from "../../db/migrations";
import { setupDatabase, type SetupReport } from "../../app/setup.server";
import { verifyCertificate } from "../../app/services/certificates.server";
import { searchAudit } from "../../app/services/privacy.server";
import { cohortProgress } from "../../app/services/progress.server";
import {
  fixtureManifests,
  keyRecords,
  loadPostgresDump,
  migrationNames,
  readFixture,
  tableCounts,
  type KeyRecords,
  type UpgradeManifest,
} from "../../scripts/lib/upgrade-fixture";
import { TODAY } from "../support/clock";
import { postgresTestUrl } from "../support/db";
import { refusal } from "../support/refusal";

/**
 * Upgrades keep data (issue 25, point 6). Every fixture in tests/fixtures/upgrade/ is a database made
 * by an earlier release (npm run fixture:upgrade, see docs/testing.md). This version starts on it the
 * way every start does (setupDatabase, demo on) and must keep every row and the key records the
 * manifest lists. On SQLite the fixture file is copied; under `npm run test:pg` the release's
 * PostgreSQL dump is loaded into a fresh database.
 */
const fixtures = fixtureManifests();
const current = Object.keys(migrations);
const pgUrl = postgresTestUrl();

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (admin: DB) => Promise<T>): Promise<T> {
  const admin = createPostgresDb(pgUrl!, { max: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

/** The release's database, as an installation has it: a copy of the file, or the dump in a new PostgreSQL database. */
async function openFixture(manifest: UpgradeManifest): Promise<{ db: DB; close: () => Promise<void> }> {
  const unique = `${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  if (pgUrl) {
    const name = `leerlijn_upgrade_${unique}`;
    await withAdmin((admin) => sql`create database ${sql.id(name)}`.execute(admin));
    const url = withDatabase(pgUrl, name);
    await loadPostgresDump(url, readFixture(manifest.files.postgres).toString("utf8"));
    const db = createPostgresDb(url);
    return {
      db,
      close: async () => {
        await db.destroy();
        await withAdmin((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
      },
    };
  }
  const file = path.join(os.tmpdir(), `leerlijn-upgrade-${unique}.sqlite`);
  fs.writeFileSync(file, readFixture(manifest.files.sqlite));
  const db = createDb(file);
  return {
    db,
    close: async () => {
      await db.destroy();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

/** One readable line per table that lost rows (or disappeared). */
export function lostRows(before: Record<string, number>, after: Record<string, number>, release: string): string[] {
  return Object.entries(before)
    .filter(([table, n]) => (after[table] ?? -1) < n)
    .map(([table, n]) =>
      table in after
        ? `tabel ${table}: ${n} rijen in ${release}, na de upgrade ${after[table]} (${n - after[table]!} kwijt)`
        : `tabel ${table}: ${n} rijen in ${release}, na de upgrade bestaat de tabel niet meer`,
    );
}

it("has a fixture of at least one release", () => {
  expect(fixtures.map((f) => path.basename(f.file))).toContain("release-0018.json");
});

describe.each(fixtures.map((f) => [path.basename(f.file, ".json"), f.manifest] as const))("upgrading a database made by %s", (release, manifest) => {
  let db: DB;
  let close: () => Promise<void>;
  let report: SetupReport;
  let keys: KeyRecords;

  beforeAll(async () => {
    ({ db, close } = await openFixture(manifest));
    // The fixture's own state first: it must be what the manifest says, or the comparisons prove nothing.
    expect(await migrationNames(db)).toEqual(manifest.release.migrations);
    expect(await tableCounts(db)).toEqual(manifest.counts);
    report = await setupDatabase(db, { demo: true });
    keys = await keyRecords(db);
  }, 120_000);
  afterAll(async () => close?.());

  it(`runs on ${pgUrl ? "the PostgreSQL dump" : "the SQLite file"} of the release`, () => {
    expect(isPostgres(db)).toBe(pgUrl !== null);
  });

  it("keeps the release's migrations in the list, runs only the newer ones and ends at the newest", async () => {
    expect(current.slice(0, manifest.release.migrations.length)).toEqual(manifest.release.migrations);
    expect(report.migrations).toEqual(current.slice(manifest.release.migrations.length));
    expect(await migrationNames(db)).toEqual(current);
  });

  it("does not load the demo data again into a database that has people", async () => {
    expect(report.demoSeeded).toBe(false);
    const counts = await tableCounts(db);
    expect({ users: counts.users, cohorts: counts.cohorts, enrolments: counts.enrolments }).toEqual({
      users: manifest.counts.users,
      cohorts: manifest.counts.cohorts,
      enrolments: manifest.counts.enrolments,
    });
  });

  it("loses no rows in any table (new tables may appear)", async () => {
    expect(lostRows(manifest.counts, await tableCounts(db), release)).toEqual([]);
  });

  it.each([
    "certificates",
    "users",
    "anonymised",
    "popVersions",
    "interviews",
    "practiceRevised",
    "recoveryCodes",
    "auditActions",
    "auditTraces",
    "cohorts",
    "settings",
  ] as const)("keeps the key records: %s", (key) => {
    expect({ [key]: keys[key] }).toEqual({ [key]: manifest.keys[key] });
  });

  it("verifies every certificate code with its state through the verify service", async () => {
    for (const c of manifest.keys.certificates) {
      const found = await verifyCertificate(db, c.verification_code);
      expect({ code: c.verification_code, number: found?.number, state: found?.state, pdf: found?.pdfSha256 }).toEqual({
        code: c.verification_code,
        number: c.number,
        state: c.state,
        pdf: c.pdf_sha256,
      });
    }
    expect(manifest.keys.certificates.map((c) => c.state).sort()).toEqual(["geldig", "ingetrokken", "vervangen"]);
  });

  it("computes the progress of every cohort", async () => {
    const cohorts = await db.selectFrom("cohorts").select(["id", "name"]).orderBy("name").execute();
    for (const cohort of cohorts) {
      const progress = await cohortProgress(db, cohort.id, TODAY);
      const expected = manifest.keys.cohorts.find((c) => c.name === cohort.name);
      expect({ cohort: cohort.name, rows: progress?.rows.length }).toEqual({ cohort: cohort.name, rows: expected?.participants });
    }
  });

  it("lists the audit trail, traces included, and finds lines by action", async () => {
    const all = await searchAudit(db, {}, 1);
    expect(all.rows.length).toBe(Math.min(manifest.counts.audit_log, 50));
    const logins = await searchAudit(db, { action: "auth.login" }, 1);
    expect(logins.rows).toHaveLength(manifest.keys.auditActions["auth.login"] ?? 0);
    expect(logins.rows.some((r) => r.ip !== null)).toBe(true);
  });

  it("keeps the audit trail append-only (the database's own guard came along)", async () => {
    const line = await db.selectFrom("audit_log").select("id").orderBy("id").executeTakeFirstOrThrow();
    await expect(refusal(db.deleteFrom("audit_log").where("id", "=", line.id).execute())).resolves.toMatch(/append-only/);
  });
});

describe("lostRows", () => {
  it("names the table and the counts when rows are gone", () => {
    expect(lostRows({ users: 24, pops: 7, audit_log: 35 }, { users: 24, pops: 5 }, "release-0018")).toEqual([
      "tabel pops: 7 rijen in release-0018, na de upgrade 5 (2 kwijt)",
      "tabel audit_log: 35 rijen in release-0018, na de upgrade bestaat de tabel niet meer",
    ]);
  });
});
