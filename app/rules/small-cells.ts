/**
 * Small numbers in figures for funders (issue 31, point 5), with the one rule of the funder report
 * (app/rules/funder-report.ts): a count of 1 to SMALL_CELL − 1 is not shown ("< 5").
 *
 * A table whose rows add up to a total shown elsewhere would give a hidden number back by
 * subtraction (total 12, Noord 8, Oost "< 5": Oost is 4). So when a hidden number can be worked
 * out from the total and the other rows, one more number is hidden ("niet getoond"): first the
 * smallest other number above 0, then the total, then a row with 0. Several tables that split the
 * same total (requests per stadsdeel, per language, open/closed) are checked together, since the
 * total is the same in all of them.
 *
 * A hidden value never leaves this module: a cell says only that it is hidden and why.
 */
import { SMALL_CELL } from "./funder-report";

export type Cell =
  /** shown as it is */
  | { kind: "value"; value: number }
  /** 1 to SMALL_CELL − 1: "< 5" */
  | { kind: "small" }
  /** hidden so that a small number cannot be worked out from the others */
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

/** A figure made from `basis` records (hours summed over requests, a median): hidden as "< 5" when that basis is small. */
export function figureOf(value: number | null, basis: number): Cell {
  if (basis === 0 || value === null) return { kind: "none" };
  return isSmall(basis) ? { kind: "small" } : { kind: "value", value };
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
  // Hidden to protect another: a reader may guess it is SMALL_CELL or more (the small ones say
  // "< 5"), except for a 0 hidden as a last resort, which they cannot tell apart.
  return s.value > 0 ? [SMALL_CELL, Infinity] : [0, Infinity];
}

const toCell = (s: Slot): Cell => (s.state === "shown" ? { kind: "value", value: s.value } : s.state === "small" ? { kind: "small" } : { kind: "hidden" });

/**
 * A total and one or more ways of splitting it (each list of counts adds up to the total).
 * Returns the cells to show: small counts as "< 5", and as few others hidden as needed so that no
 * small count can be worked out exactly from the total and the rest.
 */
export function protectPartitions(total: number, partitions: readonly (readonly number[])[]): { total: Cell; partitions: Cell[][] } {
  for (const p of partitions) {
    const sum = p.reduce((a, b) => a + b, 0);
    if (sum !== total) throw new Error(`protectPartitions: een verdeling telt op tot ${sum}, het totaal is ${total}`);
  }
  const t: Slot = { value: total, state: isSmall(total) ? "small" : "shown" };
  const parts: Slot[][] = partitions.map((p) => p.map((value) => ({ value, state: isSmall(value) ? "small" : "shown" })));

  // Each round hides one more slot; there are finitely many, so this ends.
  for (let round = 0; round < 1000; round++) {
    const leak = findLeak(t, parts);
    if (leak === null) break;
    const target = leak === "total" ? parts : [parts[leak]!];
    const next = pickToHide(t, target);
    if (!next) break;
    next.state = "hidden";
  }
  return { total: toCell(t), partitions: parts.map((p) => p.map(toCell)) };
}

/** The range the total must lie in, from its own cell and from every split of it. */
function totalRange(t: Slot, parts: Slot[][]): [number, number] {
  let [lo, hi] = bounds(t);
  for (const p of parts) {
    lo = Math.max(
      lo,
      p.reduce((a, s) => a + bounds(s)[0], 0),
    );
    hi = Math.min(
      hi,
      p.reduce((a, s) => a + bounds(s)[1], 0),
    );
  }
  return [lo, hi];
}

/** The index of a split in which a small count can be worked out exactly, "total" for the total, or null. */
function findLeak(t: Slot, parts: Slot[][]): number | "total" | null {
  const [tlo, thi] = totalRange(t, parts);
  if (t.state === "small" && tlo === thi) return "total";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const los = p.map((s) => bounds(s)[0]);
    const his = p.map((s) => bounds(s)[1]);
    const sumLo = los.reduce((a, b) => a + b, 0);
    const sumHi = his.reduce((a, b) => a + b, 0);
    for (let j = 0; j < p.length; j++) {
      if (p[j]!.state !== "small") continue;
      const lo = Math.max(1, tlo - (sumHi - his[j]!));
      const hi = Math.min(SMALL_CELL - 1, thi - (sumLo - los[j]!));
      if (lo === hi) return i;
    }
  }
  return null;
}

/** The next slot to hide: the smallest shown count above 0, else the total, else a shown 0. */
function pickToHide(t: Slot, parts: Slot[][]): Slot | undefined {
  const shown = parts.flat().filter((s) => s.state === "shown");
  const aboveZero = shown.filter((s) => s.value > 0).sort((a, b) => a.value - b.value);
  if (aboveZero[0]) return aboveZero[0];
  if (t.state === "shown") return t;
  return shown[0];
}
