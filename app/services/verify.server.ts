import type { DB } from "../../db/connect";
import { SlidingWindowLimiter } from "../rules/rate-limit";
import { verifyCertificate, type PublicCertificate } from "./certificates.server";

/** Unknown codes per IP address: 20 per 10 minutes, then the page answers 429 for a while. */
export const VERIFY_MISS_LIMIT = { max: 20, windowMinutes: 10 } as const;
const misses = new SlidingWindowLimiter(VERIFY_MISS_LIMIT.max, VERIFY_MISS_LIMIT.windowMinutes * 60_000);

export type VerifyAnswer = { status: 200; certificate: PublicCertificate } | { status: 404 } | { status: 429 };

/** The public answer for a code, with guessing slowed down per IP. */
export async function verifyForVisitor(db: DB, code: string, ip: string | null, now = Date.now()): Promise<VerifyAnswer> {
  const key = ip ?? "onbekend";
  if (misses.blocked(key, now)) return { status: 429 };
  const certificate = await verifyCertificate(db, code);
  if (certificate) return { status: 200, certificate };
  misses.hit(key, now);
  return { status: 404 };
}
