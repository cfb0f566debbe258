import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import nodemailer from "nodemailer";
import type { DB } from "../../db/connect";
import { parseMailFrom } from "../config.server";
import { DEFAULT_LEASE_MS, logSenderError, mailSettings, sendPendingMail, type MailSettings, type SendReport, type Transport } from "./mail-outbox.server";

/**
 * The SMTP side of the outbox: nodemailer's SMTP transport from SMTP_URL (smtp://…:587 upgrades
 * with STARTTLS when the server offers it, smtps://…:465 is TLS from the start), and the sender
 * loop that each app process runs (server.ts). With WEB_CONCURRENCY > 1 every process runs one:
 * the claim in mail-outbox.server.ts makes sure each message goes out once.
 */
export function smtpTransport(settings: MailSettings): Transport & { close(): void } {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // Well inside the claim's lease (DEFAULT_LEASE_MS), so a hanging server never outlives it.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    sendMail: (message) => transport.sendMail(message),
    close: () => transport.close(),
  };
}

/** The From header for nodemailer: "Name <address>" keeps its name. */
export function fromHeader(settings: MailSettings): string {
  const parsed = parseMailFrom(settings.from);
  if (!parsed) return settings.from;
  return parsed.name ? `"${parsed.name.replace(/"/g, "")}" <${parsed.address}>` : parsed.address;
}

/** One pass with this process's settings (npm run mail:send). Null when mail is off. */
export async function sendMailOnce(db: DB, opts: { now?: () => Date; leaseMs?: number } = {}): Promise<SendReport | null> {
  const settings = mailSettings();
  if (!settings) return null;
  const transport = smtpTransport(settings);
  try {
    return await sendPendingMail(db, { transport, from: fromHeader(settings), now: opts.now, leaseMs: opts.leaseMs });
  } finally {
    transport.close();
  }
}

export interface MailSender {
  /** Look for due messages now (after one was queued). */
  wake(): void;
  /** Stops after the pass that is running, if any. */
  stop(): Promise<void>;
}

/**
 * Runs passes of the sender in this process: one at the start, then every `intervalMs` and
 * whenever `wake()` is called (enqueueMail's callers nudge it after their commit). Returns null
 * when mail is off. Its timers never keep the process alive.
 */
export function startMailSender(db: DB, opts: { intervalMs?: number; leaseMs?: number; workerId?: string } = {}): MailSender | null {
  const settings = mailSettings();
  if (!settings) return null;
  const intervalMs = opts.intervalMs ?? 10_000;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const transport = smtpTransport(settings);
  const from = fromHeader(settings);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };
  function run() {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sendPendingMail(db, { transport, from, workerId, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS })
      .then(
        () => undefined,
        (error: unknown) => logSenderError(error),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule(0);
        } else schedule(intervalMs);
      });
  }
  schedule(0);
  const wake = () => schedule(0);
  globalThis.__leerlijnMailNudge = wake;
  return {
    wake,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (globalThis.__leerlijnMailNudge === wake) globalThis.__leerlijnMailNudge = undefined;
      await running;
      transport.close();
    },
  };
}
