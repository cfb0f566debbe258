// npm run user:create -- --email naam@org.nl --name "Naam" --role coordinator [--base-url https://leerlijn.example.nl] [--password-stdin]
// Creates a person (on a fresh production database: the first coordinator). Prints a one-time
// invitation link to choose a password, or, with --password-stdin, sets the password read from stdin.
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../app/config.server";
import { emailField, nameField, roleField } from "../app/forms/fields";
import { PASSWORD_MIN_LENGTH } from "../app/rules/password-policy";
import { audit } from "../app/services/audit.server";
import { UserInputError } from "../app/services/errors";
import { createInvitation } from "../app/services/invitations.server";
import { hashPassword } from "../app/services/password.server";
import { createInvitedUser } from "../app/services/users.server";
import { createDb } from "../db/connect";
import { setupDatabase } from "../app/setup.server";

const USAGE =
  'Gebruik: npm run user:create -- --email naam@organisatie.nl --name "Naam" --role coordinator|trainer|examiner|participant [--base-url URL] [--password-stdin]';

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "coordinator" },
    "base-url": { type: "string" },
    "password-stdin": { type: "boolean", default: false },
  },
});

const input = z.object({ email: emailField, name: nameField, role: roleField }).safeParse({
  email: values.email,
  name: values.name ?? values.email?.split("@")[0],
  role: values.role,
});
if (!input.success) {
  console.error(`Ongeldige invoer: ${input.error.issues.map((i) => `${i.path.join(".")} (${i.message})`).join(", ")}`);
  console.error(USAGE);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const config = readConfig();
const db = createDb(config.databaseUrl);
try {
  await setupDatabase(db, { demo: false });
  const password = values["password-stdin"] ? await readStdin() : null;
  if (password !== null && password.length < PASSWORD_MIN_LENGTH) {
    console.error(`Het wachtwoord moet minstens ${PASSWORD_MIN_LENGTH} tekens hebben.`);
    process.exit(2);
  }
  const user = await createInvitedUser(db, input.data, null);
  if (password !== null) {
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(password), status: "active", updated_at: new Date().toISOString() })
      .where("id", "=", user.id)
      .execute();
    await audit(db, { action: "user.password.set-by-cli", target: { type: "user", id: user.id } });
    console.log(`${user.name} (${user.email}) is aangemaakt als ${user.role} en kan nu inloggen.`);
  } else {
    // With a public address known (--base-url or PUBLIC_URL) the invitation mail is queued too; the
    // app (or npm run mail:send) sends it when SMTP_URL is set.
    const publicBase = values["base-url"] ?? config.publicUrl;
    const { token, expiresAt, mailQueued } = await createInvitation(db, user.id, null, undefined, { baseUrl: publicBase ?? null });
    const base = (publicBase ?? `http://localhost:${config.port}`).replace(/\/$/, "");
    console.log(`${user.name} (${user.email}) is aangemaakt als ${user.role}.`);
    if (mailQueued && config.mail) console.log("De uitnodiging gaat ook per e-mail (de app of npm run mail:send verstuurt hem).");
    console.log(`Open deze link om een wachtwoord te kiezen (geldig tot ${expiresAt}, één keer te gebruiken):`);
    console.log(`  ${base}/uitnodiging/${token}`);
  }
} catch (error) {
  if (error instanceof UserInputError && error.messageKey === "people.emailTaken") {
    console.error("Er is al iemand met dit e-mailadres.");
    process.exit(1);
  }
  throw error;
} finally {
  await db.destroy();
}
