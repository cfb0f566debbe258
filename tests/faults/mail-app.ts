/**
 * A separate process standing in for the app process in the mail fault test: it opens the
 * database the way the app does, runs the app's own mail sender (startMailSender, as server.ts
 * does) against the test's SMTP server, and can first invite someone through the real invitation
 * service. Prints "committed <token>" once the invitation (and its mail) committed, and
 * "ready" once the sender runs. Killed with SIGKILL by the test.
 *   tsx tests/faults/mail-app.ts <db-file> <smtp-url> <invite-user-id|-> <sender-delay-ms> <lease-ms>
 */
import { createDb } from "../../db/connect";
import { setDb } from "../../app/db.server";
import { createInvitation } from "../../app/services/invitations.server";
import { setMailSettings } from "../../app/services/mail-outbox.server";
import { startMailSender } from "../../app/services/mail-sender.server";

const [file, smtpUrl, inviteArg, delayArg, leaseArg] = process.argv.slice(2);

async function main() {
  const db = createDb(file);
  setDb(db);
  setMailSettings({ smtpUrl: smtpUrl!, from: "Leerlijn <leerlijn@example.nl>" });
  if (inviteArg && inviteArg !== "-") {
    const { token } = await createInvitation(db, Number(inviteArg), null, undefined, { baseUrl: "https://leerlijn.example.nl" });
    process.stdout.write(`committed ${token}\n`);
  }
  setTimeout(() => {
    startMailSender(db, { intervalMs: 200, leaseMs: Number(leaseArg) });
    process.stdout.write("ready\n");
  }, Number(delayArg));
  // Stay alive like a server does, until killed.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
