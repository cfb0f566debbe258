/**
 * Small numbers in figures for funders (issue 31, point 5), with the one rule of the funder report
 * (app/rules/funder-report.ts): a count of 1 to SMALL_CELL − 1 is not shown ("< 5").
 *
 * A table whose rows add up to a total shown elsewhere would give a hidden number back by
 * subtraction (total 12, Noord 8, Oost "< 5": Oost is 4). So when a hidden number can be worked
 * out from the total and the other rows, one more number is hidden ("niet getoond"): first the
 * smallest other number above 0, then the total, and as a last resort the whole table. Several tables that split the
 * same total (requests per stadsdeel, per language, open/closed) are checked together, since the
 * total is the same in all of them.
 *
 * A hidden value never leaves this module: a cell says only that it is hidden and why.
 */
/** Counts of people below this (and above 0) are not shown. */
export const SMALL_CELL = 5;

export type Cell =
  /** shown as it is */
  | { kind: "value"; value: number }
  /** 1 to SMALL_CELL − 1: "< 5" */
  | { kind: "small" }
  /** hidden so that a small number cannot be worked out from the others, or a figure of 1–4 records */
  | { kind: "hidden" }
  /** nothing to measure (a median of no requests) */
  | { kind: "none" };

export function isSmall(n: number): boolean {
  return n > 0 && n < SMALL_CELL;
}

/** A count on its own (no total it adds up to): "< 5" when small. */
export function countCell(n: number): Cell {
  return isSmall(n) ? { kind: "small" } : { kind: "value", value: n };
}

/**
 * A figure made from `basis` records (hours summed over requests, a median): "niet getoond" when
 * that basis is small ("< 5" would read as less than 5 hours or days).
 */
export function figureOf(value: number | null, basis: number): Cell {
  if (basis === 0 || value === null) return { kind: "none" };
  return isSmall(basis) ? { kind: "hidden" } : { kind: "value", value };
}

type State = "shown" | "small" | "hidden";

interface Slot {
  value: number;
  state: State;
}

/** What someone reading the figures knows about a slot: the range its value must lie in. */
function bounds(s: Slot): [number, number] {
  if (s.state === "shown") return [s.value, s.value];
  if (s.state === "small") return [1, SMALL_CELL - 1];
  // Hidden to protect another: only a number above 0 that is not small is hidden that way
  // (a reader who knows this rule knows it too).
  return [SMALL_CELL, Infinity];
}

const toCell = (s: Slot): Cell => (s.state === "shown" ? { kind: "value", value: s.value } : s.state === "small" ? { kind: "small" } : { kind: "hidden" });
const hiddenCell: Cell = { kind: "hidden" };

interface Split {
  slots: Slot[];
  /** nothing in it is shown (the last resort): it says nothing about the total either */
  blank: boolean;
}

/**
 * A total and one or more ways of splitting it (each list of counts adds up to the total).
 * Returns the cells to show: small counts as "< 5", and as few others hidden as needed so that no
 * small count can be worked out exactly from the total and the rest: first the smallest other
 * number of that split, then the total. When that is not enough (four stadsdelen with "< 5" and a
 * total of "< 5": each is 1), the whole split is "niet getoond". `totalKnown`: the total can be
 * worked out from other figures anyway (the funder report's "left" is participants minus those
 * still in): hiding it would not help, so a split that still gives a small count away goes blank.
 */
export function protectPartitions(
  total: number,
  partitions: readonly (readonly number[])[],
  opts: { totalKnown?: boolean } = {},
): { total: Cell; partitions: Cell[][] } {
  for (const p of partitions) {
    const sum = p.reduce((a, b) => a + b, 0);
    if (sum !== total) throw new Error(`protectPartitions: een verdeling telt op tot ${sum}, het totaal is ${total}`);
  }
  const t: Slot = { value: total, state: isSmall(total) ? "small" : "shown" };
  const splits: Split[] = partitions.map((p) => ({ slots: p.map((value) => ({ value, state: isSmall(value) ? "small" : "shown" })), blank: false }));

  // Each round hides one more slot or blanks one split; there are finitely many, so this ends.
  for (;;) {
    const leak = findLeak(t, splits);
    if (leak === null) break;
    const split = splits[leak]!;
    const smallest = split.slots.filter((s) => s.state === "shown" && s.value > 0).sort((a, b) => a.value - b.value)[0];
    if (smallest) smallest.state = "hidden";
    else if (t.state === "shown" && !opts.totalKnown) t.state = "hidden";
    else split.blank = true;
  }
  return { total: toCell(t), partitions: splits.map((p) => p.slots.map((s) => (p.blank ? hiddenCell : toCell(s)))) };
}

const sumOf = (slots: Slot[], side: 0 | 1) => slots.reduce((a, s) => a + bounds(s)[side], 0);

/** The range the total must lie in, from its own cell and from every split still shown. */
function totalRange(t: Slot, splits: Split[]): [number, number] {
  let [lo, hi] = bounds(t);
  for (const p of splits) {
    if (p.blank) continue;
    lo = Math.max(lo, sumOf(p.slots, 0));
    hi = Math.min(hi, sumOf(p.slots, 1));
  }
  return [lo, hi];
}

/** The index of a split that gives a small count (or the small total) away, or null. */
function findLeak(t: Slot, splits: Split[]): number | null {
  const [tlo, thi] = totalRange(t, splits);
  const open = splits.map((p, i) => ({ p, i })).filter(({ p }) => !p.blank);
  if (t.state === "small" && tlo === thi) {
    // A small total is pinned from below by the split with the most small counts in it.
    const pinning = open.sort((a, b) => sumOf(b.p.slots, 0) - sumOf(a.p.slots, 0))[0];
    return pinning ? pinning.i : null;
  }
  for (const { p, i } of open) {
    const sumLo = sumOf(p.slots, 0);
    const sumHi = sumOf(p.slots, 1);
    for (const s of p.slots) {
      if (s.state !== "small") continue;
      const [own, ownHi] = bounds(s);
      const lo = Math.max(own, tlo - (sumHi - ownHi));
      const hi = Math.min(ownHi, thi - (sumLo - own));
      if (lo === hi) return i;
    }
  }
  return null;
}
