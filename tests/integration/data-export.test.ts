import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { sql } from "kysely";
import type { DB } from "../../db/connect";
import { EXPORT_COVERAGE, buildParticipantExport, collectParticipantData } from "../../app/services/data-export.server";
import { EXPORT_SECTIONS, type DataExport } from "../../app/services/data-export-sections.server";
import { createTestDb, type TestDb } from "../support/db";
import { foreignKeys, tableColumns, tableNames } from "../support/schema";
import { userByEmail } from "../support/factories";
import { currentTime } from "../../app/clock.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb("demo");
});
afterAll(() => t.close());

/** Person columns (read from SQLite's or PostgreSQL's catalogue): participant_id, user_id, actor_id, or any column that references users. */
async function tablesWithPeople(db: DB): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of await tableNames(db)) {
    const cols = await tableColumns(db, name);
    const fks = await foreignKeys(db, name);
    const people = new Set([
      ...cols.map((c) => c.name).filter((c) => ["participant_id", "user_id", "actor_id"].includes(c)),
      ...fks.filter((f) => f.table === "users").map((f) => f.from),
    ]);
    if (name === "users") people.add("id");
    if (people.size > 0) out.set(name, [...people]);
  }
  return out;
}

async function uncovered(db: DB): Promise<string[]> {
  return [...(await tablesWithPeople(db)).keys()].filter((name) => !(name in EXPORT_COVERAGE)).sort();
}

function unzip(zip: Uint8Array) {
  return unzipSync(zip);
}

function pdfText(pdf: Uint8Array): string {
  const file = path.join(os.tmpdir(), `export-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("data export coverage", () => {
  it("covers (or explicitly excludes) every table that holds a person, read from the database's own schema", async () => {
    const found = await tablesWithPeople(t.db);
    // The schema really has such tables (a broken introspection would make this test pass on nothing).
    expect(found.size).toBeGreaterThan(20);
    expect(found.get("practice_entries")).toContain("participant_id");
    expect(await uncovered(t.db)).toEqual([]);
    for (const name of Object.keys(EXPORT_COVERAGE)) expect({ name, exists: found.has(name) || name === "login_attempts" }).toEqual({ name, exists: true });
  });

  it("notices a new table with a participant_id that the export does not cover", async () => {
    const scratch = await createTestDb("empty");
    try {
      await sql`create table coaching_notes (id integer primary key, participant_id integer not null, text text)`.execute(scratch.db);
      await sql`create table mentor_links (id integer primary key, mentor integer references users(id))`.execute(scratch.db);
      expect(await uncovered(scratch.db)).toEqual(["coaching_notes", "mentor_links"]);
    } finally {
      await scratch.close();
    }
  });

  it("exports every row of every participant table that is about the participant", async () => {
    const people = await tablesWithPeople(t.db);
    for (const email of ["deelnemer1@leerlijn.test", "deelnemer15@leerlijn.test", "deelnemer17@leerlijn.test"]) {
      const me = await userByEmail(t.db, email);
      const { data } = await collectParticipantData(t.db, me, "nl");
      expect(Object.keys(data.sections).sort()).toEqual([...EXPORT_SECTIONS].sort());
      for (const [table, coverage] of Object.entries(EXPORT_COVERAGE)) {
        if (!("section" in coverage)) continue;
        const section = data.sections[coverage.section];
        expect(section.uitleg.length).toBeGreaterThan(20);
        if (!people.get(table)?.includes("participant_id")) continue;
        const { count } = await t.db
          .selectFrom(table as "attendance")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where(sql.ref("participant_id"), "=", me.id)
          .executeTakeFirstOrThrow();
        expect({ email, table, rows: section.rows.length }).toEqual({ email, table, rows: Number(count) });
      }
      expect(data.sections.account.rows).toEqual([expect.objectContaining({ id: me.id, email: me.email, name: me.name })]);
      expect(JSON.stringify(data.sections.account.rows)).not.toContain("password");
    }
  });
});

describe("a participant's ZIP", () => {
  it("holds their data, the readable PDF and their certificate, and none of another participant's data", async () => {
    const me = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    const cohortOf = async (id: number) =>
      (await t.db.selectFrom("enrolments").select("cohort_id").where("participant_id", "=", id).executeTakeFirstOrThrow()).cohort_id;
    // A classmate in the same cohort (and, where there is one, the same intervisie group).
    const myGroup = await t.db.selectFrom("intervisie_group_members").select("group_id").where("participant_id", "=", me.id).executeTakeFirst();
    const classmateId = myGroup
      ? (
          await t.db
            .selectFrom("intervisie_group_members")
            .select("participant_id")
            .where("group_id", "=", myGroup.group_id)
            .where("participant_id", "!=", me.id)
            .executeTakeFirstOrThrow()
        ).participant_id
      : (
          await t.db
            .selectFrom("enrolments")
            .select("participant_id")
            .where("cohort_id", "=", await cohortOf(me.id))
            .where("participant_id", "!=", me.id)
            .executeTakeFirstOrThrow()
        ).participant_id;
    const other = await t.db.selectFrom("users").selectAll().where("id", "=", classmateId).executeTakeFirstOrThrow();

    // Markers in both people's records: mine must be in the export, theirs never.
    const now = currentTime().toISOString();
    const meeting = await t.db
      .selectFrom("course_sessions")
      .select("id")
      .where("cohort_id", "=", await cohortOf(me.id))
      .where("type", "=", "intervisie")
      .executeTakeFirstOrThrow();
    for (const [who, marker] of [
      [me.id, "MIJN-REFLECTIE-7731"],
      [other.id, "ANDER-REFLECTIE-4402"],
    ] as const) {
      await t.db.deleteFrom("intervisie_reflections").where("session_id", "=", meeting.id).where("participant_id", "=", who).execute();
      await t.db
        .insertInto("intervisie_reflections")
        .values({ session_id: meeting.id, participant_id: who, text: marker, created_at: now, updated_at: now })
        .execute();
      await t.db
        .insertInto("practice_entries")
        .values({
          participant_id: who,
          date: "2025-01-06",
          minutes: 60,
          activity: "gesprek",
          description: `${marker}-PRAKTIJK`,
          reflection: "",
          status: "open",
          decided_how: null,
          decided_by: null,
          decided_by_name: null,
          decided_link_id: null,
          decision_comment: null,
          decided_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }

    const { zip, files } = await buildParticipantExport(t.db, me, "nl", { ip: "10.0.0.7" });
    const entries = unzip(zip);
    const certs = await t.db.selectFrom("certificates").select(["number", "pdf"]).where("participant_id", "=", me.id).execute();
    expect(certs.length).toBeGreaterThan(0);
    expect(Object.keys(entries).sort()).toEqual(["gegevens.json", "gegevens.pdf", ...certs.map((c) => `certificaat-${c.number}.pdf`)].sort());
    expect(files.sort()).toEqual(Object.keys(entries).sort());
    for (const c of certs) expect(Buffer.from(entries[`certificaat-${c.number}.pdf`]).equals(c.pdf)).toBe(true);

    const jsonText = strFromU8(entries["gegevens.json"]);
    const data = JSON.parse(jsonText) as DataExport;
    expect(data.participant).toEqual({ id: me.id, name: me.name });
    expect(data.uitleg).toMatch(/alle gegevens/);
    for (const key of EXPORT_SECTIONS) expect(typeof data.sections[key].uitleg).toBe("string");
    expect(jsonText).toContain("MIJN-REFLECTIE-7731");
    expect(jsonText).toContain("MIJN-REFLECTIE-7731-PRAKTIJK");
    expect(data.sections.certificates.rows).toHaveLength(certs.length);
    expect(jsonText).not.toMatch(/"pdf"\s*:/);

    const text = pdfText(entries["gegevens.pdf"]);
    expect(text).toContain(`Mijn gegevens: ${me.name}`);
    expect(text).toContain("MIJN-REFLECTIE-7731");
    expect(text).toContain(certs[0].number);
    // The newest POP in full, with the competency's title rather than its code.
    expect(text).toContain("De nieuwste versie van je POP");
    expect(text).toContain("Bij welke competentie hoort dit?: Contact en communicatie");

    // Nothing of any other participant: not their texts, not their name, not their e-mail address.
    const others = await t.db.selectFrom("users").select(["name", "email"]).where("role", "=", "participant").where("id", "!=", me.id).execute();
    expect(others.length).toBeGreaterThan(10);
    for (const haystack of [jsonText, text]) {
      expect(haystack).not.toContain("ANDER-REFLECTIE-4402");
      for (const o of others) {
        expect({ other: o.email, found: haystack.includes(o.email) }).toEqual({ other: o.email, found: false });
        expect({ other: o.name, found: haystack.includes(o.name) }).toEqual({ other: o.name, found: false });
      }
    }
    // No secrets: no password hash, no session or link token hashes.
    const hash = (await t.db.selectFrom("users").select("password_hash").where("id", "=", me.id).executeTakeFirstOrThrow()).password_hash!;
    expect(jsonText).not.toContain(hash);
    expect(jsonText).not.toContain("token_hash");

    const logged = await t.db
      .selectFrom("audit_log as a")
      .leftJoin("audit_traces as tr", "tr.audit_id", "a.id")
      .select(["a.target_type", "a.target_id", "a.outcome", "a.ip", "tr.ip as traceIp"])
      .where("a.action", "=", "data.export")
      .where("a.actor_id", "=", me.id)
      .execute();
    expect(logged).toEqual([{ target_type: "participant", target_id: String(me.id), ip: null, traceIp: "10.0.0.7", outcome: "success" }]);
  });

  it("shows the judgement of an interview only once it is finished", async () => {
    const me = await userByEmail(t.db, "deelnemer16@leerlijn.test");
    const planned = await t.db
      .selectFrom("interviews")
      .selectAll()
      .where("participant_id", "=", me.id)
      .where("status", "=", "gepland")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("interviews").set({ motivation: "CONCEPT-MOTIVATIE-991", outcome: "geslaagd" }).where("id", "=", planned.id).execute();
    const { data } = await collectParticipantData(t.db, me, "nl");
    const row = data.sections.interviews.rows.find((r) => r.id === planned.id)!;
    expect(row).toEqual(expect.objectContaining({ status: "gepland", outcome: null, motivation: null, criteria: [], competencies: [] }));
    expect((row.assessors as { name: string }[]).map((a) => a.name).sort()).toEqual(["Henk Mulder", "Karin Smits"]);
    expect(JSON.stringify(data)).not.toContain("CONCEPT-MOTIVATIE-991");
  });
});
