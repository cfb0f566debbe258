import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { amsterdamDay, amsterdamTime } from "./amsterdam";
import { CHECK_IN_ALPHABET, CHECK_IN_CODE_LENGTH, normaliseCheckInCode } from "./check-in-format";

export { CHECK_IN_ALPHABET, CHECK_IN_CODE_LENGTH, normaliseCheckInCode };

/**
 * Self check-in codes (issue 29 point 4). During a meeting the trainer's screen shows a short code
 * that changes every minute. The code is never stored: it is derived from a key (the server's
 * check-in secret from the configuration plus a random secret kept per meeting in the database),
 * the meeting's id and the minute number. The code of the current minute and of the minute before
 * it are accepted (time to read it off a projector and type it), nothing older; a code of another
 * meeting never matches, because the meeting id is part of what is signed.
 *
 * Minutes are counted in whole minutes since 1970 (UTC); Amsterdam's offsets are whole hours, so
 * the code changes at the same moment the wall clock's minute does.
 */

/** Minutes before the start from which the screen shows a code. */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 15;
/** Besides the current minute, how many earlier minutes' codes are still accepted. */
export const CHECK_IN_GRACE_MINUTES = 1;

/** A new random per-meeting secret, base64url (256 bits). */
export function newCheckInSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The minute number of a moment: whole minutes since 1970. */
export function minuteOf(moment: Date): number {
  return Math.floor(moment.getTime() / 60_000);
}

/** Seconds until the code changes (1–60). */
export function secondsLeftInMinute(moment: Date): number {
  return 60 - Math.floor((moment.getTime() % 60_000) / 1000);
}

/** The code of one meeting in one minute. `key`: the server secret and the meeting's own secret, joined. */
export function checkInCode(key: string, meetingId: number, minute: number): string {
  const mac = createHmac("sha256", key).update(`check-in:${meetingId}:${minute}`).digest();
  let code = "";
  // One byte per character (26 characters: a slight bias, irrelevant for a code that lives two minutes).
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) code += CHECK_IN_ALPHABET[mac[i] % CHECK_IN_ALPHABET.length];
  return code;
}

/** True when the typed code is this meeting's code of this minute or of the minute before. */
export function acceptsCheckInCode(key: string, meetingId: number, typed: string, now: Date): boolean {
  const code = normaliseCheckInCode(typed);
  if (code.length !== CHECK_IN_CODE_LENGTH) return false;
  const minute = minuteOf(now);
  let ok = false;
  for (let back = 0; back <= CHECK_IN_GRACE_MINUTES; back++) {
    const expected = checkInCode(key, meetingId, minute - back);
    // Compare every candidate, in constant time.
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) ok = true;
  }
  return ok;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

export interface CheckInMeeting {
  date: string;
  start_time: string;
  end_time: string;
  status: string;
}

/**
 * Whether check-in is open at a moment: from 15 minutes before the start to the end, on the
 * meeting's day in Amsterdam, and never for a cancelled meeting. (A meeting starting before 00:15
 * opens at midnight.)
 */
export function checkInOpen(meeting: CheckInMeeting, now: Date): boolean {
  if (meeting.status === "cancelled") return false;
  if (amsterdamDay(now) !== meeting.date) return false;
  const t = minutesOf(amsterdamTime(now));
  return t >= minutesOf(meeting.start_time) - CHECK_IN_OPENS_BEFORE_MINUTES && t < minutesOf(meeting.end_time);
}
