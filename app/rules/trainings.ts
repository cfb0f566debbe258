/**
 * Choosing trainings, pure: the elective-hours limit of the leerlijn and the places of a
 * training. A waiting-list choice counts toward the limit too, because it may become a place.
 */
export type ChoiceStatus = "gekozen" | "bevestigd" | "wachtlijst";

/** Statuses that hold a place in the training (and put the participant on its attendance list). */
export const PLACE_STATUSES: readonly ChoiceStatus[] = ["gekozen", "bevestigd"];

export function holdsPlace(status: ChoiceStatus): boolean {
  return PLACE_STATUSES.includes(status);
}

export function placesLeft(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

export type ChoiceDecision = { ok: true; status: "gekozen" | "wachtlijst" } | { ok: false; reason: "alreadyChosen" | "overLimit" | "full" };

export interface ChoiceFacts {
  /** hours of the trainings this participant already chose (any status), not counting this one */
  chosenHours: number;
  trainingHours: number;
  electiveHoursMax: number;
  alreadyChosen: boolean;
  capacity: number | null;
  /** places held by others in this training */
  taken: number;
  /** the participant asked for the waiting list when the training is full */
  waitingListWanted: boolean;
}

/** May this participant choose this training, and does it give a place or a waiting-list spot? */
export function decideChoice(f: ChoiceFacts): ChoiceDecision {
  if (f.alreadyChosen) return { ok: false, reason: "alreadyChosen" };
  // A small tolerance so 0.1 + 0.2-style sums never refuse an exact fit.
  if (f.chosenHours + f.trainingHours > f.electiveHoursMax + 1e-9) return { ok: false, reason: "overLimit" };
  const left = placesLeft(f.capacity, f.taken);
  if (left === null || left > 0) return { ok: true, status: "gekozen" };
  return f.waitingListWanted ? { ok: true, status: "wachtlijst" } : { ok: false, reason: "full" };
}

/** Elective hours left to choose; never negative. */
export function electiveHoursLeft(chosenHours: number, electiveHoursMax: number): number {
  return Math.max(0, electiveHoursMax - chosenHours);
}

/** Who moves up when a place frees: the longest waiting, by the time they chose, then by id. */
export function nextFromWaitingList<T extends { status: ChoiceStatus; created_at: string; id: number }>(choices: T[]): T | undefined {
  return choices.filter((c) => c.status === "wachtlijst").sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)[0];
}
