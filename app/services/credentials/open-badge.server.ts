import { createHash, randomBytes, randomUUID } from "node:crypto";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { checkStatus, createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import type { DB } from "../../../db/connect";
import { currentTime } from "../../clock.server";
import type { LeerlijnTemplate } from "../../rules/leerlijn-template";
import { cohortTemplate } from "../curriculum.server";
import type { CertificateSnapshot } from "../pdf/certificate-pdf.server";
import { fixedDocumentLoader, OB_V3_CONTEXT, VC_V2_CONTEXT, type DocumentLoader } from "./contexts.server";
import { didDocument, issuerDid, signingKeyPair, verificationMethodDocument } from "./keys.server";

/*
 * Issue 30, points 1 and 4: the Open Badges 3.0 credential of a certificate, signed with a Data
 * Integrity proof (eddsa-rdfc-2022), and the app's revocation list (Bitstring Status List).
 *
 * The credential is made once from the certificate's frozen snapshot and the frozen leerlijn
 * version of its cohort, and stored exactly as signed. Its revocation bit is not stored: the
 * status list is computed from the certificates table when it is asked for, so a revoked (or
 * replaced) certificate is "revoked" in the list the moment the certificate row says so, whatever
 * path revoked it (the coordinator, a correction of the interview).
 *
 * A certificate can have more than one credential over time: when the participant changes whether
 * their name is in it (`replaceOpenBadgeCredential`), a new one is signed with its own place in the
 * list and the earlier row gets `replaced_at` (its bit is on). Only the current row (no
 * `replaced_at`) is served.
 */

/** One list of 131,072 places (the minimum the Bitstring Status List asks, for privacy). */
export const STATUS_LIST_LENGTH = 131_072;
export const STATUS_LIST_NUMBER = 1;

/** The app's public address as it was when the certificate was made (from its verification link). */
export function baseOfSnapshot(snapshot: Pick<CertificateSnapshot, "verifyUrl">): string {
  return snapshot.verifyUrl.replace(/\/verify\/[^/]*$/, "");
}

export function statusListUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/credentials/status/${STATUS_LIST_NUMBER}`;
}

/** OB 3.0 IdentityHash: "sha256$" + hex SHA-256 of the identifier followed by the salt. */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash("sha256").update(`${identifier}${salt}`, "utf8").digest("hex")}`;
}

function criteriaNarrative(template: LeerlijnTemplate, snapshot: CertificateSnapshot): string {
  const r = template.rules;
  return [
    `De deelnemer heeft aan alle vijf eisen van de ${snapshot.leerlijn.name} (versie ${snapshot.leerlijn.version}) voldaan:`,
    `1. Werken in de praktijk: ${r.practiceHoursTarget} uur praktijk, goedgekeurd.`,
    `2. Actieve aanwezigheid: minstens ${Math.round(r.minAttendanceRate * 100)}% van de lessen en trainingen, ${r.learningHoursTarget} uur leren en minstens ${r.minIntervisieMeetings} keer intervisie.`,
    "3. Een persoonlijk ontwikkelingsplan (POP), goedgekeurd door de trainer.",
    "4. Een groepsontwikkelingsplan (GOP), samen met de groep geschreven en goedgekeurd.",
    "5. Een criteriumgericht interview (eindgesprek), geslaagd.",
  ].join("\n");
}

/** The unsigned credential: the achievement, the issuer, the recipient (salted hash of the e-mail address, and the name). */
export function buildOpenBadgeCredential(input: {
  snapshot: CertificateSnapshot;
  template: LeerlijnTemplate;
  email: string | null;
  salt: string;
  credentialId: string;
  issuedAt: string;
  statusIndex: number;
  showName?: boolean;
}): Record<string, unknown> {
  const { snapshot: s, template } = input;
  const base = baseOfSnapshot(s);
  const did = issuerDid(base);
  const hours = `${s.hours.learning} uur leren en ${s.hours.practice} uur werken in de praktijk`;
  const achievementId = `${base}/verify/${s.verificationCode}#leerlijn`;
  const list = statusListUrl(base);
  const identifier = input.email
    ? {
        type: "IdentityObject",
        identityHash: identityHash(input.email.trim().toLowerCase(), input.salt),
        identityType: "emailAddress",
        hashed: true,
        salt: input.salt,
      }
    : { type: "IdentityObject", identityHash: identityHash(s.number, input.salt), identityType: "identifier", hashed: true, salt: input.salt };
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.credentialId,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${s.title} ${s.leerlijn.name}`,
    description: `${s.title} ${s.number}: ${s.statement}`,
    issuer: { id: did, type: ["Profile"], name: s.issuer, url: base },
    validFrom: input.issuedAt,
    awardedDate: `${s.issuedOn}T00:00:00Z`,
    credentialSubject: {
      type: ["AchievementSubject"],
      ...(input.showName === false ? {} : { name: s.participantName }),
      identifier: [identifier],
      achievement: {
        id: achievementId,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: s.leerlijn.name,
        description: `${s.leerlijn.name}, ${s.leerlijn.level}, voor ervaringsdeskundigen in de Amsterdamse buurtteams. Studielast: ${hours}.${s.trainings.length ? ` Gekozen trainingen: ${s.trainings.join(", ")}.` : ""}`,
        criteria: { narrative: criteriaNarrative(template, s) },
        alignment: template.competencies.map((c, i) => ({
          type: ["Alignment"],
          targetName: c.title,
          targetDescription: [c.description, ...c.criteria.map((k) => k.text)].join(" "),
          targetCode: c.code,
          targetFramework: "Beroepscompetentieprofiel Ervaringsdeskundigheid",
          targetUrl: `${achievementId}-competentie-${i + 1}`,
        })),
        resultDescription: [
          { id: `${achievementId}-uren-leren`, type: ["ResultDescription"], name: "Uren leren", resultType: "ext:StudyHours" },
          { id: `${achievementId}-uren-werken`, type: ["ResultDescription"], name: "Uren werken in de praktijk", resultType: "ext:StudyHours" },
        ],
        version: String(s.leerlijn.version),
        inLanguage: "nl",
        creator: { id: did, type: ["Profile"], name: s.issuer, url: base },
      },
      result: [
        { type: ["Result"], resultDescription: `${achievementId}-uren-leren`, value: String(s.hours.learning) },
        { type: ["Result"], resultDescription: `${achievementId}-uren-werken`, value: String(s.hours.practice) },
      ],
    },
    credentialStatus: {
      id: `${list}#${input.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(input.statusIndex),
      statusListCredential: list,
    },
  };
}

/**
 * The fixed document loader of the app at `baseUrls`: the bundled contexts, and for each base its
 * DID document, its keys and its status list. Anything else is refused (never fetched).
 */
export function appDocumentLoader(db: DB, baseUrls: string[], now = currentTime()): DocumentLoader {
  const bases = [...new Set(baseUrls.map((b) => b.replace(/\/$/, "")))];
  const loader: DocumentLoader = fixedDocumentLoader(async (url) => {
    for (const base of bases) {
      const did = issuerDid(base);
      if (url === did) return didDocument(db, base, now);
      if (url.startsWith(`${did}#`)) return verificationMethodDocument(db, base, url);
      if (url === statusListUrl(base)) return statusListCredential(db, base, now);
    }
    return undefined;
  });
  return loader;
}

/** Signs `credential` with the current issuer key (Data Integrity, eddsa-rdfc-2022). */
export async function signCredential(
  db: DB,
  baseUrl: string,
  credential: Record<string, unknown>,
  now = currentTime(),
): Promise<{ keyRef: string; signed: Record<string, unknown> }> {
  const { keyRef, pair } = await signingKeyPair(db, baseUrl, now);
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date: now });
  const issued = await vc.issue({ credential, suite, documentLoader: appDocumentLoader(db, [baseUrl], now), now });
  // The Open Badges 3.0 schema wants `proof` as a list (a proof set of one); Data Integrity reads both.
  const signed = { ...issued, proof: Array.isArray(issued.proof) ? issued.proof : [issued.proof] };
  return { keyRef, signed };
}

/** Status bits set: the credentials whose certificate is revoked or replaced, and those a newer credential of their certificate replaced. */
async function revokedIndexes(db: DB): Promise<number[]> {
  const rows = await db
    .selectFrom("open_badge_credentials as o")
    .innerJoin("certificates as c", "c.id", "o.certificate_id")
    .select("o.status_index")
    .where((eb) => eb.or([eb("c.revoked_at", "is not", null), eb("c.superseded_by_id", "is not", null), eb("o.replaced_at", "is not", null)]))
    .execute();
  return rows.map((r) => r.status_index);
}

const signedLists = new Map<string, Record<string, unknown>>();

/** The app's revocation list as a signed BitstringStatusListCredential, as it is now (re-signed when a bit changed). */
export async function statusListCredential(db: DB, baseUrl: string, now = currentTime()): Promise<Record<string, unknown>> {
  const base = baseUrl.replace(/\/$/, "");
  const list = await createList({ length: STATUS_LIST_LENGTH });
  const revoked = await revokedIndexes(db);
  for (const index of revoked) list.setStatus(index, true);
  const { keyRef } = await signingKeyPair(db, base, now);
  const cacheKey = `${base}|${keyRef}|${revoked.sort((a, b) => a - b).join(",")}`;
  const cached = signedLists.get(cacheKey);
  if (cached) return cached;
  const unsigned = await createCredential({ id: statusListUrl(base), list, statusPurpose: "revocation", context: [VC_V2_CONTEXT] });
  const did = issuerDid(base);
  const credential = { ...unsigned, issuer: did, validFrom: now.toISOString() };
  // The issuer's id must equal the credentials' (the verifier compares them): the same Profile id.
  const { signed } = await signCredential(db, base, credential, now);
  if (signedLists.size > 20) signedLists.clear();
  signedLists.set(cacheKey, signed);
  return signed;
}

/** The next free place in the status list (inside the writing transaction; the unique index is the last guard). */
export async function nextStatusIndex(db: DB): Promise<number> {
  const row = await db
    .selectFrom("open_badge_credentials")
    .select((eb) => eb.fn.max("status_index").as("max"))
    .executeTakeFirst();
  const next = row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  if (next >= STATUS_LIST_LENGTH) throw new Error("The status list is full.");
  return next;
}

/**
 * Makes and stores the signed credential of a certificate, if it has none yet; returns its JSON
 * as stored. Called right after a certificate is issued, and on first request for certificates
 * issued before issue 30.
 */
export async function ensureOpenBadgeCredential(db: DB, certificateId: number, now = currentTime()): Promise<string | undefined> {
  const existing = await currentCredentialRow(db, certificateId);
  if (existing) return existing.credential;
  const source = await credentialSource(db, certificateId);
  if (!source) return undefined;
  const { cert, snapshot, template } = source;
  for (let attempt = 0; attempt < 5; attempt++) {
    const prepared = await prepareOpenBadgeCredential(db, { snapshot, template, email: cert.email, issuedAt: new Date(cert.issued_at), now });
    try {
      await storeOpenBadgeCredential(db, certificateId, prepared, now);
      return prepared.json;
    } catch (error) {
      if (!isStatusIndexClash(error)) throw error;
      // Another request made this certificate's credential, or took the place: read again.
      const made = await currentCredentialRow(db, certificateId);
      if (made) return made.credential;
    }
  }
  throw new Error("Could not store the credential.");
}

/** What a certificate's credential is made from: its row, snapshot and leerlijn version; undefined when one is missing. */
async function credentialSource(db: DB, certificateId: number) {
  const cert = await db
    .selectFrom("certificates as c")
    .leftJoin("users as u", "u.id", "c.participant_id")
    .select(["c.id", "c.snapshot", "c.cohort_id", "c.issued_at", "u.email"])
    .where("c.id", "=", certificateId)
    .executeTakeFirst();
  if (!cert) return undefined;
  const template = await cohortTemplate(db, cert.cohort_id);
  if (!template) return undefined;
  return { cert, snapshot: JSON.parse(cert.snapshot) as CertificateSnapshot, template };
}

/** The certificate's current credential (the one not replaced); undefined: none made yet. */
export async function currentCredentialRow(db: DB, certificateId: number) {
  return db
    .selectFrom("open_badge_credentials")
    .select(["id", "credential", "show_name", "status_index"])
    .where("certificate_id", "=", certificateId)
    .where("replaced_at", "is", null)
    .executeTakeFirst();
}

/**
 * Signs a new credential for the certificate, with or without the participant's name, and marks the
 * current one replaced (its bit in the status list goes on), in one transaction. The certificate's
 * stored PDF keeps the credential it was issued with. Returns the new credential's JSON and the place
 * of the one it replaced; undefined: no such certificate (or no leerlijn version to build it from).
 * The caller checks who may do this.
 */
export async function replaceOpenBadgeCredential(
  db: DB,
  certificateId: number,
  showName: boolean,
  now = currentTime(),
): Promise<{ json: string; statusIndex: number; replacedIndex: number | null } | undefined> {
  const source = await credentialSource(db, certificateId);
  if (!source) return undefined;
  const { cert, snapshot, template } = source;
  for (let attempt = 0; attempt < 5; attempt++) {
    const prepared = await prepareOpenBadgeCredential(db, { snapshot, template, email: cert.email, issuedAt: new Date(cert.issued_at), now, showName });
    try {
      const replacedIndex = await db.transaction().execute(async (trx) => {
        const current = await currentCredentialRow(trx, certificateId);
        if (current) await trx.updateTable("open_badge_credentials").set({ replaced_at: now.toISOString() }).where("id", "=", current.id).execute();
        await storeOpenBadgeCredential(trx, certificateId, prepared, now);
        return current?.status_index ?? null;
      });
      return { json: prepared.json, statusIndex: prepared.statusIndex, replacedIndex };
    } catch (error) {
      // Another credential took the place in the list meanwhile: sign again with the next one.
      if (!isStatusIndexClash(error)) throw error;
    }
  }
  throw new Error("Could not store the credential.");
}

/** A signed credential, made before its certificate row exists (to embed it in the PDF at issue). */
export interface PreparedCredential {
  json: string;
  statusIndex: number;
  keyRef: string;
  base: string;
  /** false: made without the participant's name (their choice) */
  showName: boolean;
}

/**
 * Builds and signs the credential of a certificate snapshot, with the next free place in the status
 * list. Store it with `storeOpenBadgeCredential`; a clash on the place (another issue took it
 * meanwhile: `isStatusIndexClash`) means preparing it again.
 */
export async function prepareOpenBadgeCredential(
  db: DB,
  input: { snapshot: CertificateSnapshot; template: LeerlijnTemplate; email: string | null; issuedAt: Date; now: Date; showName?: boolean },
): Promise<PreparedCredential> {
  const showName = input.showName !== false;
  const base = baseOfSnapshot(input.snapshot);
  const statusIndex = await nextStatusIndex(db);
  const unsigned = buildOpenBadgeCredential({
    snapshot: input.snapshot,
    template: input.template,
    // An anonymised account has no real address any more: then the certificate number is hashed instead.
    email: input.email && !input.email.endsWith(".invalid") ? input.email : null,
    salt: randomBytes(16).toString("hex"),
    credentialId: `urn:uuid:${randomUUID()}`,
    issuedAt: input.issuedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    statusIndex,
    showName,
  });
  const { keyRef, signed } = await signCredential(db, base, unsigned, input.now);
  return { json: JSON.stringify(signed), statusIndex, keyRef, base, showName };
}

export async function storeOpenBadgeCredential(db: DB, certificateId: number, prepared: PreparedCredential, now: Date): Promise<void> {
  await db
    .insertInto("open_badge_credentials")
    .values({
      certificate_id: certificateId,
      status_index: prepared.statusIndex,
      key_ref: prepared.keyRef,
      base_url: prepared.base,
      credential: prepared.json,
      issued_at: now.toISOString(),
      show_name: prepared.showName ? 1 : 0,
    })
    .execute();
}

/** A unique clash on the credentials table: its place in the status list, or its certificate. */
export function isStatusIndexClash(error: unknown): boolean {
  return /UNIQUE constraint failed: open_badge_credentials|duplicate key value.*open_badge_credentials/i.test(String((error as Error)?.message ?? ""));
}

/** The signed credential JSON of a certificate (made on first request); undefined: no such certificate. For the PDF/A attachment too. */
export async function credentialJsonFor(db: DB, certificateId: number): Promise<string | undefined> {
  return ensureOpenBadgeCredential(db, certificateId);
}

/**
 * The public addresses this app issued credentials under, and `current`: the issuers (did:web of
 * each host) whose credentials the app's check accepts. Each is served only this app's own keys.
 */
export async function issuerBases(db: DB, current: string): Promise<string[]> {
  const rows = await db.selectFrom("open_badge_credentials").select("base_url").distinct().execute();
  return [...new Set([current.replace(/\/$/, ""), ...rows.map((r) => r.base_url)])];
}

export type CredentialVerdict = "echt" | "ingetrokken" | "gewijzigd" | "onbekend";

export interface CredentialCheck {
  verdict: CredentialVerdict;
  signatureValid: boolean;
  revoked: boolean | null;
  /** from the credential, when it could be read */
  name: string | null;
  achievement: string | null;
  issuer: string | null;
  validFrom: string | null;
}

/**
 * The app's own check of a credential (pasted, uploaded or its own): the signature against the
 * app's DID document, then the status list. "gewijzigd": the signature does not hold (changed
 * after signing, or not signed by this app); "onbekend": not a credential of this app at all.
 */
export async function checkCredential(db: DB, input: unknown, baseUrls: string[], now = currentTime()): Promise<CredentialCheck> {
  const c = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const subject = (c.credentialSubject ?? {}) as Record<string, unknown>;
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const issuer = (c.issuer ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const described = {
    name: str(subject.name),
    achievement: str(achievement.name),
    issuer: str(issuer.name),
    validFrom: str(c.validFrom),
  };
  const issuerId = typeof c.issuer === "string" ? c.issuer : str(issuer.id);
  const ours = baseUrls.some((b) => issuerDid(b) === issuerId);
  if (!ours || !c.proof) return { verdict: "onbekend", signatureValid: false, revoked: null, ...described };
  const documentLoader = appDocumentLoader(db, baseUrls, now);
  const suite = new DataIntegrityProof({ cryptosuite });
  let result: vc.VerifyResult;
  try {
    result = await vc.verifyCredential({ credential: c, suite, documentLoader, checkStatus, now });
  } catch {
    return { verdict: "gewijzigd", signatureValid: false, revoked: null, ...described };
  }
  const signatureValid = Boolean(result.results?.length) && result.results!.every((r) => r.verified);
  if (!signatureValid) return { verdict: "gewijzigd", signatureValid: false, revoked: null, ...described };
  const revoked = result.statusResult ? (result.statusResult.results ?? []).some((r) => r.status === true) : null;
  if (result.statusResult && !result.statusResult.verified) return { verdict: "gewijzigd", signatureValid, revoked: null, ...described };
  return { verdict: revoked ? "ingetrokken" : "echt", signatureValid, revoked, ...described };
}
