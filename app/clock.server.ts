/**
 * The app's one clock for "now" and "today". The app, the demo data and the tests all read it, so
 * nothing depends on the real calendar when the clock is set.
 *
 * - Unset (production): the real time.
 * - `LEERLIJN_NOW=2026-11-18T10:00:00+01:00`: the clock reads that moment when the process starts
 *   and then runs on at real speed (session time-outs, rate limits and deadlines keep working).
 * - `LEERLIJN_NOW_ANCHOR=<ms since 1970>`: the real moment at which the clock read LEERLIJN_NOW.
 *   The test runner sets it once, so the test processes and the app server they start share one
 *   clock instead of each starting it when they load.
 *
 * Not for TOTP codes (an authenticator app uses the real time) or log lines.
 */
function offsetFromEnv(env: NodeJS.ProcessEnv): number {
  const setting = env.LEERLIJN_NOW?.trim();
  if (!setting) return 0;
  const at = Date.parse(setting);
  if (Number.isNaN(at)) throw new Error(`LEERLIJN_NOW is geen geldig moment: ${setting} (voorbeeld: 2026-11-18T10:00:00+01:00)`);
  const anchor = env.LEERLIJN_NOW_ANCHOR ? Number(env.LEERLIJN_NOW_ANCHOR) : Date.now();
  if (!Number.isFinite(anchor)) throw new Error(`LEERLIJN_NOW_ANCHOR is geen getal: ${env.LEERLIJN_NOW_ANCHOR}`);
  return at - anchor;
}

let offsetMs = offsetFromEnv(process.env);

/** The current moment on the app's clock. */
export function currentTime(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The current moment in milliseconds since 1970, on the app's clock. */
export function currentTimeMs(): number {
  return Date.now() + offsetMs;
}

/** True when the clock is set away from the real time (tests, demos of a given day). */
export function clockIsSet(): boolean {
  return offsetMs !== 0;
}

/** Reads the clock's settings again (for tests of the clock itself). */
export function resetClockFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  offsetMs = offsetFromEnv(env);
}
