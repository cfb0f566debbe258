import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function isSqlite(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const sqlite = isSqlite(db);
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) =>
    sqlite ? col.primaryKey().autoIncrement() : col.primaryKey();

  await db.schema
    .createTable("users")
    .addColumn("id", id, idCol)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('participant','trainer','examiner','coordinator')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('invited','active','disabled')`),
    )
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("auth_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_sessions_user").on("auth_sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", id, idCol)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_email_time")
    .on("login_attempts")
    .columns(["email", "created_at"])
    .execute();
  await db.schema
    .createIndex("login_attempts_ip_time")
    .on("login_attempts")
    .columns(["ip", "created_at"])
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("leerlijnen")
    .addColumn("id", id, idCol)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("leerlijn_versions")
    .addColumn("id", id, idCol)
    .addColumn("leerlijn_id", "integer", (c) => c.notNull().references("leerlijnen.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("loaded_at", "text", (c) => c.notNull())
    .addUniqueConstraint("leerlijn_versions_unique", ["leerlijn_id", "version"])
    .execute();

  await db.schema
    .createTable("trainings")
    .addColumn("id", id, idCol)
    .addColumn("leerlijn_version_id", "integer", (c) =>
      c.notNull().references("leerlijn_versions.id"),
    )
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("capacity", "integer")
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("trainings_unique", ["leerlijn_version_id", "code"])
    .execute();

  await db.schema
    .createTable("competencies")
    .addColumn("id", id, idCol)
    .addColumn("leerlijn_version_id", "integer", (c) =>
      c.notNull().references("leerlijn_versions.id"),
    )
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("competencies_unique", ["leerlijn_version_id", "code"])
    .execute();

  await db.schema
    .createTable("criteria")
    .addColumn("id", id, idCol)
    .addColumn("competency_id", "integer", (c) => c.notNull().references("competencies.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("criteria_unique", ["competency_id", "code"])
    .execute();

  await db.schema
    .createTable("cohorts")
    .addColumn("id", id, idCol)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("leerlijn_version_id", "integer", (c) =>
      c.notNull().references("leerlijn_versions.id"),
    )
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("cohort_trainers")
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("cohort_trainers_pk", ["cohort_id", "user_id"])
    .execute();
  await db.schema.createIndex("cohort_trainers_user").on("cohort_trainers").column("user_id").execute();

  await db.schema
    .createTable("enrolments")
    .addColumn("id", id, idCol)
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id"))
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addUniqueConstraint("enrolments_unique", ["cohort_id", "participant_id"])
    .execute();
  await db.schema.createIndex("enrolments_participant").on("enrolments").column("participant_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", id, idCol)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  if (sqlite) {
    // The audit trail is append-only: the database itself refuses changes.
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "audit_log",
    "enrolments",
    "cohort_trainers",
    "cohorts",
    "criteria",
    "competencies",
    "trainings",
    "leerlijn_versions",
    "leerlijnen",
    "invitations",
    "login_attempts",
    "auth_sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
