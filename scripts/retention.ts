// npm run retention: applies the retention periods the coordinator set (Privacy page) once.
// Safe to run every day (e.g. from cron right after the backup): a second run finds nothing more to do.
import { readConfig } from "../app/config.server";
import { applyRetention } from "../app/services/privacy.server";
import { createDb } from "../db/connect";
import { setupDatabase } from "../app/setup.server";

const config = readConfig();
const db = createDb(config.databaseUrl);
try {
  await setupDatabase(db, { demo: false });
  const r = await applyRetention(db);
  const s = r.settings;
  console.log(
    [
      `Bewaartermijnen toegepast (${new Date().toISOString()}):`,
      `  instellingen: beoordelingsdossier ${s.assessmentMonths} maanden na het besluit; concepten ${s.draftsMonthsAfterEnd} maanden na het einde van de leerlijn; inlogsporen ${s.signInTraceDays} dagen`,
      `  verlopen sessies verwijderd:             ${r.expiredSessions}`,
      `  bewaarde tekst na time-out verwijderd:   ${r.keptForms}`,
      `  oude inlogpogingen verwijderd:           ${r.oldLoginAttempts}`,
      `  IP- en e-mailsporen uit het logboek weg: ${r.auditTraces}`,
      `  oude tellingen van onbekende codes weg:  ${r.rateLimitHits}`,
      `  gebruikte of verlopen uitnodigingen weg: ${r.spentInvitations}`,
      `  inhoud van oude e-mails weggehaald:      ${r.mailBodies}`,
      `  oude e-mails uit de berichtenlijst weg:  ${r.mailRows}`,
      `  POP-conceptversies verwijderd:           ${r.popDraftVersions}`,
      `  POP-opmerkingen bij concepten verwijderd: ${r.popDraftComments}`,
      `  GOP-conceptversies verwijderd:           ${r.gopDraftVersions}`,
      `  beoordelingsdossiers zonder vrije tekst:  ${r.assessmentFiles}`,
      "Het certificaatregister blijft altijd bewaard. Wat er gebeurde staat ook in het auditlog (retention.run).",
    ].join("\n"),
  );
} catch (error) {
  console.error(`Bewaartermijnen toepassen lukte niet: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
