// npm run mail:schedule: one pass of the scheduled mail by hand (the app process also does this
// every 15 minutes when mail is on): reminders for a meeting tomorrow and an oefenopdracht due
// soon, and on Monday the trainers' weekly digest. Each message is queued once, so running it
// again queues nothing new. The links start with PUBLIC_URL. Sending is the sender's work (the app,
// or npm run mail:send).
import { readConfig } from "../app/config.server";
import { setDb } from "../app/db.server";
import { mailEnabled } from "../app/services/mail-outbox.server";
import { runScheduledMail } from "../app/services/mail-schedule.server";
import { setupDatabase } from "../app/setup.server";
import { createDb } from "../db/connect";

let config;
try {
  config = readConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (!mailEnabled()) {
  console.log("E-mail staat uit (geen SMTP_URL). Er zijn geen herinneringen klaargezet.");
  process.exit(0);
}
if (!config.publicUrl) {
  console.error("PUBLIC_URL is niet ingesteld. De links in herinneringen beginnen daarmee. Er is niets klaargezet.");
  process.exit(1);
}
const db = createDb(config.databaseUrl);
setDb(db);
try {
  await setupDatabase(db, { demo: false });
  const report = await runScheduledMail(db, { baseUrl: config.publicUrl });
  console.log(
    [
      "Geplande e-mail: één ronde klaar.",
      `  bijeenkomst morgen:            ${report["session-tomorrow"]}`,
      `  oefenopdracht bijna te laat:   ${report["assignment-due"]}`,
      `  weekoverzicht trainers:        ${report["trainer-digest"]}`,
      `  herinneringen werkbegeleider vervallen: ${report.supervisorRemindersCancelled}`,
      "De app verstuurt ze zelf; met de app uit: npm run mail:send.",
    ].join("\n"),
  );
} catch (error) {
  console.error(`Geplande e-mail lukte niet: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
