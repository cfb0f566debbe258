import type { DB } from "../../../db/connect";
import { can } from "../../rules/policy";
import { audit } from "../audit.server";
import { overLimit, recordHit } from "../rate-limit.server";
import type { Actor } from "../users.server";
import { baseOfSnapshot, checkCredential, ensureOpenBadgeCredential, issuerBases, type CredentialCheck } from "./open-badge.server";

/*
 * Issue 30, point 5: where people get the credential. The owner (and who may download the PDF)
 * from their certificate page; anyone with the verification code from /verify/<code>.
 */

/** The largest credential the check accepts (one of this app's is about 6 kB). */
export const MAX_CREDENTIAL_BYTES = 100_000;

/** The signed credential of a certificate for a signed-in viewer: same rule as the PDF, audited. */
export async function credentialDownload(
  db: DB,
  viewer: Actor,
  certificateId: number,
  ip: string | null,
): Promise<{ number: string; json: string } | undefined> {
  const cert = await db.selectFrom("certificates").select(["participant_id", "interview_id", "number"]).where("id", "=", certificateId).executeTakeFirst();
  const assessorIds = cert?.interview_id
    ? (await db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", cert.interview_id).execute()).map((a) => a.user_id)
    : [];
  const allowed = cert && can(viewer, "certificate.download", { ownerId: cert.participant_id, assessorIds });
  if (!allowed) {
    await audit(db, { actor: viewer, action: "credential.download", target: { type: "certificate", id: certificateId }, outcome: "denied", ip });
    return undefined;
  }
  const json = await ensureOpenBadgeCredential(db, certificateId);
  if (!json) return undefined;
  await audit(db, { actor: viewer, action: "credential.download", target: { type: "certificate", id: certificateId }, ip });
  return { number: cert.number, json };
}

/** The credential of the certificate with this verification code (the caller checked the code, rate-limited). */
export async function credentialForCode(db: DB, code: string): Promise<{ number: string; json: string; base: string } | undefined> {
  const cert = await db.selectFrom("certificates").select(["id", "number", "snapshot"]).where("verification_code", "=", code).executeTakeFirst();
  if (!cert) return undefined;
  const json = await ensureOpenBadgeCredential(db, cert.id);
  return json ? { number: cert.number, json, base: baseOfSnapshot(JSON.parse(cert.snapshot) as { verifyUrl: string }) } : undefined;
}

/**
 * Checks of stored credentials, per process: a stored credential never changes and no key is ever
 * removed, so its check only changes when its certificate is revoked or replaced (part of the key
 * here) or a key is added. The public page then costs one check per state, not one per view.
 */
const storedChecks = new Map<string, CredentialCheck>();

/** For the public verify page: the credential's own check (signature and status), as any verifier would do it. */
export async function credentialCheckForCode(db: DB, code: string, publicBase: string): Promise<CredentialCheck | undefined> {
  const cert = await db.selectFrom("certificates").select(["id", "revoked_at", "superseded_by_id"]).where("verification_code", "=", code).executeTakeFirst();
  if (!cert) return undefined;
  const keys = await db
    .selectFrom("issuer_keys")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const cacheKey = `${cert.id}|${cert.revoked_at ?? ""}|${cert.superseded_by_id ?? ""}|${Number(keys?.n ?? 0)}|${publicBase}`;
  const cached = storedChecks.get(cacheKey);
  if (cached) return cached;
  const found = await credentialForCode(db, code);
  if (!found) return undefined;
  const check = await checkCredential(db, JSON.parse(found.json), [found.base, ...(await issuerBases(db, publicBase))]);
  if (storedChecks.size > 1000) storedChecks.clear();
  storedChecks.set(cacheKey, check);
  return check;
}

/**
 * A pasted or uploaded credential: parsed (or "onbekend" when it is no JSON object), then checked.
 * Each check is counted per IP address (RATE_LIMITS.credentialCheck): "tooMany" over the limit.
 */
export async function checkPastedCredential(db: DB, text: string, publicBase: string, ip: string | null): Promise<CredentialCheck | "tooMany"> {
  const subject = ip ?? "onbekend";
  if (await overLimit(db, "credentialCheck", subject)) return "tooMany";
  await recordHit(db, "credentialCheck", subject);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return checkCredential(db, parsed, await issuerBases(db, publicBase));
}
