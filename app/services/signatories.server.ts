import type { DB } from "../../db/connect";
import { parseLeerlijnTemplate, type LeerlijnTemplate } from "../rules/leerlijn-template";
import { signatoryListSchema, type Signatory } from "../rules/signatories";
import { currentTime } from "../clock.server";
import { audit } from "./audit.server";
import { latestVersionId } from "./curriculum.server";
import type { Actor } from "./users.server";

export const SIGNATORIES_KEY = "certificate_signatories";

export interface SignatoriesSetting {
  signatories: Signatory[];
  updatedAt: string;
  updatedBy: string | null;
}

/** What a coordinator set, or undefined while nothing is set (or the stored value is unusable). */
export async function configuredSignatories(db: DB): Promise<SignatoriesSetting | undefined> {
  const row = await db
    .selectFrom("settings as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select(["s.value", "s.updated_at", "u.name"])
    .where("s.key", "=", SIGNATORIES_KEY)
    .executeTakeFirst();
  if (!row) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.value);
  } catch {
    return undefined;
  }
  const list = signatoryListSchema.safeParse(parsed);
  return list.success ? { signatories: list.data, updatedAt: row.updated_at, updatedBy: row.name } : undefined;
}

/**
 * The signatories for a certificate issued now: the coordinator's setting, or, until a coordinator
 * sets it, the defaults of the certificate's leerlijn template (fictional names in the demo
 * template). A certificate freezes them in its snapshot, so a later change affects only new ones.
 */
export async function signatoriesForNewCertificate(db: DB, template: Pick<LeerlijnTemplate, "certificate">): Promise<Signatory[]> {
  return (await configuredSignatories(db))?.signatories ?? template.certificate.signatories;
}

/** Who signs new certificates as the register page shows it, with who set it and when (null: the template's defaults). */
export interface SignatoriesView {
  list: Signatory[];
  setting: { updatedAt: string; updatedBy: string | null } | null;
}

/** Who signs new certificates: the coordinator's setting, or the newest leerlijn's defaults while none is set. */
export async function signatoriesView(db: DB): Promise<SignatoriesView> {
  const configured = await configuredSignatories(db);
  if (configured) return { list: configured.signatories, setting: { updatedAt: configured.updatedAt, updatedBy: configured.updatedBy } };
  const versionId = await latestVersionId(db);
  const row = versionId ? await db.selectFrom("leerlijn_versions").select("definition").where("id", "=", versionId).executeTakeFirst() : undefined;
  return { list: row ? parseLeerlijnTemplate(JSON.parse(row.definition)).certificate.signatories : [], setting: null };
}

/** A coordinator sets who signs new certificates (1 to 3 people, name and function); audited with before and after. */
export async function setSignatories(db: DB, actor: Actor, input: Signatory[], ip: string | null, now = currentTime()): Promise<Signatory[]> {
  if (actor.role !== "coordinator") throw new Response("Forbidden", { status: 403 });
  const signatories = signatoryListSchema.parse(input);
  const value = JSON.stringify(signatories);
  return db.transaction().execute(async (trx) => {
    const before = await configuredSignatories(trx);
    await trx
      .insertInto("settings")
      .values({ key: SIGNATORIES_KEY, value, updated_at: now.toISOString(), updated_by: actor.id })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now.toISOString(), updated_by: actor.id }))
      .execute();
    await audit(trx, {
      actor,
      action: "settings.certificate_signatories",
      target: { type: "setting", id: SIGNATORIES_KEY },
      ip,
      details: { before: before?.signatories ?? null, after: signatories },
      at: now,
    });
    return signatories;
  });
}
