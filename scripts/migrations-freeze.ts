/**
 * npm run migrations:freeze — records the checksum of every migration in
 * db/migrations/checksums.json, after adding a new migration. A landed migration is frozen:
 * tests/unit/migrations-frozen.test.ts fails when a recorded file changes, and this script
 * refuses to record a changed one.
 */
import fs from "node:fs";
import path from "node:path";
import { CHECKSUMS_FILE, migrationChecksums, recordedChecksums } from "./lib/migration-checksums";

const recorded = recordedChecksums();
const now = migrationChecksums();
const changed = Object.keys(recorded).filter((f) => now[f] !== recorded[f]);
if (changed.length > 0) {
  console.error(`Deze migraties zijn al vastgelegd en toch veranderd of weg: ${changed.join(", ")}. Zet ze terug en maak een nieuwe migratie.`);
  process.exit(1);
}
fs.writeFileSync(CHECKSUMS_FILE, `${JSON.stringify(now, null, 2)}\n`);
console.log(`${Object.keys(now).length} migraties vastgelegd in ${path.relative(process.cwd(), CHECKSUMS_FILE)}.`);
