// npx tsx scripts/credential-key-rotate.ts: a new signing key for the digital certificates (issue 30,
// docs/decisions/021-open-badges.md). New credentials and the revocation list are signed with it from
// now on; the old keys stay in the DID document (/.well-known/did.json), so every credential they
// signed keeps verifying. Prints only the names of the keys, never a key.
import { readConfig } from "../app/config.server";
import { rotateIssuerKey } from "../app/services/credentials/keys.server";
import { createDb } from "../db/connect";
import { setupDatabase } from "../app/setup.server";

const config = readConfig();
const db = createDb(config.databaseUrl);
try {
  await setupDatabase(db, { demo: false });
  const key = await rotateIssuerKey(db, null);
  console.log(`Nieuwe ondertekensleutel: ${key.keyRef}. De oude sleutels blijven gepubliceerd; oude certificaten blijven geldig.`);
} catch (error) {
  console.error(`De sleutel vervangen lukte niet: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
