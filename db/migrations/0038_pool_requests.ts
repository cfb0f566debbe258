import { type ColumnDefinitionBuilder, type Kysely, sql, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const OLD_ROLES = sql`role in ('participant','trainer','examiner','coordinator')`;
const NEW_ROLES = sql`role in ('participant','trainer','examiner','coordinator','team_coordinator')`;

/**
 * Issue 31, point 3: requests from buurtteams to the pool of ervaringsdeskundigen
 * (docs/decisions/024-pool-requests.md).
 *
 * - A fifth role, `team_coordinator` (buurtteam-coördinator). PostgreSQL changes the check on
 *   `users.role` in place. SQLite cannot change a check constraint, so `users` is built again
 *   (SQLite's own procedure: foreign keys off, new table, copy with the same ids, drop, rename,
 *   the triggers made again from their stored text, the foreign keys checked, foreign keys on).
 * - `buurtteams`: the teams, each in one stadsdeel. `team_coordinators`: which team a
 *   buurtteam-coördinator works for (one).
 * - `pool_requests`: what a team asks for (kind of support as a theme code and in words, stadsdeel,
 *   language or none, period, hours per week), open until closed.
 * - `pool_invitations`: a pool member invited for a request: invited, accepted, declined, or
 *   withdrawn by the team. Contact details are never copied here: they are read from the member's
 *   pool profile, and only for an accepted invitation.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  if (sqlite) await rebuildUsersSqlite(db, NEW_ROLES);
  else {
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql`alter table users add constraint users_role_check check (${NEW_ROLES})`.execute(db);
  }

  await db.schema
    .createTable("buurtteams")
    .addColumn("id", id, idCol)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("stadsdeel", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("team_coordinators")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("buurtteam_id", "integer", (c) => c.notNull().references("buurtteams.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("team_coordinators_team").on("team_coordinators").column("buurtteam_id").execute();

  await db.schema
    .createTable("pool_requests")
    .addColumn("id", id, idCol)
    .addColumn("buurtteam_id", "integer", (c) => c.notNull().references("buurtteams.id").onDelete("cascade"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("theme", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("stadsdeel", "text", (c) => c.notNull())
    .addColumn("language", "text")
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_until", "text", (c) => c.notNull())
    .addColumn("hours_per_week", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','closed')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("pool_requests_team_status").on("pool_requests").columns(["buurtteam_id", "status"]).execute();

  await db.schema
    .createTable("pool_invitations")
    .addColumn("id", id, idCol)
    .addColumn("request_id", "integer", (c) => c.notNull().references("pool_requests.id").onDelete("cascade"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("invited").check(sql`status in ('invited','accepted','declined','withdrawn')`),
    )
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addUniqueConstraint("pool_invitations_once", ["request_id", "participant_id"])
    .execute();
  await db.schema.createIndex("pool_invitations_participant").on("pool_invitations").columns(["participant_id", "status"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.dropTable("pool_invitations").execute();
  await db.schema.dropTable("pool_requests").execute();
  await db.schema.dropTable("team_coordinators").execute();
  await db.schema.dropTable("buurtteams").execute();
  await db.deleteFrom("users").where("role", "=", "team_coordinator").execute();
  if (sqlite) await rebuildUsersSqlite(db, OLD_ROLES);
  else {
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql`alter table users add constraint users_role_check check (${OLD_ROLES})`.execute(db);
  }
}

/**
 * SQLite's procedure for changing a constraint (https://sqlite.org/lang_altertable.html, "Making
 * Other Kinds Of Table Schema Changes"). Kysely runs SQLite migrations outside a transaction, so
 * the foreign keys can be switched off here; the copy itself is one transaction.
 */
async function rebuildUsersSqlite(db: AnyDb, roles: ReturnType<typeof sql>): Promise<void> {
  const triggers = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and tbl_name = 'users' order by name`.execute(db);
  // AUTOINCREMENT never gives an id again, also not one of a deleted person: keep the counter.
  const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'users'`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`create table "users_rebuilt" ("id" integer primary key autoincrement, "email" text not null unique, "name" text not null,
        "role" text not null check (${roles}), "status" text not null check (status in ('invited','active','disabled')),
        "password_hash" text, "created_at" text not null, "updated_at" text not null, "anonymised_at" text, "totp_secret" text,
        "totp_enabled_at" text, "totp_last_step" integer, "lang" text)`.execute(trx);
      await sql`insert into "users_rebuilt" (id, email, name, role, status, password_hash, created_at, updated_at, anonymised_at, totp_secret, totp_enabled_at, totp_last_step, lang)
        select id, email, name, role, status, password_hash, created_at, updated_at, anonymised_at, totp_secret, totp_enabled_at, totp_last_step, lang from users`.execute(trx);
      await sql`drop table users`.execute(trx);
      await sql`alter table "users_rebuilt" rename to "users"`.execute(trx);
      for (const t of triggers.rows) await sql.raw(t.sql).execute(trx);
      if (seq.rows[0]) await sql`update sqlite_sequence set seq = max(seq, ${seq.rows[0].seq}) where name = 'users'`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`users opnieuw opgebouwd, maar ${broken.rows.length} verwijzingen kloppen niet`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
