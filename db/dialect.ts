import { type Expression, type Kysely, PostgresAdapter, type SqlBool, sql } from "kysely";

/*
 * The few places where SQLite and PostgreSQL need different SQL, in one module. Everything else
 * uses kysely's portable builders. Keep each branch small, and keep the SQLite side exactly as it
 * was (the embedded default).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The operator for a case-insensitive LIKE: SQLite's LIKE already ignores ASCII case,
 * PostgreSQL's does not (ILIKE does).
 */
export function likeInsensitive(db: AnyDb): "like" | "ilike" {
  return isPostgres(db) ? "ilike" : "like";
}

/**
 * True when the JSON text in `column` has a top-level number `key` equal to `value`
 * (SQLite's json_extract; on PostgreSQL the same comparison on jsonb, so a string "12" does not
 * match 12 on either side). NULL columns never match.
 */
export function jsonNumberEquals(db: AnyDb, column: string, key: string, value: number): Expression<SqlBool> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Ongeldige JSON-sleutel: ${key}`);
  return isPostgres(db)
    ? sql<SqlBool>`(cast(${sql.ref(column)} as jsonb) -> ${key}) = cast(${JSON.stringify(value)} as jsonb)`
    : sql<SqlBool>`json_extract(${sql.ref(column)}, ${`$.${key}`}) = ${value}`;
}

/**
 * Makes concurrent transactions that take the same `name` run one after the other, from this call
 * to their commit (for "read the highest number, write the next one"), also across app processes.
 * On SQLite every transaction already holds the write lock from its start (BEGIN IMMEDIATE, see
 * db/connect.ts), so there it does nothing; PostgreSQL takes a transaction-level advisory lock.
 * Call it inside a transaction, before the reads it protects.
 */
export async function serializeWithin(trx: AnyDb, name: string): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
