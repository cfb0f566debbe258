// npm run migrate: runs pending migrations and loads the curriculum templates (no demo data).
import { readConfig } from "../app/config.server";
import { createDb } from "../db/connect";
import { setupDatabase } from "../app/setup.server";

const config = readConfig();
const db = createDb(config.databaseUrl);
const report = await setupDatabase(db, { demo: false });
console.log(`Migraties uitgevoerd: ${report.migrations.length ? report.migrations.join(", ") : "geen (al bij)"}`);
for (const c of report.curriculum) console.log(`Leerlijn ${c.slug} v${c.version}: ${c.created ? "geladen" : "was er al"}`);
await db.destroy();
