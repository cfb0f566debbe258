import type { Kysely } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 28, point 3: the language of a person's e-mail, and which optional e-mail they want.
 *
 * `users.lang`: 'nl' or 'en', set when a signed-in person changes the interface language; null
 * until then (mail is Dutch).
 *
 * `mail_preferences`: one row per person and optional category (updates, schedule, reminders,
 * digest) once the person chose or was sent one. No row: the category is on (the default).
 * `unsubscribe_token` is the random key in the one-click unsubscribe link of that category's
 * mails (RFC 8058): it can only turn that one category off for that one person, and every mail of
 * the category must carry it, so it is kept as it is (a hash could not be put in the next mail).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("lang", "text").execute();
  await db.schema
    .createTable("mail_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("unsubscribe_token", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mail_preferences_pk", ["user_id", "category"])
    .execute();
  await db.schema.createIndex("mail_preferences_token").on("mail_preferences").column("unsubscribe_token").unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("mail_preferences").execute();
  await db.schema.alterTable("users").dropColumn("lang").execute();
}
