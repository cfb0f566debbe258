// npm run seed: fills an empty database with the demo data (does nothing when anyone exists).
import { readConfig } from "../app/config.server";
import { createDb } from "../db/connect";
import { setupDatabase } from "../app/setup.server";

const config = readConfig();
const db = createDb(config.databaseUrl);
const report = await setupDatabase(db, { demo: true });
console.log(report.demoSeeded ? "Demogegevens geladen." : "De database heeft al gebruikers; er is niets toegevoegd.");
await db.destroy();
