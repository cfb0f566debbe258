// npm run backup [-- <bestand>]: a consistent backup while the app runs (SQLite backup API).
import path from "node:path";
import { readConfig } from "../app/config.server";
import { isPostgresUrl, sqlitePathFrom } from "../db/connect";
import { backupDatabase } from "../db/backup";

const config = readConfig();
if (isPostgresUrl(config.databaseUrl)) {
  console.error("npm run backup is voor SQLite. Maak een back-up van PostgreSQL met pg_dump.");
  process.exit(1);
}
const source = sqlitePathFrom(config.databaseUrl);
const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const target = process.argv[2] ?? path.join(path.dirname(source), "backups", `leerlijn-${stamp}.sqlite`);
try {
  const result = await backupDatabase(source, target);
  console.log(`Back-up gemaakt: ${target} (${Math.round(result.bytes / 1024)} kB, integriteit: ${result.integrity})`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
