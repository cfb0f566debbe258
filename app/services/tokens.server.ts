import { createHash, randomBytes } from "node:crypto";

/** A new random token of 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored only as their SHA-256, so a copy of the database opens no session. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
