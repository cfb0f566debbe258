import { spawn } from "node:child_process";
import path from "node:path";
import { createDb } from "../../db/connect";
import { acceptInvitation } from "../../app/services/invitations.server";
import { enqueueMail } from "../../app/services/mail-outbox.server";
import { createSqliteTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { startTestSmtp, type TestSmtp } from "../support/smtp";

/**
 * Issue 28: a crash between the commit of an invitation and the sending of its mail loses
 * nothing and sends nothing twice. The "app" is a separate process (tests/faults/mail-app.ts)
 * running the app's own invitation service and mail sender; it is killed with SIGKILL, started
 * again, and the test's real SMTP server counts what arrives.
 */
const APP = path.resolve("tests/faults/mail-app.ts");
const LEASE_MS = 1500;

let t: TestDb;
let smtp: TestSmtp;
const people: number[] = [];
beforeAll(async () => {
  t = await createSqliteTestDb("empty");
  for (let i = 0; i < 2; i++) people.push((await makeUser(t.db, { status: "invited", name: `Uitgenodigd ${i}` })).id);
  await t.db.destroy();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});

function startApp(inviteUserId: number | "-", senderDelayMs: number) {
  const child = spawn(process.execPath, ["--import", "tsx", APP, t.file, smtp.url, String(inviteUserId), String(senderDelayMs), String(LEASE_MS)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buffer = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const waitLine = async (prefix: string, ms = 30_000) => {
    const start = Date.now();
    for (;;) {
      const line = lines.find((l) => l.startsWith(prefix));
      if (line) return line;
      if (child.exitCode !== null) throw new Error(`app stopped: ${stderr}`);
      if (Date.now() - start > ms) throw new Error(`no "${prefix}" from the app: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kill = async () => {
    child.kill("SIGKILL");
    await exited;
  };
  return { waitLine, kill };
}

async function statusOf(userId: number) {
  const db = createDb(t.file);
  try {
    return await db.selectFrom("mail_outbox").select(["status", "attempts", "claimed_by"]).where("recipient_user_id", "=", userId).execute();
  } finally {
    await db.destroy();
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("mail after a crash of the app process", () => {
  it("killed right after the invitation committed (before any sending): the mail arrives once after the restart", async () => {
    smtp.received.length = 0;
    // The sender would only start after a minute: the kill surely comes first.
    const app = startApp(people[0]!, 60_000);
    const token = (await app.waitLine("committed ")).slice("committed ".length);
    await app.kill();
    expect(await statusOf(people[0]!)).toEqual([{ status: "pending", attempts: 0, claimed_by: null }]);
    expect(smtp.received).toHaveLength(0);

    const again = startApp("-", 0);
    try {
      await smtp.waitFor(1);
      await pause(1000); // room for a wrong second delivery
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.text).toContain(`https://leerlijn.example.nl/uitnodiging/${token}`);
      expect(await statusOf(people[0]!)).toEqual([{ status: "sent", attempts: 1, claimed_by: null }]);
    } finally {
      await again.kill();
    }
    // And the link from the mail works.
    const db = createDb(t.file);
    try {
      const token2 = /uitnodiging\/([A-Za-z0-9_-]+)/.exec(smtp.received[0]!.text)![1]!;
      expect(await acceptInvitation(db, token2, "Zonnige-fietstocht-langs-de-dijk-2026", null)).toEqual({ ok: true, userId: people[0] });
    } finally {
      await db.destroy();
    }
  }, 90_000);

  it("killed while its SMTP conversation hangs (claimed, not sent): after the lease the restarted app sends it once", async () => {
    smtp.received.length = 0;
    smtp.stall(true);
    const app = startApp(people[1]!, 0);
    await app.waitLine("committed ");
    // Wait until the sender claimed it and is waiting for the server's answer.
    const start = Date.now();
    while ((await statusOf(people[1]!))[0]?.status !== "sending") {
      if (Date.now() - start > 30_000) throw new Error("the app never claimed the mail");
      await pause(50);
    }
    await pause(300);
    await app.kill();
    expect(await statusOf(people[1]!)).toMatchObject([{ status: "sending", attempts: 1 }]);
    expect(smtp.received).toHaveLength(0);

    smtp.stall(false);
    const again = startApp("-", 0);
    try {
      await smtp.waitFor(1, 30_000);
      await pause(LEASE_MS + 1000); // a second delivery would show up here
      expect(smtp.received).toHaveLength(1);
      expect(await statusOf(people[1]!)).toEqual([{ status: "sent", attempts: 2, claimed_by: null }]);
    } finally {
      await again.kill();
    }
  }, 90_000);

  it("two app processes on one database with 100 pending messages: each is delivered exactly once", async () => {
    smtp.received.length = 0;
    const db = createDb(t.file);
    try {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++)
          await enqueueMail(
            trx,
            { type: "invitation", to: { email: `ontvanger${i}@voorbeeld.test` }, lang: "nl", subject: `Bericht ${i}`, text: `Bericht ${i}` },
            { held: false },
          );
      });
    } finally {
      await db.destroy();
    }
    // Both start at once, each with its own connection and its own sender, as two app processes do.
    const a = startApp("-", 0);
    const b = startApp("-", 0);
    try {
      await Promise.all([a.waitLine("ready"), b.waitLine("ready")]);
      await smtp.waitFor(100, 60_000);
      await pause(LEASE_MS + 1000); // a second delivery of any message would show up here
      const recipients = smtp.received.flatMap((m) => m.to);
      expect(recipients).toHaveLength(100);
      expect(new Set(recipients).size).toBe(100);
    } finally {
      await Promise.all([a.kill(), b.kill()]);
    }
    const check = createDb(t.file);
    try {
      const rows = await check.selectFrom("mail_outbox").select(["status", "attempts"]).where("recipient_email", "like", "ontvanger%").execute();
      expect(rows).toHaveLength(100);
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await check.destroy();
    }
  }, 120_000);
});
