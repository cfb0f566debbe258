import type { MessageKey } from "../i18n/nl";

/**
 * Database faults the user may meet, as a dictionary key for a plain Dutch message without
 * technical detail. Anything not listed is an unexpected error for the generic error page.
 */
export function dbErrorMessage(error: unknown): MessageKey | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "SQLITE_FULL":
      return "error.storageFull";
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return "error.busy";
    default:
      return null;
  }
}
