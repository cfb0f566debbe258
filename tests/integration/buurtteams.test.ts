import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { Migrator, sql } from "kysely";
import { sessionCookie } from "../../app/auth.server";
import { setDb } from "../../app/db.server";
import { action as buurtteamsAction, loader as buurtteamsLoader } from "../../app/routes/coordinator.buurtteams";
import { createBuurtteam, createTeamCoordinator, listBuurtteams } from "../../app/services/buurtteams.server";
import { createSession } from "../../app/services/sessions.server";
import { changeRole } from "../../app/services/users.server";
import { isPostgres } from "../../db/dialect";
import { migrateToLatest } from "../../db/connect";
import { migrations } from "../../db/migrations";
import { auditLines } from "../support/audit";
import { createTestDb, type TestDb } from "../support/db";
import { makeUser, userByEmail } from "../support/factories";

/*
 * Issue 31, point 3: the buurtteam-coördinator role (migration 0038) and the coordinator's page
 * for buurtteams. Real database file, real queries.
 */

jest.mock("@utrecht/component-library-react", () => ({}), { virtual: true });

const IP = "192.0.2.38";
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb("demo");
  setDb(t.db);
});
afterEach(() => t.close());

async function cookieOf(userId: number) {
  const { token } = await createSession(t.db, userId);
  return (await sessionCookie.serialize(token)).split(";")[0]!;
}

const context = { clientIp: IP } as unknown as AppLoadContext;

async function post(userId: number, fields: Record<string, string>) {
  const request = new Request("http://localhost/coordinator/buurtteams", {
    method: "POST",
    headers: { Cookie: await cookieOf(userId), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  try {
    const answer = await buurtteamsAction({ request, params: {}, context } as ActionFunctionArgs);
    const status = (answer as { init?: { status?: number } })?.init?.status ?? 200;
    return { status, body: ((answer as { data?: unknown })?.data ?? answer) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: {} };
    throw e;
  }
}

async function getPage(userId: number) {
  const request = new Request("http://localhost/coordinator/buurtteams", { headers: { Cookie: await cookieOf(userId) } });
  try {
    return await buurtteamsLoader({ request, params: {}, context } as LoaderFunctionArgs);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

describe("migration 0038: the role buurtteam-coördinator", () => {
  it("is refused before and accepted after, with every person, id, reference and trigger kept", async () => {
    const before = await t.db.selectFrom("users").select(["id", "email", "role", "password_hash"]).orderBy("id").execute();
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0037_credential_name_choice")).error).toBeUndefined();
    // Going back removes the demo's buurtteam-coördinator (the old check cannot hold them) and no one else.
    const down = await t.db.selectFrom("users").select(["id", "email", "role", "password_hash"]).orderBy("id").execute();
    expect(down).toEqual(before.filter((u) => u.role !== "team_coordinator"));
    await expect(makeUser(t.db, { role: "team_coordinator" })).rejects.toMatchObject({ message: expect.stringMatching(/CHECK|check constraint/i) });

    await migrateToLatest(t.db);
    expect(await t.db.selectFrom("users").select(["id", "email", "role", "password_hash"]).orderBy("id").execute()).toEqual(down);
    const made = await makeUser(t.db, { role: "team_coordinator" });
    expect(made.role).toBe("team_coordinator");
    // A new id is above every id given before (AUTOINCREMENT's counter was kept on SQLite).
    expect(made.id).toBeGreaterThan(Math.max(...before.map((u) => u.id)));
    await expect(makeUser(t.db, { role: "admin" as never })).rejects.toMatchObject({ message: expect.stringMatching(/CHECK|check constraint/i) });

    // Other tables still point at users: a session of an unknown person is refused, a deleted person's sessions go with them.
    await expect(createSession(t.db, 99_999_999)).rejects.toMatchObject({ message: expect.stringMatching(/FOREIGN KEY|foreign key/i) });
    await createSession(t.db, made.id);
    await t.db.deleteFrom("users").where("id", "=", made.id).execute();
    expect(await t.db.selectFrom("auth_sessions").select("id").where("user_id", "=", made.id).execute()).toEqual([]);
    if (!isPostgres(t.db)) {
      const triggers = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'users' order by name`.execute(t.db);
      expect(triggers.rows.map((r) => r.name)).toEqual(["progress_users_del", "progress_users_ins", "progress_users_upd"]);
      expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);
    }
  });
});

describe("buurtteams and their buurtteam-coördinatoren", () => {
  it("the demo has Buurtteam Noord-Oost with its buurtteam-coördinator, and a team without one", async () => {
    const teams = await listBuurtteams(t.db);
    expect(teams.map((x) => [x.name, x.stadsdeel, x.coordinators.map((c) => c.email)])).toEqual([
      ["Buurtteam Noord-Oost", "noord", ["buurtteam@leerlijn.test"]],
      ["Buurtteam Zuidoost-Holendrecht", "zuidoost", []],
    ]);
  });

  it("a team name is used once; a buurtteam-coördinator is tied to a team that exists", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const id = await createBuurtteam(t.db, coordinator, { name: "Buurtteam West", stadsdeel: "west" });
    await expect(createBuurtteam(t.db, coordinator, { name: "Buurtteam West", stadsdeel: "noord" })).rejects.toMatchObject({
      messageKey: "buurtteams.name.taken",
    });
    await expect(createTeamCoordinator(t.db, coordinator, { name: "Els de Boer", email: "els@voorbeeld.test", buurtteamId: 99_999 })).rejects.toMatchObject({
      messageKey: "buurtteams.team.required",
    });
    // Nothing half made.
    expect(await t.db.selectFrom("users").select("id").where("email", "=", "els@voorbeeld.test").execute()).toEqual([]);

    const els = await createTeamCoordinator(t.db, coordinator, { name: "Els de Boer", email: "els@voorbeeld.test", buurtteamId: id });
    expect([els.role, els.status]).toEqual(["team_coordinator", "invited"]);
    expect(await t.db.selectFrom("team_coordinators").selectAll().where("user_id", "=", els.id).execute()).toEqual([{ user_id: els.id, buurtteam_id: id }]);
    const lines = await auditLines(t.db)
      .select(["action", "target_id"])
      .where("actor_id", "=", coordinator.id)
      .where("action", "like", "buurtteam%")
      .orderBy("id")
      .execute();
    expect(lines).toEqual([
      { action: "buurtteam.create", target_id: String(id) },
      { action: "buurtteam.coordinator.add", target_id: String(els.id) },
    ]);
  });

  it("the role is only given with a team: /coordinator/mensen refuses it; another role ends the tie to the team", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const trainer = await makeUser(t.db, { role: "trainer" });
    await expect(changeRole(t.db, coordinator, trainer.id, "team_coordinator")).rejects.toMatchObject({ messageKey: "people.roleTeam" });
    const nadia = await userByEmail(t.db, "buurtteam@leerlijn.test");
    await changeRole(t.db, coordinator, nadia.id, "trainer");
    expect(await t.db.selectFrom("team_coordinators").select("user_id").where("user_id", "=", nadia.id).execute()).toEqual([]);
  });

  it("the page: coordinators add a team and invite its buurtteam-coördinator; others are refused", async () => {
    const coordinator = await userByEmail(t.db, "coordinator@leerlijn.test");
    const nadia = await userByEmail(t.db, "buurtteam@leerlijn.test");
    const participant = await userByEmail(t.db, "deelnemer15@leerlijn.test");
    for (const who of [nadia, participant]) {
      expect(((await getPage(who.id)) as Response).status).toBe(403);
      expect((await post(who.id, { intent: "team", name: "Buurtteam Oost", stadsdeel: "oost" })).status).toBe(403);
    }
    expect(await t.db.selectFrom("buurtteams").select("id").where("name", "=", "Buurtteam Oost").execute()).toEqual([]);

    const bad = await post(coordinator.id, { intent: "team", name: "", stadsdeel: "mars" });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ name: "form.name.required", stadsdeel: "buurtteams.stadsdeel.required" });

    const made = await post(coordinator.id, { intent: "team", name: "Buurtteam Oost", stadsdeel: "oost" });
    expect(made.body).toMatchObject({ ok: true, message: { key: "buurtteams.team.created" } });
    const team = await t.db.selectFrom("buurtteams").select("id").where("name", "=", "Buurtteam Oost").executeTakeFirstOrThrow();
    const invited = await post(coordinator.id, { intent: "coordinator", name: "Sem Visser", email: "sem@voorbeeld.test", buurtteamId: String(team.id) });
    expect(invited.body).toMatchObject({ ok: true, invite: { email: "sem@voorbeeld.test" } });
    expect((invited.body.invite as { link: string }).link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{20,}$/);
    const sem = await userByEmail(t.db, "sem@voorbeeld.test");
    expect(sem.role).toBe("team_coordinator");
    const page = (await getPage(coordinator.id)) as Awaited<ReturnType<typeof buurtteamsLoader>>;
    expect(page.teams.find((x) => x.name === "Buurtteam Oost")?.coordinators.map((c) => [c.name, c.status])).toEqual([["Sem Visser", "invited"]]);
  });
});
