import Database from "better-sqlite3";
import { readServerInfo } from "./server-info";
import { baseUrl } from "./support";

/** The public form to check a certificate: a code or the QR address leads to the answer; robots get nothing. */
function demoCode(): string {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select verification_code as code from certificates order by id limit 1").get() as { code: string }).code;
  } finally {
    db.close();
  }
}

/** Honeypot hits counted (kept for an hour), and audit lines about them (one per address and hour). */
function honeypot(): { hits: number; lines: number } {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    const hits = (db.prepare("select count(*) as n from rate_limit_hits where key like 'honeypot:verify:%'").get() as { n: number }).n;
    const lines = (db.prepare("select count(*) as n from audit_log where action = 'verify.honeypot'").get() as { n: number }).n;
    return { hits, lines };
  } finally {
    db.close();
  }
}

async function submit(fields: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl()}/verify`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The visible words of a page's main content, for the voice check (issue 27: "u" for public visitors). */
function mainText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/i.exec(html)?.[0] ?? "";
  return main
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}
const INFORMAL = /\b(je|jij|jou|jouw)\b/i;
const FORMAL = /(^|[\s(])(u|uw|U|Uw)(?=[\s,.!?)])/;

describe("certificate check form", () => {
  it("shows the form with a hidden trap field, without signing in", async () => {
    const res = await fetch(`${baseUrl()}/verify`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Controlecode");
    // One voice: the form speaks to the visitor with "u", as its answer does.
    expect(mainText(html)).not.toMatch(INFORMAL);
    expect(mainText(html)).toMatch(FORMAL);
    expect(html).toMatch(/<div class="ll-honeypot" aria-hidden="true">[\s\S]*?name="website"[\s\S]*?tabindex="-1"/i);
  });

  it("sends a code, or the whole address from the QR code, on to the answer", async () => {
    const code = demoCode();
    for (const typed of [code, `  ${code} `, `https://leerlijn.example.nl/verify/${code}`]) {
      const res = await submit({ code: typed, website: "" });
      expect([typed, res.status, res.headers.get("location")]).toEqual([typed, 302, `/verify/${code}`]);
    }
    const answer = await fetch(`${baseUrl()}/verify/${code}`);
    expect(answer.status).toBe(200);
    const answerHtml = await answer.text();
    expect(answerHtml).toContain("Geldig");
    expect(mainText(answerHtml)).not.toMatch(INFORMAL);
    expect(mainText(answerHtml)).toMatch(FORMAL);
  });

  it("refuses what is not a code with a clear message", async () => {
    for (const typed of ["", "<script>alert(1)</script>", "a b c d e f g h"]) {
      const res = await submit({ code: typed });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/Vul de controlecode in\.|Dit lijkt geen controlecode/);
      expect(html).not.toContain("<script>alert(1)</script>");
    }
  });

  it("gives a robot that fills the trap field no answer, counts it, and logs it once, not per request", async () => {
    const before = honeypot();
    for (let i = 0; i < 3; i++) {
      const res = await submit({ code: demoCode(), website: "https://spam.example" });
      expect([400, 429]).toContain(res.status);
      expect(res.headers.get("location")).toBeNull();
    }
    const after = honeypot();
    expect(after.hits).toBe(before.hits + 3);
    expect(after.lines).toBe(Math.max(before.lines, 1));
  });
});
