import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { sql } from "kysely";
import type { DB } from "../../db/connect";

/*
 * The upgrade fixtures (issue 25, point 6): a database made by a release, kept in
 * tests/fixtures/upgrade/, and the facts about it that every later version must keep.
 * scripts/make-upgrade-fixture.ts writes them; tests/integration/upgrade.test.ts checks them.
 *
 * The queries here read the schema of the release that made the fixture. A later migration that
 * renames a column the key records read breaks the test on purpose: then say here how the old
 * fact is found in the new schema, so the comparison stays the same.
 */

/** Scripts and tests run from the project folder. */
export const FIXTURE_DIR = path.resolve("tests/fixtures/upgrade");

/** The fixed moment the fixture is made on (LEERLIJN_NOW), so its dates are the same every time. */
export const FIXTURE_NOW = "2026-11-18T10:00:00+01:00";

export interface UpgradeManifest {
  release: { commit: string; lastMigration: string; migrations: string[]; madeOn: string };
  files: { sqlite: string; postgres: string };
  counts: Record<string, number>;
  keys: KeyRecords;
}

export interface KeyRecords {
  certificates: {
    number: string;
    verification_code: string;
    state: "geldig" | "vervangen" | "ingetrokken";
    snapshot_sha256: string;
    pdf_sha256: string;
    participant_email: string;
  }[];
  users: { email: string; name: string; role: string; status: string; anonymised: boolean; totp: boolean; has_password: boolean }[];
  anonymised: { email: string; name: string; anonymised_at: string | null; pop_versions: number; enrolments: number }[];
  popVersions: { pop_id: number; number: number; content_sha256: string }[];
  interviews: { id: number; participant_email: string; status: string; outcome: string | null; corrects_id: number | null; finalised_at: string | null }[];
  practiceRevised: { id: number; status: string; revision: number; decision_comment: string | null }[];
  recoveryCodes: { email: string; total: number; used: number }[];
  auditActions: Record<string, number>;
  auditTraces: number;
  cohorts: { name: string; start_date: string; end_date: string; participants: number }[];
  settings: string[];
}

/** Tables of the app (kysely's own bookkeeping left out), sorted. */
export async function appTables(db: DB): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && t.schema !== "information_schema")
    .map((t) => t.name)
    .sort();
}

/** Row count per app table. */
export async function tableCounts(db: DB): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await appTables(db)) {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}

export async function migrationNames(db: DB): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

const sha256 = (value: string | Uint8Array) => createHash("sha256").update(value).digest("hex");

/** The facts a later version must still give for the fixture's data. Same answer on SQLite and PostgreSQL. */
export async function keyRecords(db: DB): Promise<KeyRecords> {
  const certificates = await db
    .selectFrom("certificates as c")
    .innerJoin("users as u", "u.id", "c.participant_id")
    .select(["c.number", "c.verification_code", "c.revoked_at", "c.superseded_by_id", "c.snapshot", "c.pdf_sha256", "u.email"])
    .orderBy("c.number")
    .execute();
  const users = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "status", "anonymised_at", "totp_enabled_at", "password_hash"])
    .orderBy("email")
    .execute();
  const anonymised = [];
  for (const u of users.filter((x) => x.anonymised_at)) {
    const popVersions = await db
      .selectFrom("pop_versions as v")
      .innerJoin("pops as p", "p.id", "v.pop_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("p.participant_id", "=", u.id)
      .executeTakeFirstOrThrow();
    const enrolments = await db
      .selectFrom("enrolments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("participant_id", "=", u.id)
      .executeTakeFirstOrThrow();
    anonymised.push({ email: u.email, name: u.name, anonymised_at: u.anonymised_at, pop_versions: Number(popVersions.n), enrolments: Number(enrolments.n) });
  }
  const popVersions = await db.selectFrom("pop_versions").select(["pop_id", "number", "content"]).orderBy("pop_id").orderBy("number").execute();
  const interviews = await db
    .selectFrom("interviews as i")
    .innerJoin("users as u", "u.id", "i.participant_id")
    .select(["i.id", "u.email", "i.status", "i.outcome", "i.corrects_id", "i.finalised_at"])
    .orderBy("i.id")
    .execute();
  const practiceRevised = await db
    .selectFrom("practice_entries")
    .select(["id", "status", "revision", "decision_comment"])
    .where("revision", ">", 1)
    .orderBy("id")
    .execute();
  const codes = await db
    .selectFrom("totp_recovery_codes as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.email", "r.used_at"])
    .orderBy("u.email")
    .execute();
  const recoveryCodes = new Map<string, { email: string; total: number; used: number }>();
  for (const c of codes) {
    const entry = recoveryCodes.get(c.email) ?? { email: c.email, total: 0, used: 0 };
    entry.total += 1;
    if (c.used_at) entry.used += 1;
    recoveryCodes.set(c.email, entry);
  }
  const actions = await db
    .selectFrom("audit_log")
    .select(["action", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("action")
    .orderBy("action")
    .execute();
  const traces = await db
    .selectFrom("audit_traces")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const cohorts = await db
    .selectFrom("cohorts as c")
    .leftJoin("enrolments as e", "e.cohort_id", "c.id")
    .select(["c.name", "c.start_date", "c.end_date", (eb) => eb.fn.count<number>("e.participant_id").as("participants")])
    .groupBy(["c.id", "c.name", "c.start_date", "c.end_date"])
    .orderBy("c.name")
    .execute();
  const settings = await db.selectFrom("settings").select("key").orderBy("key").execute();
  return {
    certificates: certificates.map((c) => ({
      number: c.number,
      verification_code: c.verification_code,
      state: c.revoked_at ? "ingetrokken" : c.superseded_by_id ? "vervangen" : "geldig",
      snapshot_sha256: sha256(c.snapshot),
      pdf_sha256: c.pdf_sha256,
      participant_email: c.email,
    })),
    users: users.map((u) => ({
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status,
      anonymised: Boolean(u.anonymised_at),
      totp: Boolean(u.totp_enabled_at),
      has_password: Boolean(u.password_hash),
    })),
    anonymised,
    popVersions: popVersions.map((v) => ({ pop_id: v.pop_id, number: v.number, content_sha256: sha256(v.content) })),
    interviews: interviews.map((i) => ({
      id: i.id,
      participant_email: i.email,
      status: i.status,
      outcome: i.outcome,
      corrects_id: i.corrects_id,
      finalised_at: i.finalised_at,
    })),
    practiceRevised: practiceRevised.map((p) => ({ id: p.id, status: p.status, revision: p.revision, decision_comment: p.decision_comment })),
    recoveryCodes: [...recoveryCodes.values()],
    auditActions: Object.fromEntries(actions.map((a) => [a.action, Number(a.n)])),
    auditTraces: Number(traces.n),
    cohorts: cohorts.map((c) => ({ name: c.name, start_date: c.start_date, end_date: c.end_date, participants: Number(c.participants) })),
    settings: settings.map((s) => s.key),
  };
}

/** The manifests in the fixture folder, oldest release first. */
export function fixtureManifests(dir = FIXTURE_DIR): { file: string; manifest: UpgradeManifest }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: path.join(dir, f), manifest: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as UpgradeManifest }));
}

/** A fixture file's bytes, unpacked when it is stored gzip-compressed (`.gz`). */
export function readFixture(name: string, dir = FIXTURE_DIR): Buffer {
  const bytes = fs.readFileSync(path.join(dir, name));
  return name.endsWith(".gz") ? gunzipSync(bytes) : bytes;
}

/**
 * Runs a plain-SQL dump (pg_dump --inserts) on an empty PostgreSQL database through one
 * connection. psql meta-commands (lines starting with a backslash) are left out.
 */
export async function loadPostgresDump(url: string, dump: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const text = dump
      .split("\n")
      .filter((line) => !line.startsWith("\\"))
      .join("\n");
    await client.query(text);
  } finally {
    await client.end();
  }
}
