import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/**
 * Online backup and checked restore of the SQLite database. The backup uses SQLite's own backup
 * API, which copies a consistent snapshot while the app keeps reading and writing.
 */
export async function backupDatabase(sourceFile: string, targetFile: string): Promise<{ bytes: number; integrity: string }> {
  if (!fs.existsSync(sourceFile)) throw new Error(`Database niet gevonden: ${sourceFile}`);
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const tmp = `${targetFile}.part`;
  fs.rmSync(tmp, { force: true });
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    await source.backup(tmp);
  } finally {
    source.close();
  }
  const integrity = checkIntegrity(tmp);
  if (integrity !== "ok") {
    fs.rmSync(tmp, { force: true });
    throw new Error(`De back-up is niet in orde (${integrity}); er is niets bewaard.`);
  }
  fs.renameSync(tmp, targetFile);
  return { bytes: fs.statSync(targetFile).size, integrity };
}

export function checkIntegrity(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/**
 * Restores a backup over the database file, only after the backup passes the integrity check.
 * The app must be stopped; the current file is kept beside it as `<file>.voor-herstel`.
 */
export function restoreDatabase(backupFile: string, targetFile: string): { kept: string | null } {
  if (!fs.existsSync(backupFile)) throw new Error(`Back-up niet gevonden: ${backupFile}`);
  const integrity = checkIntegrity(backupFile);
  if (integrity !== "ok") throw new Error(`De back-up is beschadigd (${integrity}); er is niets hersteld.`);
  let kept: string | null = null;
  if (fs.existsSync(targetFile)) {
    kept = `${targetFile}.voor-herstel`;
    // Fold any WAL into the current file first, so the kept copy is complete.
    const current = new SQLite(targetFile);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    fs.copyFileSync(targetFile, kept);
  }
  const tmp = `${targetFile}.herstel`;
  fs.copyFileSync(backupFile, tmp);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  fs.renameSync(tmp, targetFile);
  return { kept };
}
