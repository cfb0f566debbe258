import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../db/connect";
import { likeInsensitive, serializeWithin } from "../../db/dialect";
import { translate, type Lang } from "../i18n/translate";
import { certificateNumber, certificateState, issueRefusals, type CertificateState, type IssueRefusal } from "../rules/certificate";
import { PLACE_STATUSES } from "../rules/trainings";
import { audit } from "./audit.server";
import { renderCertificateBook, renderCertificatePdf, type CertificateSnapshot } from "./pdf/certificate-pdf.server";
import { cohortTemplate } from "./curriculum.server";
import { UserInputError } from "./errors";
import { participantProgress } from "./progress.server";
import { signatoriesForNewCertificate, signatoriesView, type SignatoriesView } from "./signatories.server";
import { openNotices, type CoordinatorNotice } from "./notices.server";
import { can } from "../rules/policy";
import type { Actor } from "./users.server";
import { currentTime } from "../clock.server";
import { nudgeMailSender } from "./mail-outbox.server";
import { certificateIssuedMail } from "./mail-updates.server";
import { notifyUser } from "./notify.server";
import { currentEnrolmentId } from "./enrolment.server";
import {
  ensureOpenBadgeCredential,
  isStatusIndexClash,
  nextStatusIndex,
  prepareOpenBadgeCredential,
  storeOpenBadgeCredential,
  type PreparedCredential,
} from "./credentials/open-badge.server";
import { log } from "./log.server";

/** Issuing was refused; `refusals` are the engine's reasons, to show as they are. */
export class IssueRefusedError extends Error {
  constructor(public readonly refusals: IssueRefusal[]) {
    super("certificate.refused");
    this.name = "IssueRefusedError";
  }
}

/** 144 random bits, URL-safe: unguessable, and short enough to type from paper. */
export function newVerificationCode(): string {
  return randomBytes(18).toString("base64url");
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function buildSnapshot(
  db: DB,
  participantId: number,
  issuedOn: string,
  replaces: string | null,
): Promise<Omit<CertificateSnapshot, "number" | "verificationCode" | "verifyUrl"> & { cohortId: number; prefix: string }> {
  const row = await db
    .selectFrom("enrolments as e")
    .innerJoin("users as u", "u.id", "e.participant_id")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select(["u.name", "c.id as cohort_id", "c.name as cohort_name", "c.start_date", "c.end_date"])
    .where("e.participant_id", "=", participantId)
    // The current enrolment, as the engine judges it (participantProgress): after a re-entry, the later cohort.
    .where("e.id", "=", currentEnrolmentId("e.participant_id"))
    .executeTakeFirst();
  const template = row ? await cohortTemplate(db, row.cohort_id) : undefined;
  if (!row || !template) throw new UserInputError("certificate.noCohort");
  const trainings = await db
    .selectFrom("training_choices as tc")
    .innerJoin("trainings as t", "t.id", "tc.training_id")
    .select("t.title")
    .where("tc.participant_id", "=", participantId)
    .where("tc.status", "in", PLACE_STATUSES)
    .orderBy("t.position")
    .execute();
  return {
    cohortId: row.cohort_id,
    prefix: template.certificate.numberPrefix,
    participantName: row.name,
    leerlijn: { name: template.name, version: template.version, level: template.level },
    cohort: { name: row.cohort_name, startDate: row.start_date, endDate: row.end_date },
    hours: { learning: template.rules.learningHoursTarget, practice: template.rules.practiceHoursTarget },
    trainings: trainings.map((t) => t.title),
    issuedOn,
    place: template.certificate.place,
    issuer: template.issuer,
    partners: template.partners,
    title: template.certificate.title,
    statement: template.certificate.statement,
    // The coordinator's setting (or the template's defaults), frozen here: later changes leave this certificate alone.
    signatories: await signatoriesForNewCertificate(db, template),
    replaces,
  };
}

/** The next sequence number of the year (the highest so far plus one). */
async function nextSeq(db: DB, year: number): Promise<number> {
  const last = await db
    .selectFrom("certificates")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("year", "=", year)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

async function insertCertificate(
  db: DB,
  input: {
    participantId: number;
    interviewId: number | null;
    actor: Actor | null;
    verifyBase: string;
    lang: Lang;
    now: Date;
    /** the date the certificate carries: the day of the interview it rests on */
    datedOn: string;
    supersedes: { id: number; number: string } | null;
    /** The app's address for the message to the participant (certificate-issued); none: no mail. */
    baseUrl?: string | null;
  },
): Promise<{ id: number; number: string; verificationCode: string }> {
  const created = await writeCertificate(db, input);
  if (created.mailQueued) nudgeMailSender();
  // Issue 30: the signed Open Badges credential is made with the PDF (which carries it) and stored
  // with the certificate. Should signing have failed, the certificate stands: the credential is made
  // here, or on its first request (the PDF then goes without it).
  await ensureOpenBadgeCredential(db, created.id, input.now).catch((error: unknown) =>
    log({ level: "error", event: "credentials.issue.failed", error, data: { certificateId: created.id } }),
  );
  return { id: created.id, number: created.number, verificationCode: created.verificationCode };
}

async function writeCertificate(
  db: DB,
  input: Parameters<typeof insertCertificate>[1],
): Promise<{ id: number; number: string; verificationCode: string; mailQueued: boolean }> {
  const issuedOn = input.datedOn;
  const base = await buildSnapshot(db, input.participantId, issuedOn, input.supersedes?.number ?? null);
  const { cohortId, prefix, ...rest } = base;
  const year = input.now.getUTCFullYear();
  const code = newVerificationCode();
  const verifyUrl = `${input.verifyBase.replace(/\/$/, "")}/verify/${code}`;
  const template = await cohortTemplate(db, cohortId);
  const participant = await db.selectFrom("users").select("email").where("id", "=", input.participantId).executeTakeFirst();
  // Rendered with `executor` for its reads: the database, or the write transaction when the number
  // or the status list place drafted before it was taken meanwhile.
  const render = async (seq: number, executor: DB = db) => {
    const number = certificateNumber(prefix, year, seq);
    const snapshot: CertificateSnapshot = { ...rest, number, verificationCode: code, verifyUrl };
    // The signed credential (issue 30) goes into the PDF/A as an attached file: one file with the
    // human and the machine form. Signing is not allowed to stop an issue.
    let credential: PreparedCredential | null = null;
    if (template) {
      try {
        credential = await prepareOpenBadgeCredential(executor, { snapshot, template, email: participant?.email ?? null, issuedAt: input.now, now: input.now });
      } catch (error) {
        log({ level: "error", event: "credentials.issue.failed", error, data: { participantId: input.participantId } });
      }
    }
    const attachments = credential
      ? [
          {
            name: `certificaat-${number}.json`,
            content: credential.json,
            mimeType: "application/ld+json",
            description: translate(input.lang, "certificate.pdf.credentialAttachment"),
            relationship: "Alternative" as const,
          },
        ]
      : [];
    return { seq, number, snapshot, credential, pdf: await renderCertificatePdf(snapshot, input.lang, input.now, { attachments }) };
  };
  // The PDF is rendered before the write transaction, with the number that is next now, so the
  // transaction stays short (on SQLite it holds the write lock of the file, for every process).
  let draft = await render(await nextSeq(db, year));
  // Numbering: the next number of the year, taken inside the write transaction after
  // serializeWithin, so issues run one after the other (also across app processes); when another
  // issue took the drafted number meanwhile, the PDF is rendered again with the right one. The
  // unique (year, seq) constraint is the last guard: two issues can never share a number.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        await serializeWithin(trx, `certificates.number.${year}`);
        // Checked again here, in turn: two issues at once (a double click, two processes) make one certificate.
        if (input.supersedes) {
          const old = await trx
            .selectFrom("certificates")
            .select(["revoked_at", "revoke_kind", "superseded_by_id"])
            .where("id", "=", input.supersedes.id)
            .executeTakeFirst();
          if (!old || certificateState(old) !== "geldig") throw new UserInputError("certificate.notValid");
        } else if (await validCertificate(trx, input.participantId)) {
          throw new IssueRefusedError([{ key: "certificate.refused.alreadyIssued", params: {} }]);
        }
        const seq = await nextSeq(trx, year);
        // Another issue took the drafted number or status list place meanwhile: made again here, in
        // turn (issues run one after the other from serializeWithin on), so it cannot be taken again.
        const place = draft.credential ? await nextStatusIndex(trx) : null;
        if (seq !== draft.seq || (draft.credential && place !== draft.credential.statusIndex)) draft = await render(seq, trx);
        const { number, snapshot, pdf } = draft;
        const row = await trx
          .insertInto("certificates")
          .values({
            number,
            year,
            seq,
            verification_code: code,
            participant_id: input.participantId,
            cohort_id: cohortId,
            interview_id: input.interviewId,
            snapshot: JSON.stringify(snapshot),
            pdf_sha256: sha256(pdf),
            pdf,
            issued_at: input.now.toISOString(),
            issued_by: input.actor?.id ?? null,
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
            supersedes_id: input.supersedes?.id ?? null,
            superseded_by_id: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (input.supersedes) await trx.updateTable("certificates").set({ superseded_by_id: row.id }).where("id", "=", input.supersedes.id).execute();
        if (draft.credential) await storeOpenBadgeCredential(trx, row.id, draft.credential, input.now);
        await audit(trx, {
          actor: input.actor,
          action: input.supersedes ? "certificate.reissue" : "certificate.issue",
          target: { type: "certificate", id: row.id },
          details: { number, participantId: input.participantId, supersedes: input.supersedes?.number ?? null },
          at: input.now,
        });
        // The participant hears of it, with the public verification link (and nothing else of the certificate).
        const mailQueued = input.baseUrl
          ? await notifyUser(
              trx,
              {
                type: "certificate-issued",
                userId: input.participantId,
                baseUrl: input.baseUrl,
                layout: certificateIssuedMail(input.baseUrl, { verifyUrl, replaces: input.supersedes !== null }),
                dedupeKey: `certificate-issued:${row.id}`,
              },
              { now: input.now },
            )
          : false;
        return { id: row.id, number, verificationCode: code, mailQueued };
      });
    } catch (error) {
      const message = (error as { message?: string }).message ?? "";
      // A number another issue took meanwhile, or the credential's place in the status list: again.
      if (!/UNIQUE constraint failed: certificates\.(year|seq|number)|duplicate key/.test(message) && !isStatusIndexClash(error)) throw error;
    }
  }
  throw new Error("Kon geen uniek certificaatnummer krijgen.");
}

/** The participant's certificate that counts now (neither revoked nor replaced), if any. */
async function validCertificate(db: DB, participantId: number) {
  return db
    .selectFrom("certificates")
    .select("id")
    .where("participant_id", "=", participantId)
    .where("revoked_at", "is", null)
    .where("superseded_by_id", "is", null)
    .executeTakeFirst();
}

/** The interview that counts: the newest finalised one not superseded by a correction, else the newest planned one. */
async function countingInterview(db: DB, participantId: number) {
  const finalised = await db
    .selectFrom("interviews")
    .select(["id", "status", "outcome", "date"])
    .where("participant_id", "=", participantId)
    .where("status", "=", "afgerond")
    .where("superseded_at", "is", null)
    .orderBy("finalised_at", "desc")
    .executeTakeFirst();
  if (finalised) return finalised;
  return db
    .selectFrom("interviews")
    .select(["id", "status", "outcome", "date"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/**
 * Issues the certificate when the engine says every requirement is met (the interview included);
 * otherwise refuses with the engine's reasons. With `opts.baseUrl` the participant gets a message
 * (certificate-issued) with the public verification link, in the same transaction.
 */
export async function issueCertificate(
  db: DB,
  actor: Actor,
  participantId: number,
  opts: { verifyBase: string; lang?: Lang; today: string; now?: Date; baseUrl?: string | null },
): Promise<{ id: number; number: string; verificationCode: string }> {
  const now = opts.now ?? currentTime();
  const progress = await participantProgress(db, participantId, opts.today);
  if (!progress) throw new UserInputError("certificate.noCohort");
  const interview = await countingInterview(db, participantId);
  const valid = await validCertificate(db, participantId);
  const refusals = issueRefusals(progress.eligibility, interview ? { finalised: interview.status === "afgerond" } : null, Boolean(valid));
  const refuse = async (reasons: IssueRefusal[]) => {
    await audit(db, {
      actor,
      action: "certificate.issue",
      target: { type: "participant", id: participantId },
      outcome: "failure",
      details: { refusals: reasons.map((r) => r.key) },
      at: now,
    });
    return new IssueRefusedError(reasons);
  };
  if (refusals.length > 0) throw await refuse(refusals);
  try {
    // The certificate carries the interview's date (issuing only follows a finalised interview,
    // which is signed on or after its day).
    const datedOn = interview?.date ?? now.toISOString().slice(0, 10);
    return await insertCertificate(db, {
      participantId,
      interviewId: interview?.id ?? null,
      actor,
      verifyBase: opts.verifyBase,
      lang: opts.lang ?? "nl",
      now,
      datedOn,
      supersedes: null,
      baseUrl: opts.baseUrl,
    });
  } catch (error) {
    // Another issue for the same participant got there first (checked again in turn, inside the transaction).
    if (error instanceof IssueRefusedError) throw await refuse(error.refusals);
    throw error;
  }
}

/**
 * A correction (e.g. a misspelt name): a new certificate that supersedes the old one. With
 * `opts.baseUrl` the participant gets a message about the new one, with its verification link.
 */
export async function reissueCertificate(
  db: DB,
  actor: Actor,
  certificateId: number,
  reason: string,
  opts: { verifyBase: string; lang?: Lang; now?: Date; baseUrl?: string | null },
): Promise<{ id: number; number: string; verificationCode: string }> {
  const now = opts.now ?? currentTime();
  const old = await db.selectFrom("certificates").selectAll().where("id", "=", certificateId).executeTakeFirst();
  if (!old) throw new UserInputError("certificate.unknown");
  if (certificateState(old) !== "geldig") throw new UserInputError("certificate.notValid");
  // A replacement keeps the date of the certificate it replaces (the interview's).
  const datedOn = (JSON.parse(old.snapshot) as CertificateSnapshot).issuedOn ?? now.toISOString().slice(0, 10);
  const created = await insertCertificate(db, {
    participantId: old.participant_id,
    interviewId: old.interview_id,
    actor,
    verifyBase: opts.verifyBase,
    lang: opts.lang ?? "nl",
    now,
    datedOn,
    supersedes: { id: old.id, number: old.number },
    baseUrl: opts.baseUrl,
  });
  await audit(db, {
    actor,
    action: "certificate.reissue.reason",
    target: { type: "certificate", id: old.id },
    details: { reason, successor: created.number },
    at: now,
  });
  return created;
}

export async function revokeCertificate(db: DB, actor: Actor, certificateId: number, reason: string, now = currentTime()): Promise<void> {
  const result = await db
    .updateTable("certificates")
    .set({ revoked_at: now.toISOString(), revoked_by: actor.id, revoke_reason: reason })
    .where("id", "=", certificateId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new UserInputError("certificate.notValid");
  await audit(db, { actor, action: "certificate.revoke", target: { type: "certificate", id: certificateId }, details: { reason }, at: now });
}

export interface OwnCertificate {
  id: number;
  number: string;
  code: string;
  state: CertificateState;
  issuedAt: string;
  /** when it stopped being valid: revoked, or replaced (the new one's issue) */
  endedAt: string | null;
  successor: { number: string; code: string } | null;
}

/**
 * The participant's newest certificate, for their home page: a valid one to download and check,
 * or what happened to it (revoked, revoked after a correction, replaced), with the date.
 */
export async function ownCertificate(db: DB, participantId: number): Promise<OwnCertificate | null> {
  const c = await db
    .selectFrom("certificates")
    .select(["id", "number", "verification_code", "issued_at", "revoked_at", "revoke_kind", "superseded_by_id"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!c) return null;
  const next = c.superseded_by_id
    ? await db.selectFrom("certificates").select(["number", "verification_code", "issued_at"]).where("id", "=", c.superseded_by_id).executeTakeFirst()
    : undefined;
  return {
    id: c.id,
    number: c.number,
    code: c.verification_code,
    state: certificateState(c),
    issuedAt: c.issued_at,
    endedAt: c.revoked_at ?? next?.issued_at ?? null,
    successor: next ? { number: next.number, code: next.verification_code } : null,
  };
}

export interface PublicCertificate {
  state: CertificateState;
  number: string;
  participantName: string;
  leerlijn: { name: string; version: number };
  hours: { learning: number; practice: number };
  trainings: string[];
  issuedOn: string;
  issuer: string;
  revokedOn: string | null;
  successor: { number: string; code: string } | null;
  pdfSha256: string;
}

/** What the public verification page may show: what it certifies, never anything sensitive. */
export async function verifyCertificate(db: DB, code: string): Promise<PublicCertificate | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) return undefined;
  // Only what the page shows: not the stored PDF (a visitor's check need not load 100 kB).
  const c = await db
    .selectFrom("certificates")
    .select(["number", "snapshot", "revoked_at", "revoke_kind", "superseded_by_id", "pdf_sha256"])
    .where("verification_code", "=", code)
    .executeTakeFirst();
  if (!c) return undefined;
  const s = JSON.parse(c.snapshot) as CertificateSnapshot;
  const successor = c.superseded_by_id
    ? await db.selectFrom("certificates").select(["number", "verification_code"]).where("id", "=", c.superseded_by_id).executeTakeFirst()
    : undefined;
  return {
    state: certificateState(c),
    number: c.number,
    participantName: s.participantName,
    leerlijn: { name: s.leerlijn.name, version: s.leerlijn.version },
    hours: s.hours,
    trainings: s.trainings,
    issuedOn: s.issuedOn,
    issuer: s.issuer,
    revokedOn: c.revoked_at ? c.revoked_at.slice(0, 10) : null,
    successor: successor ? { number: successor.number, code: successor.verification_code } : null,
    pdfSha256: c.pdf_sha256,
  };
}

export interface RegisterRow {
  id: number;
  number: string;
  participant_id: number;
  name: string;
  cohort_name: string;
  issued_at: string;
  state: CertificateState;
  revoked_at: string | null;
  verification_code: string;
  revoke_reason: string | null;
}

/**
 * The register of every certificate, newest first; `q` searches name or number. The name is the
 * one on the certificate (frozen at issue), not the account's: an anonymised person's certificate
 * is still their proof, and the register still finds it by their name.
 */
export async function certificateRegister(db: DB, q = ""): Promise<RegisterRow[]> {
  let query = db
    .selectFrom("certificates as c")
    .innerJoin("cohorts as co", "co.id", "c.cohort_id")
    .select([
      "c.id",
      "c.number",
      "c.participant_id",
      "c.participant_name",
      "co.name as cohort_name",
      "c.issued_at",
      "c.revoked_at",
      "c.revoke_kind",
      "c.superseded_by_id",
      "c.verification_code",
      "c.revoke_reason",
    ])
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc");
  const term = q.trim();
  if (term) query = query.where((eb) => eb.or([eb("c.participant_name", likeInsensitive(db), `%${term}%`), eb("c.number", likeInsensitive(db), `%${term}%`)]));
  const rows = await query.execute();
  return rows.map(({ revoked_at, revoke_kind, superseded_by_id, participant_name, ...r }) => ({
    ...r,
    name: participant_name ?? "",
    revoked_at,
    state: certificateState({ revoked_at, revoke_kind, superseded_by_id }),
  }));
}

/**
 * One certificate's PDF, exactly as issued, for the coordinator, its assessors and its owner; the
 * download is audited. Anyone else (or a certificate that does not exist): undefined, the refusal audited.
 */
export async function certificateDownload(
  db: DB,
  viewer: Actor,
  certificateId: number,
  ip: string | null,
): Promise<{ number: string; pdf: Buffer } | undefined> {
  const cert = await db.selectFrom("certificates").select(["participant_id", "interview_id"]).where("id", "=", certificateId).executeTakeFirst();
  const assessorIds = cert?.interview_id
    ? (await db.selectFrom("interview_assessors").select("user_id").where("interview_id", "=", cert.interview_id).execute()).map((a) => a.user_id)
    : [];
  const allowed = cert && can(viewer, "certificate.download", { ownerId: cert.participant_id, assessorIds });
  if (!allowed) {
    await audit(db, { actor: viewer, action: "certificate.download", target: { type: "certificate", id: certificateId }, outcome: "denied", ip });
    return undefined;
  }
  const file = (await certificatePdf(db, { id: certificateId }))!;
  await audit(db, { actor: viewer, action: "certificate.download", target: { type: "certificate", id: certificateId }, ip });
  return { number: file.number, pdf: file.pdf };
}

/** A participant's certificates for their interview page, newest first, each with its state. */
export interface ParticipantCertificate {
  id: number;
  number: string;
  issued_at: string;
  state: CertificateState;
}

export async function participantCertificates(db: DB, participantId: number): Promise<ParticipantCertificate[]> {
  const certs = await db
    .selectFrom("certificates")
    .select(["id", "number", "issued_at", "revoked_at", "revoke_kind", "superseded_by_id"])
    .where("participant_id", "=", participantId)
    .orderBy("id", "desc")
    .execute();
  return certs.map((c) => ({ id: c.id, number: c.number, issued_at: c.issued_at, state: certificateState(c) }));
}

/** Whether the participant was ever issued a certificate (in any state). */
export async function hasCertificate(db: DB, participantId: number): Promise<boolean> {
  const certificate = await db.selectFrom("certificates").select("id").where("participant_id", "=", participantId).executeTakeFirst();
  return certificate !== undefined;
}

/** The cohorts that have at least one certificate, newest start first (the certificate books). */
export async function cohortsWithCertificates(db: DB): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom("cohorts as c")
    .select(["c.id", "c.name"])
    .where((eb) => eb.exists(eb.selectFrom("certificates as x").select("x.id").whereRef("x.cohort_id", "=", "c.id")))
    .orderBy("c.start_date", "desc")
    .execute();
}

/** The coordinator's register page: the rows found by `q`, the certificate books, open notices and who signs. */
export async function certificateRegisterPage(
  db: DB,
  q: string,
): Promise<{ rows: RegisterRow[]; cohorts: { id: number; name: string }[]; notices: CoordinatorNotice[]; signatories: SignatoriesView }> {
  const cohorts = await cohortsWithCertificates(db);
  return { rows: await certificateRegister(db, q), cohorts, notices: await openNotices(db), signatories: await signatoriesView(db) };
}

export async function certificatePdf(
  db: DB,
  where: { id: number } | { participantId: number },
): Promise<{ number: string; pdf: Buffer; name: string } | undefined> {
  let q = db.selectFrom("certificates as c").select(["c.number", "c.pdf", "c.participant_name"]);
  q =
    "id" in where
      ? q.where("c.id", "=", where.id)
      : q.where("c.participant_id", "=", where.participantId).where("c.revoked_at", "is", null).where("c.superseded_by_id", "is", null);
  const row = await q.orderBy("c.id", "desc").executeTakeFirst();
  return row ? { number: row.number, pdf: Buffer.from(row.pdf), name: row.participant_name ?? "" } : undefined;
}

/** All valid certificates of a cohort in one PDF, for the ceremony. */
export async function cohortCertificateBook(
  db: DB,
  cohortId: number,
  lang: Lang,
  now = currentTime(),
): Promise<{ cohortName: string; pdf: Buffer; count: number } | undefined> {
  const cohort = await db.selectFrom("cohorts").select("name").where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) return undefined;
  const rows = await db
    .selectFrom("certificates as c")
    .select(["c.snapshot"])
    .where("c.cohort_id", "=", cohortId)
    .where("c.revoked_at", "is", null)
    .where("c.superseded_by_id", "is", null)
    .orderBy("c.participant_name")
    .execute();
  const pdf = await renderCertificateBook(
    rows.map((r) => JSON.parse(r.snapshot) as CertificateSnapshot),
    cohort.name,
    lang,
    now,
  );
  return { cohortName: cohort.name, pdf, count: rows.length };
}
