// npm run mail:send: one pass of the mail outbox by hand (the app process also does this every
// few seconds). Sends what is due, retries what failed before (with back-off), and says what it did.
import { readConfig } from "../app/config.server";
import { setDb } from "../app/db.server";
import { sendMailOnce } from "../app/services/mail-sender.server";
import { setupDatabase } from "../app/setup.server";
import { createDb } from "../db/connect";

let config;
try {
  config = readConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const db = createDb(config.databaseUrl);
setDb(db);
try {
  await setupDatabase(db, { demo: false });
  const report = await sendMailOnce(db);
  if (!report) {
    const held = await db
      .selectFrom("mail_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "held")
      .executeTakeFirstOrThrow();
    console.log(`E-mail staat uit (geen SMTP_URL). Er is niets verstuurd. Niet verstuurde berichten: ${Number(held.n)}. Zie /coordinator/berichten.`);
  } else {
    const left = await db
      .selectFrom("mail_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    console.log(
      [
        "E-mail versturen: één ronde klaar.",
        `  verstuurd:                     ${report.sent}`,
        `  mislukt, later nog een poging: ${report.retried}`,
        `  mislukt na de laatste poging:  ${report.failed}`,
        `  wacht nog op een volgende ronde: ${Number(left.n)}`,
      ].join("\n"),
    );
    if (report.failed > 0) console.log("Mislukte berichten staan op /coordinator/berichten; daar kun je ze opnieuw versturen.");
  }
} catch (error) {
  console.error(`E-mail versturen lukte niet: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
