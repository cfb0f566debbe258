import Database from "better-sqlite3";
import { readServerInfo } from "./server-info";
import { baseUrl, signInOverHttp } from "./support";

/** The funder's report has no person in it; the list with names is a separate, audited export. */
function read<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(readServerInfo().dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

describe("reports for funders", () => {
  let cookie = "";
  let cohortId = 0;
  beforeAll(async () => {
    cookie = await signInOverHttp("coordinator@leerlijn.test");
    // The demo cohort that ran earlier: it holds people who left, with their reasons.
    cohortId = read<{ id: number }>("select c.id from cohorts c join enrolments e on e.cohort_id = c.id where e.left_on is not null order by c.id limit 1")[0]
      .id;
  });

  it("the CSV of a cohort with leavers contains no name, e-mail address or outflow reason of a person", async () => {
    const res = await fetch(`${baseUrl()}/coordinator/rapportage/${cohortId}.csv`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer()).toString("utf8");
    const people = read<{ name: string; email: string; note: string | null }>(
      "select u.name, u.email, e.left_note as note from enrolments e join users u on u.id = e.participant_id where e.cohort_id = ?",
      cohortId,
    );
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      expect(bytes).not.toContain(p.name);
      expect(bytes).not.toContain(p.email);
      if (p.note) expect(bytes).not.toContain(p.note);
    }
    expect(bytes).not.toContain("@");
    expect(bytes).toContain("Onderdeel;Aantal of uren");
    // Small counts are suppressed; reasons appear only as categories with a count.
    expect(bytes).toMatch(/Uitgestroomd;(< 5|0|\d{2,}|[5-9])\r\n/);
    expect(bytes).toMatch(/Uitgestroomd, reden: Gezondheid;(< 5|0|[5-9]|\d{2,})\r\n/);
  });

  it("gives the list with names only for a stated purpose, and audits that purpose", async () => {
    const refused = await fetch(`${baseUrl()}/coordinator/namenlijst.csv?groep=${cohortId}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/coordinator/rapportage?lijst=ongeldig#namen");
    const page = await fetch(`${baseUrl()}/coordinator/rapportage?lijst=ongeldig`, { headers: { Cookie: cookie } });
    expect(await page.text()).toContain("Kies een groep en waarvoor je de lijst nodig hebt.");

    const before = read<{ n: number }>("select count(*) as n from audit_log where action = 'export.report.named'")[0].n;
    const res = await fetch(`${baseUrl()}/coordinator/namenlijst.csv?groep=${cohortId}&doel=begeleiding`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const someone = read<{ name: string }>(
      "select u.name from enrolments e join users u on u.id = e.participant_id where e.cohort_id = ? limit 1",
      cohortId,
    )[0];
    expect(text).toContain(someone.name);
    expect(text).not.toContain("Gezondheid");
    const rows = read<{ details: string }>("select details from audit_log where action = 'export.report.named' order by id desc limit 1");
    expect(read<{ n: number }>("select count(*) as n from audit_log where action = 'export.report.named'")[0].n).toBe(before + 1);
    expect(JSON.parse(rows[0].details)).toEqual({ purpose: "begeleiding" });
    // Not for a trainer.
    const trainer = await signInOverHttp("trainer@leerlijn.test");
    const denied = await fetch(`${baseUrl()}/coordinator/namenlijst.csv?groep=${cohortId}&doel=begeleiding`, {
      headers: { Cookie: trainer },
      redirect: "manual",
    });
    expect([302, 403, 404]).toContain(denied.status);
  });
});
