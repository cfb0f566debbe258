import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { ACCESS_MATRIX, type DemoIds, expectedOutcome, type Subject } from "../support/access-matrix";
import { readServerInfo } from "./server-info";
import { baseUrl, signInOverHttp } from "./support";

/**
 * Every page each role can reach, from the access matrix (tests/support/access-matrix.ts): a new
 * route is visited by the walks (phone width, page titles) as soon as it is declared there.
 */
export type Who = "anon" | "p" | "t" | "e" | "c" | "b";
export const WHO: Who[] = ["anon", "p", "t", "e", "c", "b"];
export const EMAIL: Record<Exclude<Who, "anon">, string> = {
  p: "deelnemer1@leerlijn.test",
  t: "trainer@leerlijn.test",
  e: "examinator@leerlijn.test",
  c: "coordinator@leerlijn.test",
  b: "buurtteam@leerlijn.test",
};

/**
 * The demo records the paths point at. `second: true` gives another record of each kind where the
 * demo data has one (another lesson, intervisie meeting, assignment, practice entry, participant of
 * the same cohort, interview, certificate), for tests that compare two records of one page type.
 */
export function demoIds({ second = false } = {}): DemoIds {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  const n = second ? 1 : 0;
  try {
    const one = <T>(q: string, ...args: unknown[]) => {
      const row = db.prepare(q).get(...args) as T | undefined;
      if (!row) throw new Error(`demo data missing: ${q}`);
      return row;
    };
    const userId = (email: string) => one<{ id: number }>("select id from users where email = ?", email).id;
    const p1 = second ? userId("deelnemer2@leerlijn.test") : userId("deelnemer1@leerlijn.test");
    const me = userId("deelnemer1@leerlijn.test");
    const lotte = userId("deelnemer15@leerlijn.test");
    const hamza = userId("deelnemer16@leerlijn.test");
    const c1 = one<{ id: number }>("select id from cohorts where name = 'Leerlijn Buurtteams 2026-1'").id;
    const c3 = one<{ id: number }>("select id from cohorts where name = 'Leerlijn Buurtteams 2025-2'").id;
    /** The second record where the demo data has one, else the first again. */
    const maybe = <T>(q: string, fallback: () => T, ...args: unknown[]) =>
      second ? ((db.prepare(q).get(...args) as T | undefined) ?? fallback()) : fallback();
    const cert = maybe(
      "select id, verification_code from certificates where participant_id <> ? order by id limit 1",
      () =>
        one<{ id: number; verification_code: string }>("select id, verification_code from certificates where participant_id = ? order by id limit 1", lotte),
      lotte,
    );
    return {
      c1,
      c3,
      p1,
      meeting: one<{ id: number }>(`select id from course_sessions where cohort_id = ? and type = 'les' order by date limit 1 offset ${n}`, c1).id,
      intervisie: one<{ id: number }>(
        `select s.id from course_sessions s join intervisie_group_members m on m.group_id = s.intervisie_group_id where m.participant_id = ? and s.type = 'intervisie' order by s.date limit 1 offset ${n}`,
        me,
      ).id,
      assignment: one<{ id: number }>(`select id from course_sessions where cohort_id = ? and assignment is not null order by date limit 1 offset ${n}`, c1).id,
      // a meeting deelnemer1 was at, recently enough to evaluate it (the demo records every past meeting; lessons are weekly)
      evaluation: one<{ id: number }>(
        `select s.id from course_sessions s join attendance a on a.session_id = s.id where a.participant_id = ? and a.status in ('aanwezig', 'te_laat') and s.status = 'planned' order by s.date desc limit 1 offset ${n}`,
        me,
      ).id,
      entry: one<{ id: number }>(`select id from practice_entries where participant_id = ? order by id limit 1 offset ${n}`, me).id,
      interview: maybe(
        "select id from interviews where participant_id <> ? order by id limit 1",
        () => one<{ id: number }>("select id from interviews where participant_id = ? order by id limit 1", hamza),
        hamza,
      ).id,
      certificate: cert.id,
      certificateCode: cert.verification_code,
      // the open demo request of Buurtteam Noord-Oost (issue 31 point 3; demo/buurtteams.ts, demo/pool-requests.ts)
      poolRequest:
        (
          db
            .prepare(
              "select r.id from pool_requests r join buurtteams b on b.id = r.buurtteam_id where b.name = 'Buurtteam Noord-Oost' order by r.status = 'open' desc, r.id limit 1 offset ?",
            )
            .get(n) as { id: number } | undefined
        )?.id ?? 0,
      alumniGroup: one<{ group_id: number }>("select group_id from alumni_intervisie_groups order by group_id limit 1").group_id,
    };
  } finally {
    db.close();
  }
}

/** Downloads and machine answers, not pages a person reads in the browser. */
// Issue 30 added [.]json (the DID document, credentials) and credentials.status (the revocation list).
export const NOT_A_PAGE = /\[\.\](pdf|csv|zip|ics|json)\.tsx?$|^(api\.|healthz|logout|taal|test\.fout|bench\.|login_\.code|sessie\.|credentials\.status\.)/;

/** Every page a subject may open (the access matrix says "ok" or a redirect that lands on a page), plus a few extra. */
export function pagesFor(who: Who, ids: DemoIds): string[] {
  const paths = Object.entries(ACCESS_MATRIX)
    .filter(([file]) => !NOT_A_PAGE.test(file))
    .filter(([, route]) => ["ok", "redirect"].includes(expectedOutcome(route, who as Subject)))
    .map(([, route]) => route.path(ids));
  if (who === "anon")
    paths.push(
      "/bestaat-niet",
      "/uitnodiging/geen-echte-code-0000000000",
      "/bevestigen/geen-echte-code-0000000000",
      "/nieuw-wachtwoord/geen-echte-code-0000000000",
    );
  // The finished cohort too: certificates, a full attendance history.
  if (who === "t") paths.push(`/trainer/cohorten/${ids.c3}`, `/groepen/${ids.c3}/voortgang`, `/groepen/${ids.c3}/rooster`);
  if (who === "c") paths.push(`/coordinator/cohorten/${ids.c3}`);
  return [...new Set(paths)];
}

export async function contextFor(
  browser: Browser,
  who: Who,
  opts: { viewport: { width: number; height: number }; javaScriptEnabled?: boolean; deviceScaleFactor?: number; bypassCSP?: boolean },
) {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: "nl-NL", ...opts });
  if (who !== "anon") {
    const [name, value] = (await signInOverHttp(EMAIL[who])).split("=") as [string, string];
    await context.addCookies([{ name, value, url: baseUrl() }]);
  }
  return context;
}
