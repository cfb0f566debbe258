import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The mail outbox (issue 28, points 1, 2 and 5). A message is written in the same transaction as
 * the action that causes it (an invitation…); a sender in the app process delivers it later.
 *
 * - `status`: pending (waiting to be sent, at `next_attempt_at`), sending (claimed by one process
 *   until `claimed_until`; after that lease another may take it), sent, failed (after the last
 *   attempt), held (mail is off: kept for the coordinator, never sent by itself), cancelled (an
 *   older invitation mail that a newer one replaced before it went out).
 * - `dedupe_key`: unique, so one event never queues two messages.
 * - The body (`body_text`, `body_html`, `attachments`, `action_url`) is kept only until the message
 *   is sent, or until retention removes it; the row itself (who, what kind, when) stays.
 * - `last_error`: a short line of the SMTP answer, never the message.
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", id, idCol)
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recipient_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("recipient_email", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text")
    .addColumn("body_html", "text")
    .addColumn("attachments", "text")
    .addColumn("headers", "text")
    .addColumn("action_url", "text")
    .addColumn("dedupe_key", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("body_purged_at", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_dedupe").on("mail_outbox").column("dedupe_key").unique().execute();
  await db.schema.createIndex("mail_outbox_due").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("mail_outbox_created").on("mail_outbox").column("created_at").execute();
  await db.schema.createIndex("mail_outbox_recipient").on("mail_outbox").column("recipient_user_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("mail_outbox").execute();
}
