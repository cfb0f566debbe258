import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Scripts and tests run from the project folder. */
export const MIGRATIONS_DIR = path.resolve("db/migrations");
export const CHECKSUMS_FILE = path.join(MIGRATIONS_DIR, "checksums.json");

/** The SHA-256 of each migration file (NNNN_name.ts), line endings normalised. */
export function migrationChecksums(): Record<string, string> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.ts$/.test(f))
    .sort();
  return Object.fromEntries(
    files.map((f) => [
      f,
      createHash("sha256")
        .update(fs.readFileSync(path.join(MIGRATIONS_DIR, f), "utf8").replace(/\r\n/g, "\n"))
        .digest("hex"),
    ]),
  );
}

export function recordedChecksums(): Record<string, string> {
  return fs.existsSync(CHECKSUMS_FILE) ? (JSON.parse(fs.readFileSync(CHECKSUMS_FILE, "utf8")) as Record<string, string>) : {};
}
