// npm run generate -- --file /tmp/groot.sqlite --seed 42 [--cohorts 40 --size 25 --years 5 --today JJJJ-MM-DD]
// Fills an empty database with a large, made-up installation for benchmarks (demo/generate.ts).
// With DATABASE_URL=postgres://… and no --file, it fills that PostgreSQL database.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createDb, isPostgresUrl, type DB } from "../db/connect";
import { generateInstallation, GENERATED_TABLES } from "../demo/generate";
import { setupDatabase } from "../app/setup.server";
import { currentTime } from "../app/clock.server";

const USAGE = `Gebruik: npm run generate -- --file <bestand.sqlite> --seed <getal> [opties]
  of:      DATABASE_URL=postgres://… npm run generate -- --seed <getal> [opties]

Opties:
  --cohorts <n>          aantal groepen (standaard 40)
  --size <n>             deelnemers per groep (standaard 25)
  --years <n>            over hoeveel jaar (standaard 5)
  --today <JJJJ-MM-DD>   de dag van vandaag voor de gegevens (standaard: vandaag)
  --pending <n>          geslaagden zonder certificaat in de laatst afgeronde groep (standaard 25)
  --lessons-per-week <n> lesblokken per lesdag, 1 tot 3 (standaard 2)
  --password <tekst>     wachtwoord van de vier bench-accounts (standaard leerlijn-demo)
  --placeholder-pdf      een kort voorbeeld-pdf in plaats van het echte certificaat-pdf:
                         veel sneller, maar downloaden toont dan niet het echte certificaat`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function whole(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) fail(`--${name} moet een heel getal van ${min} of meer zijn (nu: ${value}).\n\n${USAGE}`);
  return Number(value);
}

function amsterdamToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(currentTime());
}

/** Users already there (or a table we cannot read as expected) means: not an empty database. */
async function hasPeople(db: DB): Promise<boolean> {
  try {
    return Boolean(await db.selectFrom("users").select("id").limit(1).executeTakeFirst());
  } catch {
    return false; // no users table yet: a new database
  }
}

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    seed: { type: "string" },
    cohorts: { type: "string" },
    size: { type: "string" },
    years: { type: "string" },
    today: { type: "string" },
    pending: { type: "string" },
    "lessons-per-week": { type: "string" },
    password: { type: "string" },
    "placeholder-pdf": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const url = values.file ?? (process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined);
if (!url) fail(`Geef een bestand met --file, of een PostgreSQL-database met DATABASE_URL=postgres://…\n\n${USAGE}`);
if (values.seed === undefined) fail(`Geef een startgetal met --seed: met hetzelfde getal krijg je dezelfde gegevens.\n\n${USAGE}`);
if (!/^-?\d+$/.test(values.seed)) fail(`--seed moet een heel getal zijn (nu: ${values.seed}).`);
const today = values.today ?? amsterdamToday();
if (
  !/^\d{4}-\d{2}-\d{2}$/.test(today) ||
  Number.isNaN(new Date(`${today}T12:00:00Z`).getTime()) ||
  new Date(`${today}T12:00:00Z`).toISOString().slice(0, 10) !== today
)
  fail(`--today moet een datum zijn als 2026-11-22 (nu: ${today}).`);
const years = values.years === undefined ? 5 : Number(values.years);
if (!/^\d+(\.\d+)?$/.test(values.years ?? "5") || !(years > 0)) fail(`--years moet een getal groter dan 0 zijn (nu: ${values.years}).`);
const opts = {
  seed: Number(values.seed),
  cohorts: whole("cohorts", values.cohorts, 40),
  size: whole("size", values.size, 25),
  years,
  today,
  pendingCertificates: whole("pending", values.pending, 25, 0),
  lessonsPerWeek: whole("lessons-per-week", values["lessons-per-week"], 2),
  password: values.password,
  verifyBase: process.env.PUBLIC_URL,
  certificatePdf: values["placeholder-pdf"] ? ("placeholder" as const) : ("render" as const),
};
if (opts.lessonsPerWeek > 3) fail("--lessons-per-week mag 1, 2 of 3 zijn.");

const where = isPostgresUrl(url) ? "de PostgreSQL-database" : url;
const db = createDb(url);
try {
  if (await hasPeople(db)) fail(`In ${where} staan al gegevens. Kies een nieuw bestand of een lege database; er is niets veranderd.`);
  console.log(`Database klaarmaken: ${where}`);
  await setupDatabase(db, { demo: false });
  console.log(`Genereren: ${opts.cohorts} groepen van ${opts.size} deelnemers over ${opts.years} jaar tot ${opts.today} (seed ${opts.seed}).`);
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(1).replace(".", ",");
  let lastCertificateLine = 0;
  const info = await generateInstallation(db, {
    ...opts,
    onProgress: (done, total, phase) => {
      if (phase === "certificates") {
        if (done === total || performance.now() - lastCertificateLine > 2000) {
          lastCertificateLine = performance.now();
          console.log(`  certificaten ${done} van ${total} (${seconds()} s)`);
        }
      } else console.log(`  groep ${done} van ${total} klaar (${seconds()} s)`);
    },
  });
  console.log(`\nKlaar in ${seconds()} s. Aantal rijen per tabel:`);
  for (const table of GENERATED_TABLES) if (info.counts[table] > 0) console.log(`  ${table.padEnd(26)} ${String(info.counts[table]).padStart(8)}`);
  const a = info.accounts;
  console.log(`\nBench-accounts (wachtwoord: ${a.password}):`);
  console.log(`  coördinator  ${a.coordinator.email} (id ${a.coordinator.id})`);
  console.log(`  trainer      ${a.trainer.email} (id ${a.trainer.id}), trainer van de lopende groep ${info.runningCohortId}`);
  console.log(`  examinator   ${a.examiner.email} (id ${a.examiner.id})`);
  console.log(`  deelnemer    ${a.participant.email} (id ${a.participant.id})`);
  if (info.heldLesson)
    console.log(
      `Gehouden les in de lopende groep: bijeenkomst ${info.heldLesson.meetingId} (${info.heldLesson.date}), ${info.heldLesson.expectedParticipantIds.length} deelnemers verwacht, revisie ${info.heldLesson.attendanceRevision}.`,
    );
  console.log(`Geslaagd zonder certificaat (klaar om uit te geven): ${info.pendingCertificateParticipantIds.length} deelnemers.`);
  if (info.validVerificationCode) console.log(`Een geldige controlecode: ${info.validVerificationCode}`);
} catch (error) {
  console.error(`Genereren lukte niet: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
