import { type Expression, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/connect";
import { isPostgres } from "../../db/dialect";

/*
 * Reading the schema back for tests (which tables, columns and foreign keys exist), from SQLite's
 * own catalogue (sqlite_master, pragma_table_info, pragma_foreign_key_list) or from PostgreSQL's
 * (information_schema, pg_constraint). Kysely's own migration tables are left out.
 */

export async function tableNames(db: DB): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Columns with their declared type (`text`, `integer`, …). */
export async function tableColumns(db: DB, table: string): Promise<{ name: string; type: string }[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string; type: string }>`select column_name as name, data_type as type from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
    : await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db);
  return rows.rows;
}

/** Foreign keys as (column in this table, referenced table). */
export async function foreignKeys(db: DB, table: string): Promise<{ from: string; table: string }[]> {
  const rows = isPostgres(db)
    ? await sql<{ from: string; table: string }>`select a.attname as "from", ref.relname as "table"
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_class ref on ref.oid = c.confrelid
        cross join lateral unnest(c.conkey) as k(attnum)
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
        where c.contype = 'f' and t.relname = ${table} and n.nspname = current_schema()`.execute(db)
    : await sql<{ from: string; table: string }>`select "from", "table" from pragma_foreign_key_list(${table})`.execute(db);
  return rows.rows;
}

/** `column` contains `needle`, ignoring case. */
export function containsIgnoringCase(db: DB, column: string, needle: string): Expression<SqlBool> {
  return isPostgres(db)
    ? sql<SqlBool>`strpos(lower(${sql.ref(column)}), lower(${needle})) > 0`
    : sql<SqlBool>`instr(lower(${sql.ref(column)}), lower(${needle})) > 0`;
}
