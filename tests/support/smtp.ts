import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server for the mail tests (nodemailer's smtp-server on a free port of 127.0.0.1,
 * plain SMTP without STARTTLS, any or no login). It keeps every message it accepted, parsed
 * just enough for the tests: headers, subject, the text and HTML parts.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** Other parts (attachments): their content type and decoded content. */
  attachments: { contentType: string; filename: string | null; content: string }[];
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Messages refused so far (any reason). */
  refused: number;
  /** Refuse every message with this SMTP code (e.g. 451 temporary, 550 permanent), or accept again (null). */
  rejectWith(code: number | null): void;
  /** Hold every message after its DATA without answering (a hanging server), until `release()`. */
  stall(on: boolean): void;
  /** Resolves when at least `n` messages have arrived. */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  let rejectCode: number | null = null;
  let stalled = false;
  const state = { refused: 0 };
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "test" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (stalled) return; // never answers: the client hangs until it gives up or dies
        if (rejectCode !== null) {
          state.refused += 1;
          const error = new Error(`Mailbox busy, try later (test ${rejectCode})`) as Error & { responseCode: number };
          error.responseCode = rejectCode;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMessage(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://test:geheim@127.0.0.1:${port}`,
    port,
    received,
    get refused() {
      return state.refused;
    },
    rejectWith: (code) => {
      rejectCode = code;
    },
    stall: (on) => {
      stalled = on;
    },
    waitFor: async (n, ms = 15_000) => {
      const start = Date.now();
      while (received.length < n) {
        if (Date.now() - start > ms) throw new Error(`waited for ${n} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.connections) c.close();
        server.close(() => resolve());
      }),
  };
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf("\r\n\r\n");
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? "").toLowerCase();
  if (e === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (e === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    try {
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
    } catch {
      return bytes;
    }
  }
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeBody(text.replace(/_/g, " "), "quoted-printable"),
    );
}

function parseMessage(raw: string): Omit<ReceivedMail, "from" | "to"> {
  const { headers, body } = splitHeaders(raw);
  const out = { raw, headers, subject: decodeWords(headers.subject ?? ""), text: "", html: "", attachments: [] as ReceivedMail["attachments"] };
  const walk = (contentType: string, encoding: string | undefined, disposition: string | undefined, content: string) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (/^multipart\//i.test(contentType) && boundary) {
      for (const part of content.split(`--${boundary}`).slice(1)) {
        if (part.startsWith("--")) break;
        const p = splitHeaders(part.replace(/^\r\n/, ""));
        walk(p.headers["content-type"] ?? "text/plain", p.headers["content-transfer-encoding"], p.headers["content-disposition"], p.body.replace(/\r\n$/, ""));
      }
      return;
    }
    const decoded = decodeBody(content, encoding);
    if (/^text\/plain/i.test(contentType) && !/attachment/i.test(disposition ?? "") && !out.text) out.text = decoded;
    else if (/^text\/html/i.test(contentType) && !/attachment/i.test(disposition ?? "") && !out.html) out.html = decoded;
    else out.attachments.push({ contentType, filename: /filename="?([^";]+)"?/i.exec(disposition ?? "")?.[1] ?? null, content: decoded });
  };
  walk(headers["content-type"] ?? "text/plain", headers["content-transfer-encoding"], headers["content-disposition"], body);
  return out;
}
