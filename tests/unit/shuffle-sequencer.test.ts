import { createRequire } from "node:module";
import path from "node:path";

/** The sequencer is CommonJS (jest loads it itself); its pure parts are tested here. */
const load = createRequire(__filename);
const { shuffleBySeed, seedFrom } = load(path.resolve(__dirname, "../support/shuffle-sequencer.cjs")) as {
  shuffleBySeed: <T>(items: T[], seed: number, key?: (x: T) => string) => T[];
  seedFrom: (env: Record<string, string | undefined>) => number;
};

const FILES = Array.from({ length: 30 }, (_, i) => `/repo/tests/e2e/file-${String(i).padStart(2, "0")}.test.ts`);

describe("the shuffled order of the browser test files", () => {
  it("is the same for the same seed, whatever order the files came in", () => {
    const once = shuffleBySeed(FILES, 12345);
    expect(shuffleBySeed(FILES, 12345)).toEqual(once);
    expect(shuffleBySeed([...FILES].reverse(), 12345)).toEqual(once);
  });

  it("differs between seeds", () => {
    const orders = new Set([1, 2, 3, 12345, 999_999].map((seed) => shuffleBySeed(FILES, seed).join(",")));
    expect(orders.size).toBe(5);
    // And it is really shuffled, not the sorted order.
    expect(shuffleBySeed(FILES, 12345)).not.toEqual(FILES);
  });

  it("holds every file exactly once", () => {
    for (const seed of [0, 1, 42, 4294967295]) {
      const order = shuffleBySeed(FILES, seed);
      expect(order).toHaveLength(FILES.length);
      expect([...order].sort()).toEqual(FILES);
    }
  });

  it("sorts objects by their key (the test file's path)", () => {
    const tests = FILES.map((p) => ({ path: p }));
    expect(shuffleBySeed(tests, 7, (t) => t.path).map((t) => t.path)).toEqual(shuffleBySeed(FILES, 7));
  });

  it("takes the seed from LEERLIJN_TEST_SEED, else a random one; nonsense is refused", () => {
    expect(seedFrom({ LEERLIJN_TEST_SEED: "12345" })).toBe(12345);
    expect(seedFrom({ LEERLIJN_TEST_SEED: " 7 " })).toBe(7);
    const random = seedFrom({});
    expect(Number.isInteger(random) && random >= 0).toBe(true);
    expect(() => seedFrom({ LEERLIJN_TEST_SEED: "abc" })).toThrow(/LEERLIJN_TEST_SEED/);
    expect(() => seedFrom({ LEERLIJN_TEST_SEED: "-1" })).toThrow(/LEERLIJN_TEST_SEED/);
  });
});
