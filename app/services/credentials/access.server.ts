import type { DB } from "../../../db/connect";
import { currentTime } from "../../clock.server";
import { certificateState } from "../../rules/certificate";
import { can } from "../../rules/policy";
import { audit } from "../audit.server";
import { UserInputError } from "../errors";
import { overLimit, recordHit } from "../rate-limit.server";
import type { Actor } from "../users.server";
import {
  baseOfSnapshot,
  checkCredential,
  currentCredentialRow,
  ensureOpenBadgeCredential,
  issuerBases,
  replaceOpenBadgeCredential,
  type CredentialCheck,
} from "./open-badge.server";

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

/** Whether the participant's name is in the current credential of their certificate (true until they chose otherwise). */
export async function credentialShowsName(db: DB, certificateId: number): Promise<boolean> {
  const row = await currentCredentialRow(db, certificateId);
  return row ? row.show_name !== 0 : true;
}

/**
 * Issue 30, point 1: the participant chooses whether their name is in the digital certificate.
 * Only the participant of the certificate, and only while it counts (not revoked or replaced). A
 * change signs a new credential (new id, its own place in the status list); the earlier one is then
 * revoked in the list. The same choice again changes nothing. "denied": not theirs (audited, the
 * route answers 404). The audit line holds the choice and the places in the list, never the name.
 */
export async function setCredentialNameChoice(
  db: DB,
  viewer: Actor,
  certificateId: number,
  showName: boolean,
  ip: string | null,
  now = currentTime(),
): Promise<"changed" | "unchanged" | "denied"> {
  const cert = await db
    .selectFrom("certificates")
    .select(["participant_id", "revoked_at", "revoke_kind", "superseded_by_id"])
    .where("id", "=", certificateId)
    .executeTakeFirst();
  if (!cert || viewer.role !== "participant" || cert.participant_id !== viewer.id) {
    await audit(db, { actor: viewer, action: "credential.name.choose", target: { type: "certificate", id: certificateId }, outcome: "denied", ip, at: now });
    return "denied";
  }
  if (certificateState(cert) !== "geldig") throw new UserInputError("certificate.notValid");
  // The credential as it is now (made here if the certificate has none yet, with the name).
  await ensureOpenBadgeCredential(db, certificateId, now);
  if ((await credentialShowsName(db, certificateId)) === showName) return "unchanged";
  const made = await replaceOpenBadgeCredential(db, certificateId, showName, now);
  if (!made) throw new UserInputError("certificate.notValid");
  await audit(db, {
    actor: viewer,
    action: "credential.name.choose",
    target: { type: "certificate", id: certificateId },
    details: { showName, statusIndex: made.statusIndex, replacedStatusIndex: made.replacedIndex },
    ip,
    at: now,
  });
  return "changed";
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
  // The current credential's row too: a new one is made when the participant changes the name choice.
  const current = await currentCredentialRow(db, cert.id);
  const cacheKey = `${cert.id}|${current?.id ?? ""}|${cert.revoked_at ?? ""}|${cert.superseded_by_id ?? ""}|${Number(keys?.n ?? 0)}|${publicBase}`;
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
