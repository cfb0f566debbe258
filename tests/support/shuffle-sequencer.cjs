/**
 * Jest test sequencer: the browser test files (the e2e project) run in a shuffled order, so a test
 * that silently relies on another file's data or on running first fails sooner or later instead of
 * never. The order follows a seed: LEERLIJN_TEST_SEED when set, else a random one. The seed is
 * printed at the start ("e2e-volgorde: seed 12345"): `LEERLIJN_TEST_SEED=12345 npx jest
 * --selectProjects e2e` runs the same order again. The other projects keep jest's own order
 * (slowest and failed files first).
 *
 * Jest 30 reads `testSequencer` from the global config only (a project-level one is ignored), so it
 * is set at the top of jest.config.js and recognises the e2e files by their project's name.
 */
/* global require, module, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads a CommonJS sequencer
const Sequencer = require("@jest/test-sequencer").default;

const E2E_PROJECT = "e2e";

/** A small deterministic generator (mulberry32): the same seed gives the same numbers. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The items in an order that depends only on the seed and the set of keys, not on the order they
 * came in (they are sorted by key first): Fisher-Yates with the seeded generator.
 */
function shuffleBySeed(items, seed, key = (x) => String(x)) {
  const out = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const next = generator(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** LEERLIJN_TEST_SEED when it is a whole number, else a fresh random seed. */
function seedFrom(env = process.env) {
  const raw = (env.LEERLIJN_TEST_SEED ?? "").trim();
  if (raw !== "") {
    if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff)
      throw new Error(`LEERLIJN_TEST_SEED moet een heel getal zijn van 0 tot 4294967295, niet "${raw}".`);
    return Number(raw);
  }
  return Math.floor(Math.random() * 1_000_000);
}

function isE2e(test) {
  const name = test.context?.config?.displayName;
  return (typeof name === "string" ? name : name?.name) === E2E_PROJECT;
}

class ShuffleSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const e2e = sorted.filter(isE2e);
    if (e2e.length === 0) return sorted;
    const seed = seedFrom();
    process.stderr.write(`e2e-volgorde: seed ${seed} (nog eens: LEERLIJN_TEST_SEED=${seed})\n`);
    const shuffled = shuffleBySeed(e2e, seed, (t) => t.path);
    // The e2e files take the places they had, in the shuffled order.
    let i = 0;
    return sorted.map((t) => (isE2e(t) ? shuffled[i++] : t));
  }
}

module.exports = ShuffleSequencer;
module.exports.shuffleBySeed = shuffleBySeed;
module.exports.seedFrom = seedFrom;
