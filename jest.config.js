/** Jest: unit (pure rules), integration (services on a real SQLite file) and e2e (chromium). */

// One clock for every test process and the app servers they start (app/clock.server.ts): a fixed
// day, so no test depends on the real calendar. `LEERLIJN_NOW=2027-01-14T10:00:00+01:00 npm test`
// runs the suite on another day; `LEERLIJN_NOW= npm test` (empty) on the real one.
process.env.LEERLIJN_NOW ??= "2026-11-18T10:00:00+01:00";
process.env.LEERLIJN_NOW_ANCHOR ??= String(Date.now());
// Passwords hashed inside the test processes use scrypt N=2^14 instead of 2^17 (eight times
// faster); the app servers the browser tests start keep the production cost (password.server.ts).
process.env.LEERLIJN_TEST_SCRYPT_N ??= String(2 ** 14);
const transform = {
  "^.+\\.(t|j)sx?$": [
    "@swc/jest",
    {
      jsc: { parser: { syntax: "typescript", tsx: true }, target: "es2022", transform: { react: { runtime: "automatic" } } },
      module: { type: "commonjs" },
    },
  ],
};

// Issue 30: the Verifiable Credentials packages (and two of their dependencies) ship ES modules
// only; jest runs CommonJS, so these are compiled like the app's own files.
const ESM_ONLY = [
  "@digitalbazaar/(vc|data-integrity|eddsa-rdfc-2022-cryptosuite|ed25519-multikey|vc-bitstring-status-list|vc-bitstring-status-list-context|bitstring)/",
  "base58-universal/",
  "base64url-universal/",
];
const credentialsTransform = {
  transform: { ...transform, "^.+\\.m?js$": transform["^.+\\.(t|j)sx?$"] },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY.join("|")})`],
};

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};

export default {
  // scrypt at OWASP strength and the PDF renderer are slow on a busy 2-core machine: room, not a
  // limit. A global option: inside a project jest ignores it (the unit tests had 5 s).
  testTimeout: 30_000,
  // The browser test files run in a shuffled order (seed printed at the start; LEERLIJN_TEST_SEED
  // replays it). Jest 30 only reads the sequencer from the global config, not per project.
  testSequencer: "<rootDir>/tests/support/shuffle-sequencer.cjs",
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.tsx"],
      // The NL Design System's React packages ship ES modules only: compiled for the markup tests.
      transform: { ...transform, "^.+\\.mjs$": transform["^.+\\.(t|j)sx?$"] },
      transformIgnorePatterns: ["/node_modules/(?!@utrecht/|@remix-run/router/dist/router\\.js$)"],
      moduleNameMapper: { "^@utrecht/([a-z-]+-react)$": "<rootDir>/node_modules/@utrecht/$1/dist/index.mjs" },
      setupFilesAfterEnv: ["<rootDir>/tests/support/fail-on-console-error.ts"],
    },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      ...credentialsTransform,
      globalSetup: "<rootDir>/tests/support/integration-setup.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/support/fail-on-console-error.ts", "<rootDir>/tests/support/integration-timeout.ts"],
    },
    {
      ...common,
      displayName: "faults",
      testMatch: ["<rootDir>/tests/faults/**/*.test.ts"],
      ...credentialsTransform,
      globalSetup: "<rootDir>/tests/support/integration-setup.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/support/fail-on-console-error.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      ...credentialsTransform,
      globalSetup: "<rootDir>/tests/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/tests/e2e/global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/e2e/setup.ts"],
    },
  ],
};
