import { Migrator } from "kysely";
import { migrateToLatest } from "../../db/connect";
import { migrations } from "../../db/migrations";
import { createTestDb, type TestDb } from "../support/db";
import { refusal } from "../support/refusal";

/**
 * Migration 0016 moves the personal traces of lines written before it (the IP address, an e-mail
 * address as the subject of a sign-in line) out of the append-only audit log into `audit_traces`,
 * where retention can remove them (issue 24, point 11).
 */
describe("upgrading a database with sign-in lines from before audit_traces", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("empty");
  });
  afterAll(async () => t.close());

  it("moves IP and typed e-mail addresses to audit_traces, names the account as subject, and keeps the log append-only", async () => {
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("0015_certificate_name_audit_redaction");
    expect(down.error).toBeUndefined();

    const user = await t.db
      .insertInto("users")
      .values({
        email: "bestaat@voorbeeld.test",
        name: "Bestaat Wel",
        role: "participant",
        status: "active",
        created_at: "2026-01-01T00:00:00.000Z",
        updated_at: "2026-01-01T00:00:00.000Z",
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const line = (at: string, action: string, targetType: string | null, targetId: string | null, ip: string | null) =>
      t.db
        .insertInto("audit_log")
        .values({ at, actor_id: null, actor_role: null, action, target_type: targetType, target_id: targetId, outcome: "failure", ip, details: null })
        .returning("id")
        .executeTakeFirstOrThrow();
    const known = await line("2026-02-01T10:00:00.000Z", "auth.login", "email", "bestaat@voorbeeld.test", "192.0.2.10");
    const unknown = await line("2026-02-01T10:01:00.000Z", "auth.login", "email", "bestaat-niet@voorbeeld.test", "192.0.2.11");
    const other = await line("2026-02-01T10:02:00.000Z", "pop.read", "participant", String(user.id), "192.0.2.12");
    const noTrace = await line("2026-02-01T10:03:00.000Z", "demo.seed", null, null, null);

    await migrateToLatest(t.db);

    const lines = await t.db
      .selectFrom("audit_log")
      .select(["id", "action", "target_type", "target_id", "ip", "at"])
      .where("id", "in", [known.id, unknown.id, other.id, noTrace.id])
      .orderBy("id")
      .execute();
    expect(lines).toEqual([
      { id: known.id, action: "auth.login", target_type: "user", target_id: String(user.id), ip: null, at: "2026-02-01T10:00:00.000Z" },
      { id: unknown.id, action: "auth.login", target_type: null, target_id: null, ip: null, at: "2026-02-01T10:01:00.000Z" },
      { id: other.id, action: "pop.read", target_type: "participant", target_id: String(user.id), ip: null, at: "2026-02-01T10:02:00.000Z" },
      { id: noTrace.id, action: "demo.seed", target_type: null, target_id: null, ip: null, at: "2026-02-01T10:03:00.000Z" },
    ]);
    const traces = await t.db.selectFrom("audit_traces").select(["audit_id", "ip", "email", "created_at"]).orderBy("audit_id").execute();
    expect(traces).toEqual([
      { audit_id: known.id, ip: "192.0.2.10", email: "bestaat@voorbeeld.test", created_at: "2026-02-01T10:00:00.000Z" },
      { audit_id: unknown.id, ip: "192.0.2.11", email: "bestaat-niet@voorbeeld.test", created_at: "2026-02-01T10:01:00.000Z" },
      { audit_id: other.id, ip: "192.0.2.12", email: null, created_at: "2026-02-01T10:02:00.000Z" },
    ]);
    // After the one-off move the database refuses changes to the trail again.
    await expect(refusal(t.db.updateTable("audit_log").set({ ip: "192.0.2.1" }).where("id", "=", other.id).execute())).resolves.toMatch(/append-only/);
    await expect(refusal(t.db.deleteFrom("audit_log").where("id", "=", noTrace.id).execute())).resolves.toMatch(/append-only/);
  });
});
