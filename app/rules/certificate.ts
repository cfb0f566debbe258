/**
 * Certificates, pure: when one may be issued, and how its number is written.
 */
import { allMissing, type Eligibility, type Missing } from "./eligibility";

export type IssueRefusal = Missing | { key: "certificate.refused.notFinalised" | "certificate.refused.alreadyIssued"; params: Record<string, string | number> };

/**
 * Why a certificate may not be issued now; empty when it may. The engine's own reasons come
 * first (having left the course before anything else, then the same sentences as on the
 * dashboard), then the interview's state.
 */
export function issueRefusals(eligibility: Eligibility, interview: { finalised: boolean } | null, hasValidCertificate: boolean): IssueRefusal[] {
  const refusals: IssueRefusal[] = allMissing(eligibility);
  if (interview && !interview.finalised) refusals.push({ key: "certificate.refused.notFinalised", params: {} });
  if (hasValidCertificate) refusals.push({ key: "certificate.refused.alreadyIssued", params: {} });
  return refusals;
}

/** LLB-2026-0007: a prefix, the year, and a sequence number per year. */
export function certificateNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, "0")}`;
}

export type CertificateState = "geldig" | "ingetrokken" | "ingetrokken_na_correctie" | "vervangen";
export const CERTIFICATE_STATES: readonly CertificateState[] = ["geldig", "ingetrokken", "ingetrokken_na_correctie", "vervangen"];

/**
 * The one rule for a certificate's state, for the register, /verify, the JSON, the interview file
 * and the participant's page alike: revoked (by hand, or after a correction of the interview)
 * before replaced, else valid.
 */
export function certificateState(c: { revoked_at: string | null; revoke_kind: "correctie" | null; superseded_by_id: number | null }): CertificateState {
  if (c.revoked_at) return c.revoke_kind === "correctie" ? "ingetrokken_na_correctie" : "ingetrokken";
  if (c.superseded_by_id) return "vervangen";
  return "geldig";
}
