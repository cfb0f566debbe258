// npm run fixture:upgrade: the upgrade fixture of this release (issue 25, point 6).
//
// Makes a database the way every start does (setupDatabase with demo data), adds a few edge cases
// through the real services, and writes to tests/fixtures/upgrade/:
//   release-NNNN.sqlite.gz     the SQLite file (VACUUMed, gzip-compressed)
//   release-NNNN.pg.sql.gz     the same rows on a PostgreSQL database migrated by the same code,
//                              as a plain SQL dump (pg_dump --no-owner --no-privileges --inserts)
//   release-NNNN.json          the manifest: release, row counts per table and key records
// NNNN is the number of the release's last migration. tests/integration/upgrade.test.ts starts the
// newest version on every fixture in the folder and checks that nothing was lost.
//
// PostgreSQL: FIXTURE_PG_URL=postgres://… (a database the script may create and drop others from),
// else the script starts a throwaway cluster with scripts/pg-test-server.sh and stops it afterwards.
// The clock is pinned (LEERLIJN_NOW, set by the npm script), so the dates in the fixture are the
// same each time; tokens, salts and verification codes are random and differ per run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import { createDb, createPostgresDb, migrateToLatest, type DB } from "../db/connect";
import { migrations } from "../db/migrations/index";
import { setupDatabase } from "../app/setup.server";
import { DEMO_COHORT, DEMO_PASSWORD } from "../demo/seed";
import { currentTime } from "../app/clock.server";
import { totp } from "../app/rules/totp";
import { issueCertificate, reissueCertificate, revokeCertificate } from "../app/services/certificates.server";
import { correctInterview } from "../app/services/interviews.server";
import { saveReflection } from "../app/services/intervisie.server";
import { createInvitation } from "../app/services/invitations.server";
import { attemptLogin } from "../app/services/login.server";
import { decideByTrainer, saveEntry } from "../app/services/practice.server";
import { anonymisePerson, getRetentionSettings, saveRetentionSettings } from "../app/services/privacy.server";
import { createSession } from "../app/services/sessions.server";
import { answerLoginChallenge, confirmTotpEnrolment, createLoginChallenge, startTotpEnrolment } from "../app/services/totp.server";
import { createInvitedUser, findUserByEmail, getPerson, setActive } from "../app/services/users.server";
import { verifyForVisitor } from "../app/services/verify.server";
import { appTables, FIXTURE_DIR, FIXTURE_NOW, keyRecords, migrationNames, tableCounts, type UpgradeManifest } from "./lib/upgrade-fixture";

const VERIFY_BASE = "http://localhost:3000";

if (process.env.LEERLIJN_NOW !== FIXTURE_NOW) {
  console.error(`Zet de klok vast: LEERLIJN_NOW=${FIXTURE_NOW} (npm run fixture:upgrade doet dat).`);
  process.exit(1);
}

const lastMigration = Object.keys(migrations).at(-1)!;
const release = `release-${lastMigration.slice(0, 4)}`;
const commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
const dirty = execFileSync("git", ["status", "--porcelain", "--", "db", "app", "templates"], { encoding: "utf8" }).trim();
if (dirty)
  console.warn(
    `Let op: db/, app/ of templates/ hebben wijzigingen die niet zijn vastgelegd; de fixture hoort bij commit ${commit} zonder die wijzigingen.\n${dirty}`,
  );

async function person(db: DB, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`Demo-persoon ${email} ontbreekt`);
  return user;
}

/** Edge cases the demo data does not have yet, made through the services the app uses. */
async function addEdgeCases(db: DB): Promise<string[]> {
  const done: string[] = [];
  const now = currentTime();
  const today = now.toISOString().slice(0, 10);
  const coordinator = await person(db, "coordinator@leerlijn.test");
  const trainer = await person(db, "trainer@leerlijn.test");
  const coord = { id: coordinator.id, role: coordinator.role };

  // Certificates: a corrected one (superseded), a revoked one, and the valid one issued after it.
  const certified = await person(db, "deelnemer15@leerlijn.test");
  const first = await db.selectFrom("certificates").select("id").where("participant_id", "=", certified.id).executeTakeFirstOrThrow();
  const second = await reissueCertificate(db, coord, first.id, "Naam verkeerd gespeld", { verifyBase: VERIFY_BASE, now });
  await revokeCertificate(db, coord, second.id, "Per vergissing opnieuw uitgereikt", now);
  await issueCertificate(db, coord, certified.id, { verifyBase: VERIFY_BASE, today, now });
  done.push("certificaat vervangen, ingetrokken en opnieuw uitgereikt");

  // A correction of a finalised interview (still planned).
  const interview = await db
    .selectFrom("interviews")
    .select("id")
    .where("participant_id", "=", certified.id)
    .where("status", "=", "afgerond")
    .executeTakeFirstOrThrow();
  await correctInterview(db, coord, interview.id, "Verkeerde datum genoteerd", now);
  done.push("correctie van een eindgesprek");

  // An anonymised participant (the one who left the finished cohort).
  const left = await person(db, "deelnemer17@leerlijn.test");
  const anonymised = await anonymisePerson(db, coord, left.id, "192.0.2.7", now);
  if (anonymised !== "done") throw new Error(`Anonimiseren mislukt: ${anonymised}`);
  done.push("geanonimiseerde deelnemer");

  // A disabled participant.
  const disabled = await person(db, "deelnemer14@leerlijn.test");
  await setActive(db, coord, disabled.id, false);
  done.push("uitgeschakelde deelnemer");

  // TOTP with recovery codes, one of them used to sign in.
  const secret = await startTotpEnrolment(db, coordinator, now);
  const codes = await confirmTotpEnrolment(db, (await getPerson(db, coordinator.id))!, totp(secret, now), "192.0.2.8", now);
  const challenge = await createLoginChallenge(db, coordinator.id, now);
  const answer = await answerLoginChallenge(db, challenge, codes[0]!, "192.0.2.8", now);
  if (!answer.ok) throw new Error("Herstelcode werd niet geaccepteerd");
  await createLoginChallenge(db, coordinator.id, now);
  done.push("TOTP met herstelcodes (één gebruikt)");

  // A rejected practice entry that was corrected (a new revision) and rejected again.
  const rejected = await db
    .selectFrom("practice_entries as p")
    .innerJoin("enrolments as e", "e.participant_id", "p.participant_id")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["p.id", "p.participant_id", "p.date", "p.minutes", "p.activity", "p.description", "p.reflection"])
    .where("p.status", "=", "afgewezen")
    .where("c.name", "=", DEMO_COHORT)
    .orderBy("p.id")
    .executeTakeFirstOrThrow();
  await saveEntry(
    db,
    { id: rejected.participant_id },
    {
      entryId: rejected.id,
      date: rejected.date,
      hours: rejected.minutes,
      activity: rejected.activity,
      description: `${rejected.description} Aangevuld na de afwijzing.`,
      reflection: rejected.reflection,
    },
    today,
    now,
  );
  await decideByTrainer(
    db,
    { id: trainer.id, role: trainer.role, name: trainer.name },
    rejected.participant_id,
    [{ entryId: rejected.id, decision: "afgewezen", comment: "Nog te weinig over je eigen rol.", revision: 2 }],
    now,
  );
  done.push("praktijkregel afgewezen, aangepast (nieuwe revisie) en weer afgewezen");

  // Sign-ins: a failed one (audit line with a trace), a good one with a session.
  await attemptLogin(db, { email: trainer.email, password: "niet-het-wachtwoord", ip: "192.0.2.9", now });
  const login = await attemptLogin(db, { email: trainer.email, password: DEMO_PASSWORD, ip: "192.0.2.9", now });
  if (!login.ok) throw new Error("Inloggen met het demo-wachtwoord mislukt");
  await createSession(db, trainer.id, { now, userAgent: "Firefox op Linux", ip: "192.0.2.9" });
  done.push("mislukte en gelukte aanmelding, sessie");

  // An invited person with an open invitation.
  const invited = await createInvitedUser(db, { name: "Ilse Uitgenodigd", email: "uitgenodigd@leerlijn.test", role: "trainer" }, coord, now);
  await createInvitation(db, invited.id, coord, now);
  done.push("uitgenodigde persoon");

  // A stored setting, an intervisie reflection and a miss on /verify (rate limit).
  await saveRetentionSettings(db, coord, await getRetentionSettings(db), "192.0.2.7", now);
  const attended = await db
    .selectFrom("attendance as a")
    .innerJoin("course_sessions as s", "s.id", "a.session_id")
    .select(["a.session_id", "a.participant_id"])
    .where("s.type", "=", "intervisie")
    .where("a.status", "=", "aanwezig")
    .orderBy("a.session_id")
    .orderBy("a.participant_id")
    .executeTakeFirstOrThrow();
  await saveReflection(db, attended.session_id, { id: attended.participant_id }, "Ik merkte dat ik snel advies gaf. Volgende keer vraag ik eerst door.", now);
  await verifyForVisitor(db, "BESTAAT-NIET-0000", "192.0.2.10", now.getTime());
  done.push("bewaartermijnen, intervisie-reflectie, mislukte controle op /verify");
  return done;
}

/** Makes the SQLite file self-contained (no WAL) and small. */
function compactSqlite(file: string): void {
  const raw = new SQLite(file);
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.pragma("journal_mode = DELETE");
  raw.exec("VACUUM");
  raw.close();
}

function pgTestServer(action: "start" | "stop", dir: string): string {
  return execFileSync("bash", ["scripts/pg-test-server.sh", action, dir], { encoding: "utf8" }).trim();
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Copies every row from the SQLite fixture into a PostgreSQL database migrated by the same code. */
async function copyToPostgres(sqliteFile: string, pgDb: DB): Promise<void> {
  const source = new SQLite(sqliteFile, { readonly: true });
  try {
    await pgDb.transaction().execute(async (trx) => {
      // Triggers (progress versions, the append-only audit log) and foreign keys stay quiet while
      // the rows are copied exactly as they are.
      await sql`set local session_replication_role = replica`.execute(trx);
      const any = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
      for (const table of await appTables(pgDb)) {
        const columns = await sql<{ column_name: string; column_default: string | null }>`select column_name, column_default from information_schema.columns
          where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`.execute(trx);
        const names = columns.rows.map((c) => c.column_name);
        await any.deleteFrom(table).execute();
        const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
        const rows = source.prepare(`select ${names.map(quote).join(", ")} from ${quote(table)}`).all() as Record<string, unknown>[];
        for (let i = 0; i < rows.length; i += 200)
          await any
            .insertInto(table)
            .values(rows.slice(i, i + 200))
            .execute();
        if (columns.rows.some((c) => c.column_name === "id" && c.column_default?.startsWith("nextval("))) {
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
        }
      }
    });
  } finally {
    source.close();
  }
}

async function makePostgresDump(sqliteFile: string, expected: Pick<UpgradeManifest, "counts" | "keys">): Promise<Buffer> {
  let clusterDir: string | null = null;
  let adminUrl = process.env.FIXTURE_PG_URL ?? "";
  if (!adminUrl) {
    clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), "leerlijn-fixture-pg-"));
    fs.rmSync(clusterDir, { recursive: true });
    adminUrl = pgTestServer("start", clusterDir);
  }
  const name = `leerlijn_upgrade_fixture_${process.pid}`;
  const admin = createPostgresDb(adminUrl, { max: 1 });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
    const url = withDatabase(adminUrl, name);
    const pgDb = createPostgresDb(url, { max: 2 });
    try {
      await migrateToLatest(pgDb);
      await copyToPostgres(sqliteFile, pgDb);
      const counts = await tableCounts(pgDb);
      const keys = await keyRecords(pgDb);
      if (JSON.stringify(counts) !== JSON.stringify(expected.counts))
        throw new Error(`PostgreSQL telt anders dan SQLite:\n${JSON.stringify(counts)}\n${JSON.stringify(expected.counts)}`);
      if (JSON.stringify(keys) !== JSON.stringify(expected.keys)) throw new Error("De kerngegevens op PostgreSQL wijken af van die op SQLite");
    } finally {
      await pgDb.destroy();
    }
    const dump = execFileSync("pg_dump", ["--no-owner", "--no-privileges", "--inserts", "--rows-per-insert=100", "--dbname", url], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    await sql`drop database ${sql.id(name)} with (force)`.execute(admin);
    return gzipSync(Buffer.from(dump, "utf8"), { level: 9 });
  } finally {
    await admin.destroy();
    if (clusterDir) pgTestServer("stop", clusterDir);
  }
}

const work = path.join(os.tmpdir(), `leerlijn-upgrade-fixture-${process.pid}.sqlite`);
for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
const db = createDb(work);
const report = await setupDatabase(db, { demo: true });
if (!report.demoSeeded) throw new Error("De demo-gegevens zijn niet geladen");
const edgeCases = await addEdgeCases(db);
const counts = await tableCounts(db);
const keys = await keyRecords(db);
const applied = await migrationNames(db);
await db.destroy();
compactSqlite(work);

fs.mkdirSync(FIXTURE_DIR, { recursive: true });
for (const f of fs.readdirSync(FIXTURE_DIR).filter((f) => f.startsWith(`${release}.`))) fs.rmSync(path.join(FIXTURE_DIR, f));
// Always compressed: a fifth of the size, and *.sqlite files are ignored by git (.gitignore).
const plain = fs.readFileSync(work);
const sqliteName = `${release}.sqlite.gz`;
fs.writeFileSync(path.join(FIXTURE_DIR, sqliteName), gzipSync(plain, { level: 9 }));
console.log(`SQLite-bestand: ${(plain.length / 1024).toFixed(0)} kB, gecomprimeerd opgeslagen.`);

const pgName = `${release}.pg.sql.gz`;
fs.writeFileSync(path.join(FIXTURE_DIR, pgName), await makePostgresDump(work, { counts, keys }));
for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });

const manifest: UpgradeManifest = {
  release: { commit, lastMigration, migrations: applied, madeOn: FIXTURE_NOW },
  files: { sqlite: sqliteName, postgres: pgName },
  counts,
  keys,
};
fs.writeFileSync(path.join(FIXTURE_DIR, `${release}.json`), `${JSON.stringify(manifest, null, 2)}\n`);

console.log(`Fixture ${release} (commit ${commit.slice(0, 7)}, t/m ${lastMigration}) in ${path.relative(process.cwd(), FIXTURE_DIR)}:`);
for (const f of [sqliteName, pgName, `${release}.json`]) console.log(`  ${f}: ${(fs.statSync(path.join(FIXTURE_DIR, f)).size / 1024).toFixed(0)} kB`);
console.log(`Randgevallen: ${edgeCases.join("; ")}`);
