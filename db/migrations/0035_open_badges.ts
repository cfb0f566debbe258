import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 30: a signed Open Badges 3.0 credential next to each certificate (docs/decisions/021-open-badges.md).
 *
 * `issuer_keys`: the app's Ed25519 signing keys, published in its DID document (did:web). The
 * secret half is sealed (AES-256-GCM, with a key derived from the server's credential secret): a
 * copy of the database alone signs nothing. `retired_at` set: no longer used to sign, still
 * published, so credentials it signed keep verifying. The newest key without `retired_at` signs.
 *
 * `open_badge_credentials`: one signed credential per certificate, as issued (the exact JSON, so
 * its signature stays valid), with its place (`status_index`) in the app's revocation list and the
 * public address it was issued under (`base_url`: its issuer is did:web of that host).
 */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("issuer_keys")
    .addColumn("id", id, idCol)
    .addColumn("key_ref", "text", (c) => c.notNull().unique())
    .addColumn("public_key_multibase", "text", (c) => c.notNull())
    .addColumn("secret_key_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();

  await db.schema
    .createTable("open_badge_credentials")
    .addColumn("id", id, idCol)
    .addColumn("certificate_id", "integer", (c) => c.notNull().unique().references("certificates.id").onDelete("cascade"))
    .addColumn("status_index", "integer", (c) => c.notNull().unique())
    .addColumn("key_ref", "text", (c) => c.notNull())
    .addColumn("base_url", "text", (c) => c.notNull())
    .addColumn("credential", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("open_badge_credentials").execute();
  await db.schema.dropTable("issuer_keys").execute();
}
