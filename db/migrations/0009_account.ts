import { type Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Account hardening. Sessions get a public id (shown and posted on the account page, never the token hash), a short
 * summary of the browser and the IP address at sign-in. Sessions live hours, not days, so the table is
 * rebuilt rather than back-filled: everyone signs in once more after this migration. The coordinator's
 * "second factor required" setting lives in the `settings` table of 0008.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropTable("auth_sessions").execute();
  await db.schema
    .createTable("auth_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("public_id", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("auth_sessions_user").on("auth_sessions").column("user_id").execute();

  // Second factor (TOTP) for those who turn it on: the base32 secret, when it was confirmed
  // (null while enrolling), and the last accepted time step (a code works only once).
  await db.schema.alterTable("users").addColumn("totp_secret", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_enabled_at", "text").execute();
  await db.schema.alterTable("users").addColumn("totp_last_step", "integer").execute();

  // Between password and code: a short-lived challenge behind its own cookie (only the hash stored).
  await db.schema
    .createTable("login_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("login_challenges").execute();
  for (const column of ["totp_last_step", "totp_enabled_at", "totp_secret"]) await db.schema.alterTable("users").dropColumn(column).execute();
  await db.schema.dropTable("auth_sessions").execute();
  await db.schema
    .createTable("auth_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_sessions_user").on("auth_sessions").column("user_id").execute();
}
