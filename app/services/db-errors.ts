import type { MessageKey } from "../i18n/nl";

/**
 * Database faults the user may meet, as a dictionary key for a plain Dutch message without
 * technical detail. Anything not listed is an unexpected error for the generic error page.
 */
export function dbErrorMessage(error: unknown): MessageKey | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "SQLITE_FULL":
    case "53100": // PostgreSQL: disk_full
      return "error.storageFull";
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
    case "40001": // PostgreSQL: serialization_failure
    case "40P01": // PostgreSQL: deadlock_detected
    case "55P03": // PostgreSQL: lock_not_available
      return "error.busy";
    default:
      return null;
  }
}
