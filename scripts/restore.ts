// npm run restore -- <back-up>: checks the backup's integrity, then puts it in place (stop the app first).
import { readConfig } from "../app/config.server";
import { isPostgresUrl, sqlitePathFrom } from "../db/connect";
import { restoreDatabase } from "../db/backup";

if (isPostgresUrl(readConfig().databaseUrl)) {
  console.error("npm run restore is voor SQLite. Zet een back-up van PostgreSQL terug met pg_restore of psql.");
  process.exit(1);
}

const file = process.argv[2];
if (!file) {
  console.error("Gebruik: npm run restore -- <pad naar de back-up>");
  process.exit(1);
}
const target = sqlitePathFrom(readConfig().databaseUrl);
try {
  const { kept } = restoreDatabase(file, target);
  console.log(`Hersteld: ${target} uit ${file}.${kept ? ` De vorige database staat in ${kept}.` : ""}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
