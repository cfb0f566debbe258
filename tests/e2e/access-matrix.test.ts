import Database from "better-sqlite3";
import { ACCESS_MATRIX, type DemoIds, expectedOutcome, mustBeNotFound, type Outcome, SUBJECTS, type Subject } from "../support/access-matrix";
import { readServerInfo } from "./server-info";
import { baseUrl, sessionSetCookie, signInOverHttp } from "./support";
import { currentTimeMs } from "../../app/clock.server";

/**
 * Every route × method × subject against the running app, compared with the declared matrix
 * (tests/support/access-matrix.ts). A refusal never shows another person's data, and a record
 * that is not yours answers 404 — not 403, which would say it exists.
 */
jest.setTimeout(240_000);

const STRONG_PASSWORD = "Kwartel-Fietspomp-Lantaarn-93";

function demoIds(): DemoIds & { secrets: Record<string, string[]> } {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(q: string, ...args: unknown[]) => {
      const row = db.prepare(q).get(...args) as T | undefined;
      if (!row) throw new Error(`demo data missing: ${q}`);
      return row;
    };
    const user = (email: string) => one<{ id: number; name: string; email: string }>("select id, name, email from users where email = ?", email);
    const p1 = user("deelnemer1@leerlijn.test");
    const lotte = user("deelnemer15@leerlijn.test");
    const hamza = user("deelnemer16@leerlijn.test");
    const c1 = one<{ id: number }>("select id from cohorts where name = 'Leerlijn Buurtteams 2026-1'").id;
    const c3 = one<{ id: number }>("select id from cohorts where name = 'Leerlijn Buurtteams 2025-2'").id;
    const cert = one<{ id: number; verification_code: string }>(
      "select id, verification_code from certificates where participant_id = ? order by id limit 1",
      lotte.id,
    );
    return {
      c1,
      c3,
      p1: p1.id,
      meeting: one<{ id: number }>("select id from course_sessions where cohort_id = ? and type = 'les' order by date limit 1", c1).id,
      intervisie: one<{ id: number }>(
        "select s.id from course_sessions s join intervisie_group_members m on m.group_id = s.intervisie_group_id where m.participant_id = ? and s.type = 'intervisie' order by s.date limit 1",
        p1.id,
      ).id,
      assignment: one<{ id: number }>("select id from course_sessions where cohort_id = ? and assignment is not null order by date limit 1", c1).id,
      evaluation: one<{ id: number }>(
        "select s.id from course_sessions s join attendance a on a.session_id = s.id where a.participant_id = ? and a.status in ('aanwezig', 'te_laat') and s.status = 'planned' order by s.date desc limit 1",
        p1.id,
      ).id,
      entry: one<{ id: number }>("select id from practice_entries where participant_id = ? order by id limit 1", p1.id).id,
      interview: one<{ id: number }>("select id from interviews where participant_id = ? order by id limit 1", hamza.id).id,
      certificate: cert.id,
      certificateCode: cert.verification_code,
      poolRequest: one<{ id: number }>(
        "select r.id from pool_requests r join buurtteams b on b.id = r.buurtteam_id where b.name = 'Buurtteam Noord-Oost' order by r.status = 'open' desc, r.id limit 1",
      ).id,
      alumniGroup: one<{ group_id: number }>("select group_id from alumni_intervisie_groups order by group_id limit 1").group_id,
      // What a refusal must never show, by whose data it is.
      secrets: { p1: [p1.name, p1.email], lotte: [lotte.name, lotte.email], hamza: [hamza.name, hamza.email] },
    };
  } finally {
    db.close();
  }
}

function cookieOf(res: Response): string {
  const c = sessionSetCookie(res);
  if (!c) throw new Error(`no session cookie (status ${res.status})`);
  return c.split(";")[0]!;
}

async function post(path: string, body: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl(), ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(body).toString(),
  });
}

/** A fresh examiner, invited by the coordinator: holds no interview at all. */
async function newExaminer(coordinator: string): Promise<string> {
  const email = `examinator-matrix-${currentTimeMs()}@leerlijn.test`;
  const res = await post("/coordinator/mensen", { intent: "invite", name: "Examinator Zonder Gesprek", email, role: "examiner", cohortId: "" }, coordinator);
  const html = await res.text();
  const token = /\/uitnodiging\/([A-Za-z0-9_-]{20,})/.exec(html)?.[1];
  if (!token) throw new Error(`no invitation link (status ${res.status})`);
  const accepted = await post(`/uitnodiging/${token}`, { password: STRONG_PASSWORD, confirm: STRONG_PASSWORD });
  if (accepted.status !== 302) throw new Error(`accepting the invitation failed: ${accepted.status} ${(await accepted.text()).slice(0, 300)}`);
  return cookieOf(accepted);
}

function classify(res: Response): Outcome | `status ${number}` {
  if (res.status >= 200 && res.status < 300) return "ok";
  if (res.status >= 300 && res.status < 400) return (res.headers.get("location") ?? "").startsWith("/login") ? "login" : "redirect";
  if (res.status === 403 || res.status === 404 || res.status === 410) return "deny";
  return `status ${res.status}`;
}

describe("access matrix", () => {
  let ids: ReturnType<typeof demoIds>;
  const cookies: Partial<Record<Subject, string>> = {};

  beforeAll(async () => {
    ids = demoIds();
    cookies.p = await signInOverHttp("deelnemer1@leerlijn.test");
    cookies.p2 = await signInOverHttp("deelnemer13@leerlijn.test");
    cookies.t = await signInOverHttp("trainer@leerlijn.test");
    cookies.t2 = await signInOverHttp("trainer2@leerlijn.test");
    cookies.e = await signInOverHttp("examinator@leerlijn.test");
    cookies.c = await signInOverHttp("coordinator@leerlijn.test");
    cookies.b = await signInOverHttp("buurtteam@leerlijn.test");
    cookies.e2 = await newExaminer(cookies.c);
  });

  /** The secrets a subject may not see in a refusal: everyone's but their own. */
  function forbiddenTexts(subject: Subject): string[] {
    const own = subject === "p" ? "p1" : null;
    return Object.entries(ids.secrets)
      .filter(([who]) => who !== own)
      .flatMap(([, texts]) => texts);
  }

  it("GET: every route answers every subject as declared", async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [file, route] of Object.entries(ACCESS_MATRIX)) {
      const path = route.path(ids);
      for (const subject of SUBJECTS) {
        const res = await fetch(`${baseUrl()}${path}`, {
          redirect: "manual",
          headers: cookies[subject as Exclude<Subject, "anon">] ? { Cookie: cookies[subject as Exclude<Subject, "anon">]! } : {},
        });
        const got = classify(res);
        const want = expectedOutcome(route, subject);
        const body = res.status >= 400 || got === "login" ? await res.text() : (await res.arrayBuffer(), "");
        checked++;
        if (want !== "any" && got !== want) problems.push(`${subject} GET ${path} (${file}): expected ${want}, got ${got}`);
        if (got === "deny" || got === "login") {
          const leaked = forbiddenTexts(subject).filter((s) => body.includes(s));
          if (leaked.length > 0) problems.push(`${subject} GET ${path}: refusal shows ${leaked.join(", ")}`);
          if (mustBeNotFound(route, subject) && res.status !== 404)
            problems.push(`${subject} GET ${path}: a record that is not theirs must be 404, got ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(Object.keys(ACCESS_MATRIX).length * SUBJECTS.length);
  });

  it("POST: every action refuses whoever may not use it, and never fails on an empty form", async () => {
    const problems: string[] = [];
    for (const [file, route] of Object.entries(ACCESS_MATRIX)) {
      if (!route.post) continue;
      const path = route.path(ids);
      for (const subject of SUBJECTS) {
        const want = expectedOutcome(route, subject);
        const res = await post(path, { intent: "save" }, cookies[subject as Exclude<Subject, "anon">]);
        const got = classify(res);
        const body = await res.text();
        if (res.status >= 500) problems.push(`${subject} POST ${path} (${file}): server error ${res.status}`);
        if ((want === "deny" || want === "login") && got !== want) problems.push(`${subject} POST ${path} (${file}): expected ${want}, got ${got}`);
        if (got === "deny" || got === "login") {
          const leaked = forbiddenTexts(subject).filter((s) => body.includes(s));
          if (leaked.length > 0) problems.push(`${subject} POST ${path}: refusal shows ${leaked.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("ids of someone else's records answer 404 however they are written", async () => {
    const otherEntry = await fetch(`${baseUrl()}/deelnemer/praktijk/${ids.entry}`, { redirect: "manual", headers: { Cookie: cookies.p2! } });
    const missing = await fetch(`${baseUrl()}/deelnemer/praktijk/99999999`, { redirect: "manual", headers: { Cookie: cookies.p2! } });
    // Someone else's record and one that does not exist look the same.
    expect([otherEntry.status, missing.status]).toEqual([404, 404]);
    for (const weird of ["abc", "-1", "1e3", "0x10", "%20", "1;drop"]) {
      const res = await fetch(`${baseUrl()}/groepen/${weird}/voortgang`, { redirect: "manual", headers: { Cookie: cookies.t! } });
      expect([weird, res.status]).toEqual([weird, 404]);
    }
  });
});
