import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import type { Cell } from "../../app/rules/small-cells";
import { poolMonitoringTables } from "../../app/rules/pool-monitoring-tables";
import { audit } from "../../app/services/audit.server";
import { poolMonitoring, poolMonitoringCsv } from "../../app/services/pool-monitoring.server";
import { createSession } from "../../app/services/sessions.server";
import { loader as csvLoader } from "../../app/routes/coordinator.pool-cijfers[.]csv";
import { dutchDate } from "../../app/rules/csv";
import type { User } from "../../db/schema";
import { auditLines } from "../support/audit";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser } from "../support/factories";

/*
 * Issue 31, point 5: the pool's figures for the funder equal the records, with small counts
 * hidden and not to be worked out from a total. Real SQLite file, real queries; the rows are put
 * straight into the tables of migrations 0036 and 0038 and the audit trail (the request flow is
 * built elsewhere). Fixed dates: `today` is passed in.
 */

jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const TODAY = "2026-11-18";
const SECRET = ["GEHEIM-ERVARING", "GEHEIM-VRAAG", "Geheimstraat", "Pool Persoon", "pool-persoon", "06 99 88 77 66"];

let t: TestDb;
let coordinator: User;
let members: User[];
/** the buurtteam of the requests, made with the first one (each test has its own database) */
let team = 0;

beforeEach(async () => {
  t = await createTestDb("empty");
  setDb(t.db);
  coordinator = await makeUser(t.db, { role: "coordinator" });
  members = [];
  team = 0;
  for (let i = 0; i < 10; i++) members.push(await makeUser(t.db, { name: `Pool Persoon ${i}`, email: `pool-persoon-${i}@voorbeeld.test` }));
});
afterEach(() => t.close());

const v = (value: number): Cell => ({ kind: "value", value });
const small: Cell = { kind: "small" };
const hidden: Cell = { kind: "hidden" };

async function line(action: string, who: User, iso: string, outcome: "success" | "denied" = "success") {
  await audit(t.db, { actor: { id: who.id, role: who.role }, action, target: { type: "user", id: who.id }, outcome, at: new Date(iso) });
}

async function profile(who: User, stadsdelen: string[], languages: string[], pausedAt: string | null = null) {
  const at = "2026-01-10T09:00:00.000Z";
  await t.db
    .insertInto("pool_profiles")
    .values({
      participant_id: who.id,
      experience: "GEHEIM-ERVARING in eigen woorden",
      hours_per_week: 8,
      available_from: null,
      available_until: null,
      contact_phone: "06 99 88 77 66",
      contact_email: who.email,
      consent_at: at,
      paused_at: pausedAt,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.db
    .insertInto("pool_profile_tags")
    .values([
      ...stadsdelen.map((code) => ({ participant_id: who.id, kind: "stadsdeel" as const, code })),
      ...languages.map((code) => ({ participant_id: who.id, kind: "language" as const, code })),
      { participant_id: who.id, kind: "theme" as const, code: "schulden" },
    ])
    .execute();
}

async function request(r: { stadsdeel: string; language: string | null; hours: number; created: string; closed?: string }) {
  team ||= (
    await t.db
      .insertInto("buurtteams")
      .values({ name: "Buurtteam Geheimstraat", stadsdeel: "noord", created_at: "2025-01-01T09:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const row = await t.db
    .insertInto("pool_requests")
    .values({
      buurtteam_id: team,
      created_by: null,
      theme: "schulden",
      description: "GEHEIM-VRAAG over een gezin",
      stadsdeel: r.stadsdeel,
      language: r.language,
      period_from: "2026-01-01",
      period_until: "2026-12-31",
      hours_per_week: r.hours,
      status: r.closed ? "closed" : "open",
      created_at: r.created,
      updated_at: r.closed ?? r.created,
      closed_at: r.closed ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function invite(requestId: number, who: User, status: "invited" | "accepted" | "declined" | "withdrawn", invited: string, decided: string | null = null) {
  await t.db
    .insertInto("pool_invitations")
    .values({ request_id: requestId, participant_id: who.id, status, invited_by: null, invited_at: invited, decided_at: decided })
    .execute();
}

/** The pool's history in the audit trail, and today's pool in the tables (the same people). */
async function poolHistory() {
  const [p0, p1, p2, p3, p4, p5, p6, p7, p8] = members as [User, User, User, User, User, User, User, User, User];
  await line("pool.join", p0, "2025-12-20T10:00:00.000Z");
  await line("pool.leave", p0, "2026-01-05T10:00:00.000Z");
  for (const p of [p1, p2, p3, p4, p5, p6]) await line("pool.join", p, "2026-01-10T10:00:00.000Z");
  await line("pool.update", p4, "2026-01-20T10:00:00.000Z");
  await line("pool.join", p7, "2026-02-03T10:00:00.000Z");
  await line("pool.pause", p1, "2026-03-15T10:00:00.000Z");
  // A refused attempt is not a change.
  await line("pool.resume", p0, "2026-03-20T10:00:00.000Z", "denied");
  await line("pool.resume", p1, "2026-04-02T10:00:00.000Z");
  await line("pool.leave", p2, "2026-04-20T10:00:00.000Z");
  // Anonymising removes the profile too.
  await audit(t.db, {
    actor: { id: coordinator.id, role: "coordinator" },
    action: "person.anonymise",
    target: { type: "user", id: p3.id },
    at: new Date("2026-05-05T10:00:00Z"),
  });
  // 22:30 UTC on 31 May is 00:30 on 1 June in Amsterdam: June.
  await line("pool.join", p8, "2026-05-31T22:30:00.000Z");
  await profile(p1, ["noord", "oost"], ["nl"]);
  await profile(p4, ["noord"], ["nl", "tr"]);
  await profile(p5, ["noord"], ["nl", "tr"]);
  for (const p of [p6, p7, p8]) await profile(p, ["noord"], ["nl"]);
}

/** Nine requests made in 2026 (one at 00:30 on 1 January in Amsterdam), one on the last evening of 2025. */
async function requests() {
  const [a, b, c, d] = members as [User, User, User, User];
  const r0 = await request({ stadsdeel: "noord", language: "nl", hours: 3, created: "2025-12-31T22:30:00.000Z" });
  await invite(r0, a, "accepted", "2026-01-02T09:00:00.000Z", "2026-01-04T09:00:00.000Z");
  const r1 = await request({ stadsdeel: "noord", language: "nl", hours: 4, created: "2026-03-01T09:00:00.000Z", closed: "2026-04-01T09:00:00.000Z" });
  await invite(r1, a, "accepted", "2026-03-02T09:00:00.000Z", "2026-03-03T09:00:00.000Z");
  const r2 = await request({ stadsdeel: "noord", language: "nl", hours: 6, created: "2026-03-10T09:00:00.000Z" });
  await invite(r2, b, "declined", "2026-03-10T10:00:00.000Z", "2026-03-11T09:00:00.000Z");
  await invite(r2, c, "accepted", "2026-03-12T09:00:00.000Z", "2026-03-14T09:00:00.000Z");
  const r3 = await request({ stadsdeel: "noord", language: null, hours: 8, created: "2026-04-01T09:00:00.000Z" });
  await invite(r3, a, "accepted", "2026-04-01T10:00:00.000Z", "2026-04-02T09:00:00.000Z");
  await invite(r3, b, "accepted", "2026-04-01T10:00:00.000Z", "2026-04-10T09:00:00.000Z");
  const r4 = await request({ stadsdeel: "noord", language: "tr", hours: 2, created: "2026-05-01T09:00:00.000Z" });
  await invite(r4, d, "accepted", "2026-05-02T09:00:00.000Z", "2026-05-11T09:00:00.000Z");
  const r5 = await request({ stadsdeel: "oost", language: "nl", hours: 3, created: "2026-06-01T09:00:00.000Z", closed: "2026-07-01T09:00:00.000Z" });
  await invite(r5, a, "accepted", "2026-06-02T09:00:00.000Z", "2026-06-07T09:00:00.000Z");
  await request({ stadsdeel: "noord", language: "nl", hours: 5, created: "2026-07-01T09:00:00.000Z" });
  const r7 = await request({ stadsdeel: "noord", language: "nl", hours: 4, created: "2026-08-01T09:00:00.000Z" });
  await invite(r7, b, "invited", "2026-08-02T09:00:00.000Z");
  const r8 = await request({ stadsdeel: "noord", language: "nl", hours: 10, created: "2026-09-01T09:00:00.000Z", closed: "2026-10-01T09:00:00.000Z" });
  await invite(r8, c, "declined", "2026-09-02T09:00:00.000Z", "2026-09-03T09:00:00.000Z");
  const r9 = await request({ stadsdeel: "noord", language: "nl", hours: 1, created: "2025-12-31T23:30:00.000Z" });
  await invite(r9, d, "withdrawn", "2026-01-02T09:00:00.000Z", "2026-01-03T09:00:00.000Z");
}

const row = (rows: { code: string | null; count: Cell }[], code: string | null) => rows.find((r) => r.code === code)?.count;

describe("the pool's figures for the funder", () => {
  it("counts the pool at the end of each month from the audit trail: joins, pauses, resumes, leaving and anonymising", async () => {
    await poolHistory();
    const m = await poolMonitoring(t.db, 2026, { today: TODAY });
    expect(m.asOf).toBe(TODAY);
    expect(m.years).toEqual([2026, 2025]);
    expect(m.months.map((r) => r.day)).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
      "2026-07-31",
      "2026-08-31",
      "2026-09-30",
      "2026-10-31",
      TODAY,
    ]);
    const [jan, feb, mar, apr, may, jun, , , , , nov] = m.months;
    // p0 left on 5 January; p1–p6 joined.
    expect(jan).toMatchObject({ total: v(6), active: v(6), paused: v(0) });
    expect(feb).toMatchObject({ total: v(7), active: v(7), paused: v(0) });
    // One paused: "< 5", and the 6 available would give it away (7 − 6), so that is not shown either.
    expect(mar).toMatchObject({ total: v(7), active: hidden, paused: small });
    // p1 back, p2 left.
    expect(apr).toMatchObject({ total: v(6), active: v(6), paused: v(0) });
    // p3 anonymised; p8 joined at 00:30 on 1 June (Amsterdam), so not yet in May.
    expect(may).toMatchObject({ total: v(5), active: v(5), paused: v(0) });
    expect(jun).toMatchObject({ total: v(6), active: v(6), paused: v(0) });
    expect(nov).toMatchObject({ total: v(6), active: v(6), paused: v(0) });

    // The year before: only p0, from 20 December: "< 5".
    const before = await poolMonitoring(t.db, 2025, { today: TODAY });
    expect(before.asOf).toBe("2025-12-31");
    expect(before.months).toHaveLength(12);
    expect(before.months[10]).toMatchObject({ total: v(0), active: v(0), paused: v(0) });
    expect(before.months[11]).toMatchObject({ day: "2025-12-31", total: small, active: small, paused: v(0) });
  });

  it("counts today's members per stadsdeel and language they chose, small ones as '< 5'", async () => {
    await poolHistory();
    const m = await poolMonitoring(t.db, 2026, { today: TODAY });
    expect(m.now).toMatchObject({ total: v(6), active: v(6), paused: v(0) });
    expect(row(m.now.byStadsdeel, "noord")).toEqual(v(6));
    expect(row(m.now.byStadsdeel, "oost")).toEqual(small);
    expect(row(m.now.byStadsdeel, "zuidoost")).toEqual(v(0));
    expect(m.now.byStadsdeel.map((r) => r.code)).toEqual(["centrum", "nieuw_west", "noord", "oost", "west", "zuid", "zuidoost", "weesp"]);
    expect(row(m.now.byLanguage, "nl")).toEqual(v(6));
    expect(row(m.now.byLanguage, "tr")).toEqual(small);
    // A pause now shows in today's figures (from the table itself). 6 = 5 + 1: the 5 available
    // (at least 5 when hidden) would still give the 1 away, so the total is not shown either.
    await t.db.updateTable("pool_profiles").set({ paused_at: "2026-11-17T09:00:00.000Z" }).where("participant_id", "=", members[6]!.id).execute();
    expect((await poolMonitoring(t.db, 2026, { today: TODAY })).now).toMatchObject({ total: hidden, active: hidden, paused: small });
  });

  it("counts requests, hours asked and matched, waiting time and invitations as the records say", async () => {
    await requests();
    const m = await poolMonitoring(t.db, 2026, { today: TODAY });
    const r = m.requests;
    // r1–r9: nine requests (r9 at 00:30 on 1 January in Amsterdam), r0 is in 2025.
    expect(r.total).toEqual(v(9));
    // 3 closed: "< 5"; the 6 open would give it away (9 − 6).
    expect(r.closed).toEqual(small);
    expect(r.open).toEqual(hidden);
    // r1–r5 matched; r6, r7, r9 wait; r8 closed without a yes. The two small ones can each still be 1 to 3.
    expect(r.matched).toEqual(v(5));
    expect(r.waiting).toEqual(small);
    expect(r.closedUnmatched).toEqual(small);
    // 4 + 6 + 8 + 2 + 3 + 5 + 4 + 10 + 1 asked; 4 + 6 + 8 + 2 + 3 matched.
    expect(r.hoursRequested).toEqual(v(43));
    expect(r.hoursMatched).toEqual(v(23));
    // Days to the first yes: 2, 4 (after a no), 1 (the second yes does not count), 10, 6: the middle one is 4.
    expect(r.medianDaysToMatch).toEqual(v(4));
    // Per stadsdeel: Oost 1 ("< 5"), so Noord (8) is hidden too: 9 − 8 would give it away.
    expect(row(r.byStadsdeel, "noord")).toEqual(hidden);
    expect(row(r.byStadsdeel, "oost")).toEqual(small);
    expect(row(r.byStadsdeel, "west")).toEqual(v(0));
    // Per language: Turkish 1 and no preference 1; with Dutch (7) shown both would be 1, so Dutch is hidden.
    expect(row(r.byLanguage, "nl")).toEqual(hidden);
    expect(row(r.byLanguage, "tr")).toEqual(small);
    expect(row(r.byLanguage, null)).toEqual(small);
    expect(row(r.byLanguage, "ar")).toEqual(v(0));
    // 10 invitations: 6 yes, 2 no, 1 withdrawn, 1 without an answer.
    expect(m.invitations).toEqual({ total: v(10), accepted: v(6), declined: small, withdrawn: small, unanswered: small });
  });

  it("counts a past year up to its last day: what happened later does not change it", async () => {
    await requests();
    const m = await poolMonitoring(t.db, 2025, { today: TODAY });
    // r0, made at 23:30 on 31 December in Amsterdam and accepted in January: still waiting then.
    expect(m.requests).toMatchObject({
      total: small,
      matched: v(0),
      waiting: small,
      closedUnmatched: v(0),
      hoursRequested: hidden,
      medianDaysToMatch: { kind: "none" },
    });
    expect(m.invitations).toEqual({ total: v(0), accepted: v(0), declined: v(0), withdrawn: v(0), unanswered: v(0) });
  });

  it("keeps a match the team later withdrew: the yes in the audit trail counts", async () => {
    const [a] = members as [User];
    for (let i = 0; i < 5; i++) {
      const id = await request({ stadsdeel: "west", language: "nl", hours: 2 + i, created: `2026-02-0${i + 1}T09:00:00.000Z` });
      // The member said yes two days later (as respondToInvitation writes it); the team withdrew it afterwards.
      await invite(id, a, "withdrawn", `2026-02-0${i + 1}T10:00:00.000Z`, "2026-03-01T09:00:00.000Z");
      await audit(t.db, {
        actor: { id: a.id, role: "participant" },
        action: "poolInvitation.accept",
        target: { type: "pool_invitation", id: 1000 + i },
        details: { request: id },
        at: new Date(`2026-02-0${i + 3}T09:00:00.000Z`),
      });
    }
    const m = await poolMonitoring(t.db, 2026, { today: TODAY });
    expect(m.requests).toMatchObject({ total: v(5), matched: v(5), waiting: v(0), hoursRequested: v(20), hoursMatched: v(20), medianDaysToMatch: v(2) });
    // Asked on 4 February: only the yeses until then count.
    expect((await poolMonitoring(t.db, 2026, { today: "2026-02-04" })).requests).toMatchObject({ matched: small, waiting: small });
  });

  it("does not show hours and the waiting time of fewer than 5 requests", async () => {
    const [a] = members as [User];
    for (let i = 0; i < 3; i++) {
      const id = await request({ stadsdeel: "west", language: "nl", hours: 4 + i, created: `2026-02-0${i + 1}T09:00:00.000Z` });
      await invite(id, members[i + 1] ?? a, "accepted", `2026-02-0${i + 1}T10:00:00.000Z`, `2026-02-0${i + 3}T09:00:00.000Z`);
    }
    const r = (await poolMonitoring(t.db, 2026, { today: TODAY })).requests;
    expect(r).toMatchObject({ total: small, matched: small, hoursRequested: hidden, hoursMatched: hidden, medianDaysToMatch: hidden });
  });

  it("holds no name, person, id or text: only codes, days and cells", async () => {
    await poolHistory();
    await requests();
    const m = await poolMonitoring(t.db, 2026, { today: TODAY });
    const text = JSON.stringify(m);
    for (const s of SECRET) expect(text).not.toContain(s);
    const keys = new Set<string>();
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === "object")
        for (const [k, val] of Object.entries(x)) {
          keys.add(k);
          walk(val);
        }
    };
    walk(m);
    expect([...keys].sort()).toEqual(
      [
        "year",
        "years",
        "asOf",
        "today",
        "months",
        "day",
        "total",
        "active",
        "paused",
        "now",
        "byStadsdeel",
        "byLanguage",
        "code",
        "count",
        "requests",
        "open",
        "closed",
        "matched",
        "waiting",
        "closedUnmatched",
        "hoursRequested",
        "hoursMatched",
        "medianDaysToMatch",
        "invitations",
        "accepted",
        "declined",
        "withdrawn",
        "unanswered",
        "alumni",
        "activeInIntervisie",
        "kind",
        "value",
      ].sort(),
    );
  });

  it("gives the CSV the same figures and hiding, without a name or text, and audits the download", async () => {
    await poolHistory();
    await requests();
    const { body, fileName } = await poolMonitoringCsv(t.db, coordinator, 2026, { today: TODAY, ip: "192.0.2.5" });
    expect(fileName).toBe("pool-cijfers-2026.csv");
    expect(body.startsWith("\uFEFFTabel;Onderdeel;Aantal, uren of dagen\r\n")).toBe(true);
    for (const s of SECRET) expect(body).not.toContain(s);
    const lines = body.split("\r\n");
    const requestsCaption = "Vragen uit 2026 (stand op 18-11-2026)";
    expect(lines).toContain(`${requestsCaption};Vragen;9`);
    expect(lines).toContain(`${requestsCaption};Nog open;niet getoond`);
    expect(lines).toContain(`${requestsCaption};Gesloten;< 5`);
    expect(lines).toContain(`${requestsCaption};Uren per week gevraagd (alle vragen samen);43`);
    expect(lines).toContain(`${requestsCaption};Dagen tot iemand ja zei (de middelste van alle vragen);4`);
    expect(lines).toContain("Vragen uit 2026 per stadsdeel;Oost;< 5");
    expect(lines).toContain("Vragen uit 2026 per taal;Geen voorkeur;< 5");
    expect(lines).toContain("Grootte van de pool in 2026, aan het eind van elke maand;Op 31-03-2026: met pauze;< 5");
    expect(lines).toContain("Grootte van de pool in 2026, aan het eind van elke maand;Op 31-03-2026: beschikbaar;niet getoond");
    expect(lines).toContain("Grootte van de pool in 2026, aan het eind van elke maand;Op 31-03-2026: in de pool;7");
    // Every figure of the page is a row of the CSV.
    const tables = poolMonitoringTables(await poolMonitoring(t.db, 2026, { today: TODAY }), "nl", dutchDate);
    expect(lines.length - 2).toBe(tables.reduce((a, tb) => a + tb.rows.length, 0));
    const exports = await auditLines(t.db)
      .select(["action", "actor_id", "target_type", "target_id", "ip"])
      .where("action", "=", "export.report.pool.csv")
      .execute();
    expect(exports).toEqual([{ action: "export.report.pool.csv", actor_id: coordinator.id, target_type: "year", target_id: "2026", ip: "192.0.2.5" }]);
  });

  it("shows the alumni in intervisie: counted from the attendance by default, '< 5' when small", async () => {
    const seen: { from: string; to: string }[] = [];
    const count = (n: number) => async (range: { from: string; to: string }) => {
      seen.push(range);
      return n;
    };
    // By default the count comes from the records (countActiveAlumniInIntervisie, tested in
    // alumni-intervisie.test.ts): none here, shown as 0.
    expect((await poolMonitoring(t.db, 2026, { today: TODAY })).alumni).toEqual({ activeInIntervisie: v(0) });
    const m = await poolMonitoring(t.db, 2026, { today: TODAY, activeAlumniInIntervisie: count(7) });
    expect(m.alumni.activeInIntervisie).toEqual(v(7));
    expect((await poolMonitoring(t.db, 2025, { today: TODAY, activeAlumniInIntervisie: count(3) })).alumni.activeInIntervisie).toEqual(small);
    expect(seen).toEqual([
      { from: "2026-01-01", to: TODAY },
      { from: "2025-01-01", to: "2025-12-31" },
    ]);
    const alumni = poolMonitoringTables(m, "nl", dutchDate).find((tb) => tb.id === "alumni");
    expect(alumni?.rows).toEqual([["Oud-deelnemers die meedoen aan intervisie", v(7)]]);
  });

  it("lets only a coordinator download the CSV", async () => {
    const get = async (user: User) => {
      const { token } = await createSession(t.db, user.id);
      const cookie = (await sessionCookie.serialize(token)).split(";")[0]!;
      const req = new Request("http://localhost/coordinator/pool-cijfers.csv?jaar=2025", { headers: { Cookie: cookie } });
      try {
        return await csvLoader({ request: req, params: {}, context: { clientIp: "192.0.2.6" } as unknown as AppLoadContext } as LoaderFunctionArgs);
      } catch (e) {
        if (e instanceof Response) return e;
        throw e;
      }
    };
    const ok = await get(coordinator);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("Content-Disposition")).toBe('attachment; filename="pool-cijfers-2025.csv"');
    expect(await ok.text()).toContain("Vragen uit 2025");
    const refused = await get(members[0]!);
    expect(refused.status).toBe(403);
    const trainer = await makeUser(t.db, { role: "trainer" });
    expect((await get(trainer)).status).toBe(403);
  });
});
