import type { DB } from "../../db/connect";
import { verifyCertificate, type PublicCertificate } from "./certificates.server";
import { RATE_LIMITS, overLimit, recordHit, recordHoneypot } from "./rate-limit.server";
import { currentTimeMs } from "../clock.server";

/**
 * Unknown codes per IP address: 20 per 10 minutes, then unknown codes get 429 for a while.
 * Counted in the database, so two app processes together allow no more than one. Only misses
 * count and only misses are refused: people behind one office address (NAT) can still check a
 * real certificate while someone there is guessing. Guessing itself gains nothing from that:
 * a code is 144 random bits, and every miss over the limit still gets 429.
 */
export const VERIFY_MISS_LIMIT = RATE_LIMITS.verify;

export type VerifyAnswer = { status: 200; certificate: PublicCertificate } | { status: 404 } | { status: 429 };

/** The public answer for a code, with guessing slowed down per IP. */
export async function verifyForVisitor(db: DB, code: string, ip: string | null, now = currentTimeMs()): Promise<VerifyAnswer> {
  const subject = ip ?? "onbekend";
  const at = new Date(now);
  const certificate = await verifyCertificate(db, code);
  if (certificate) return { status: 200, certificate };
  if (await overLimit(db, "verify", subject, at)) return { status: 429 };
  await recordHit(db, "verify", subject, at);
  return { status: 404 };
}

/**
 * The typed-code form's hidden field was filled in (a robot): counted as a miss of this address,
 * so the same limit applies, and audited once a window. 429 once the address is over the limit.
 */
export async function verifyHoneypot(db: DB, ip: string | null, now = currentTimeMs()): Promise<{ status: 400 | 429 }> {
  const subject = ip ?? "onbekend";
  const at = new Date(now);
  if (await overLimit(db, "verify", subject, at)) return { status: 429 };
  await recordHit(db, "verify", subject, at);
  await recordHoneypot(db, "verify", ip, at);
  return { status: 400 };
}
