import { SMALL_CELL } from "../../app/rules/funder-report";
import { countCell, figureOf, protectPartitions, type Cell } from "../../app/rules/small-cells";

/*
 * Issue 31, point 5: small numbers in the pool's figures for the funder. The rule of the funder
 * report ("< 5" for 1 to 4), and no small number that can be worked out from a total and the
 * other rows. The check below is a reader who knows the rule and tries every possible value.
 */

const v = (value: number): Cell => ({ kind: "value", value });
const small: Cell = { kind: "small" };
const hidden: Cell = { kind: "hidden" };

/** The values a reader cannot rule out for a cell, knowing the rule (hidden ones are 5 or more). */
function readerRange(cell: Cell, max: number): number[] {
  if (cell.kind === "value") return [cell.value];
  if (cell.kind === "small") return [1, 2, 3, 4];
  const out: number[] = [];
  for (let n = SMALL_CELL; n <= max; n++) out.push(n);
  return out;
}

/** Sums the cells of one split can make, with each cell's possible values. */
function sums(sets: number[][], max: number): Set<number> {
  let acc = new Set([0]);
  for (const set of sets) {
    const next = new Set<number>();
    for (const a of acc) for (const b of set) if (a + b <= max) next.add(a + b);
    acc = next;
  }
  return acc;
}

/** For every small cell (and a small total): how many values a reader cannot rule out. */
function possibilities(total: Cell, parts: Cell[][], max: number): number[] {
  const shownParts = parts.filter((p) => !p.every((c) => c.kind === "hidden"));
  const feasibleTotals = readerRange(total, max).filter((t) =>
    shownParts.every((p) =>
      sums(
        p.map((c) => readerRange(c, max)),
        max,
      ).has(t),
    ),
  );
  const counts: number[] = [];
  if (total.kind === "small") counts.push(feasibleTotals.length);
  for (const p of shownParts)
    p.forEach((cell, j) => {
      if (cell.kind !== "small") return;
      const others = sums(
        p.filter((_, k) => k !== j).map((c) => readerRange(c, max)),
        max,
      );
      counts.push(readerRange(cell, max).filter((x) => feasibleTotals.some((t) => others.has(t - x))).length);
    });
  return counts;
}

/** A small random generator with a fixed seed: the same cases every run. */
function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

function split(total: number, parts: number, rnd: (n: number) => number): number[] {
  const cells = new Array<number>(parts).fill(0);
  for (let i = 0; i < total; i++) cells[rnd(parts)]! += 1;
  return cells;
}

describe("small numbers in the pool's figures", () => {
  it("shows 1 to 4 as '< 5', 0 and 5 or more as they are (the funder report's rule)", () => {
    expect([0, 1, 4, 5, 12].map(countCell)).toEqual([v(0), small, small, v(5), v(12)]);
    // A figure from 1 to 4 records (hours, a median) is not shown ('< 5' would read as hours); from none, there is nothing to show.
    expect(figureOf(23, 3)).toEqual(hidden);
    expect(figureOf(23, 5)).toEqual(v(23));
    expect(figureOf(null, 0)).toEqual({ kind: "none" });
  });

  it("hides the smallest other number when a small one could be worked out from the total", () => {
    // 12 = 8 + 4: the 4 would follow from 12 − 8.
    expect(protectPartitions(12, [[8, 4, 0]])).toEqual({ total: v(12), partitions: [[hidden, small, v(0)]] });
    // Two small ones that can each still be 1, 2 or 3: nothing more to hide.
    expect(protectPartitions(14, [[10, 2, 2]])).toEqual({ total: v(14), partitions: [[v(10), small, small]] });
    // 6 = 5 + 1: hiding the 5 is not enough (it is at least 5, so the other is 1): the total goes too.
    expect(protectPartitions(6, [[5, 1]])).toEqual({ total: hidden, partitions: [[hidden, small]] });
    // Nothing small: everything shown.
    expect(protectPartitions(15, [[10, 5, 0]])).toEqual({ total: v(15), partitions: [[v(10), v(5), v(0)]] });
  });

  it("checks splits of the same total together, and blanks a split only as a last resort", () => {
    // Per language everything is shown, so the total cannot be hidden to save the stadsdelen:
    // their other number goes instead.
    const r = protectPartitions(9, [
      [8, 1, 0],
      [9, 0],
    ]);
    expect(r).toEqual({
      total: v(9),
      partitions: [
        [hidden, small, v(0)],
        [v(9), v(0)],
      ],
    });
    // Four stadsdelen with 1 each and a total below 5: each must be 1. The split is not shown.
    const four = protectPartitions(4, [
      [1, 1, 1, 1, 0],
      [4, 0],
    ]);
    expect(four.total).toEqual(small);
    expect(four.partitions[0]).toEqual([hidden, hidden, hidden, hidden, hidden]);
    expect(four.partitions[1]).toEqual([small, v(0)]);
  });

  it("never lets a reader who knows the rule work out a small number (2000 cases, up to 3 splits)", () => {
    // The reader below finds a number given away: 12 − 8 = 4, and two '< 5' in 2 are 1 and 1.
    expect(possibilities(v(12), [[v(8), small]], 22)).toEqual([1]);
    expect(possibilities(v(2), [[small, small, v(0)]], 12)).toEqual([1, 1]);
    const rnd = seeded(31);
    for (let n = 0; n < 2000; n++) {
      const total = rnd(25);
      const partitions = Array.from({ length: 1 + rnd(3) }, () => split(total, 2 + rnd(5), rnd));
      const result = protectPartitions(total, partitions);
      // Shown values are the true ones; no small one is shown.
      const all: [Cell, number][] = [[result.total, total], ...result.partitions.flatMap((p, i) => p.map((c, j): [Cell, number] => [c, partitions[i]![j]!]))];
      for (const [cell, value] of all) {
        if (cell.kind === "value") expect(cell.value).toBe(value);
        if (value > 0 && value < SMALL_CELL) expect(cell.kind).not.toBe("value");
      }
      const left = possibilities(result.total, result.partitions, total + 10);
      expect({ total, partitions, left: left.filter((k) => k < 2) }).toEqual({ total, partitions, left: [] });
    }
  });
});
