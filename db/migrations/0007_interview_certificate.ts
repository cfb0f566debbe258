import { type ColumnDefinitionBuilder, type Kysely, SqliteAdapter, sql } from "kysely";

/* Frozen once landed: never edit, add a new migration instead. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The criteriumgericht interview (with assessors, judgements, corrections, objections) and certificates. */
export async function up(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const id = sqlite ? ("integer" as const) : ("serial" as const);
  const idCol = (col: ColumnDefinitionBuilder) => (sqlite ? col.primaryKey().autoIncrement() : col.primaryKey());

  await db.schema
    .createTable("interviews")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("leerlijn_version_id", "integer", (c) => c.notNull().references("leerlijn_versions.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('gepland','afgerond')`))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('geslaagd','niet_geslaagd','herkansing')`))
    .addColumn("motivation", "text")
    .addColumn("advice", "text")
    .addColumn("corrects_id", "integer", (c) => c.references("interviews.id"))
    .addColumn("correction_reason", "text")
    .addColumn("superseded_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finalised_at", "text")
    .execute();
  await db.schema.createIndex("interviews_by_participant").on("interviews").columns(["participant_id"]).execute();

  await db.schema
    .createTable("interview_assessors")
    .addColumn("interview_id", "integer", (c) => c.notNull().references("interviews.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("signed_at", "text")
    .addPrimaryKeyConstraint("interview_assessors_pk", ["interview_id", "user_id"])
    .execute();

  await db.schema
    .createTable("interview_criteria")
    .addColumn("interview_id", "integer", (c) => c.notNull().references("interviews.id").onDelete("cascade"))
    .addColumn("criterion_code", "text", (c) => c.notNull())
    .addColumn("demonstrated", "integer")
    .addColumn("justification", "text")
    .addPrimaryKeyConstraint("interview_criteria_pk", ["interview_id", "criterion_code"])
    .execute();

  await db.schema
    .createTable("interview_competencies")
    .addColumn("interview_id", "integer", (c) => c.notNull().references("interviews.id").onDelete("cascade"))
    .addColumn("competency_code", "text", (c) => c.notNull())
    .addColumn("judgement", "text", (c) => c.check(sql`judgement in ('onvoldoende','voldoende','goed')`))
    .addPrimaryKeyConstraint("interview_competencies_pk", ["interview_id", "competency_code"])
    .execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", id, idCol)
    .addColumn("interview_id", "integer", (c) => c.notNull().references("interviews.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("lodged_at", "text", (c) => c.notNull())
    .addColumn("lodged_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolution", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("id", id, idCol)
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("participant_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id"))
    .addColumn("interview_id", "integer", (c) => c.references("interviews.id"))
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("pdf_sha256", "text", (c) => c.notNull())
    // The PDF exactly as issued: its fingerprint is what the public page checks against.
    .addColumn("pdf", sqlite ? "blob" : "bytea", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("issued_by", "integer", (c) => c.references("users.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "integer", (c) => c.references("users.id"))
    .addColumn("revoke_reason", "text")
    .addColumn("supersedes_id", "integer", (c) => c.references("certificates.id"))
    .addColumn("superseded_by_id", "integer", (c) => c.references("certificates.id"))
    .addUniqueConstraint("certificates_year_seq", ["year", "seq"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["certificates", "objections", "interview_competencies", "interview_criteria", "interview_assessors", "interviews"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
