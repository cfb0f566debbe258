import fs from "node:fs";
import path from "node:path";
import { ACCESS_MATRIX } from "../support/access-matrix";

/**
 * Every route is guarded: a loader or action that reads or changes data starts with a check on
 * the server (sign-in, role, and where it applies the cohort), or is declared public here with
 * the reason. A new route without either fails this test, and so does a route that is missing
 * from the access matrix the browser-free HTTP test walks.
 */
const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

const GUARD = /\b(requireArea|requireUser|requireCohortStaff|requireCohortStaffWithPeople|requireStaffMeeting)\(/;

/** Routes that answer without sign-in, and why that is safe. */
const PUBLIC: Record<string, string> = {
  "$.tsx": "the not-found page: always 404",
  "api.verify.$code.ts": "public certificate check by unguessable code, rate limited per IP",
  "verify.$code.tsx": "public certificate check by unguessable code, rate limited per IP",
  "verify._index.tsx": "the public form to type a certificate code (honeypot); sends on to /verify/<code>",
  // Issue 30: the signed digital certificate (Open Badges 3.0).
  "[.]well-known.did[.]json.ts": "the app's DID document: only the public halves of its signing keys, for any verifier",
  "credentials.status.$list.ts": "the signed revocation list (Bitstring Status List): one bit per credential, no names",
  "verify.$code_.credential[.]json.ts": "the signed credential of the certificate with this unguessable code, same rules and rate limit as /verify/<code>",
  "verify.credential.tsx": "the public form to check a pasted or uploaded credential (honeypot, size limit); answers only what the credential itself says",
  "api.verify-credential.ts": "the same check as JSON for employers' systems (size limit); answers only what the credential itself says",
  "toegankelijkheid.tsx": "the public accessibility statement (issue 27, point 8): static text and the contact address from the config",
  "bevestigen.$token.tsx": "werkbegeleider confirms hours through a personal link (hashed token, expires)",
  "uitnodiging.$token.tsx": "setting a first password through an invitation (hashed token, expires)",
  "wachtwoord-vergeten.tsx": "asking for a password reset link: the same answer and time for every address, rate limited per address and IP, honeypot",
  "nieuw-wachtwoord.$token.tsx": "setting a new password through a reset link (hashed token, an hour, once); ends every session of the person",
  "afmelden.$token.tsx":
    "the one-click unsubscribe link of an optional e-mail (RFC 8058), posted by mail clients without a session: by an unguessable random key that can only turn that one kind of e-mail off for one person; GET changes nothing",
  "healthz.ts": "liveness probe, no data",
  "agenda.$token[.]ics.ts":
    "the personal calendar feed, fetched by calendar apps without a session: by an unguessable token (hashed, renewable); a blocked person's feed stops",
  "login.tsx": "the sign-in form",
  "login_.code.tsx": "the second sign-in step (TOTP code or one-time recovery code): only with an open challenge from a right password, 5 tries",
  "logout.tsx": "ends the own session only",
  "taal.tsx": "stores the language choice in a cookie, and for a signed-in person (by their own session) as the language of their e-mail",
  "sessie.ts": "the own session's time left (GET) and extending it (POST), by its own cookie only; says nothing else",
  "bench.kaal.tsx": "benchmark-only page without database work: a 404 unless LEERLIJN_BENCH_ROUTES=1",
  "test.fout.tsx": "test-only failing route for the error-page test: a 404 unless LEERLIJN_TEST_ROUTES=1",
};

function exportedFunctions(source: string): { name: "loader" | "action"; body: string }[] {
  const out: { name: "loader" | "action"; body: string }[] = [];
  const re = /export (?:async )?function (loader|action)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    // The body runs to the next top-level declaration.
    const rest = source.slice(m.index + m[0].length);
    const end = rest.search(/\n(export |function |const |type |interface |async function )/);
    out.push({ name: m[1] as "loader" | "action", body: end === -1 ? rest : rest.slice(0, end) });
  }
  return out;
}

/** The loaders and actions of a route file that run without an access check. */
function unguarded(file: string, source: string): string[] {
  if (PUBLIC[file]) return [];
  if (/export const (loader|action)\b/.test(source)) return ["const"];
  // A local helper that guards (e.g. `async function load()` calling requireCohortStaff) counts
  // when it is the first thing the loader or action awaits.
  const guardingHelpers = new Set(
    [...`\n${source}`.matchAll(/\n(?:async )?function (\w+)\s*\(([\s\S]*?)\n}/g)].filter((m) => GUARD.test(m[2] ?? "")).map((m) => m[1]),
  );
  return exportedFunctions(source)
    .filter((fn) => {
      if (GUARD.test(fn.body)) return false;
      const first = /await (\w+)\(/.exec(fn.body)?.[1];
      return !(first && guardingHelpers.has(first));
    })
    .map((fn) => fn.name);
}

const files = fs.readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f));

describe("route inventory", () => {
  test("finds the routes", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(files)("%s guards every loader and action, or is declared public", (file) => {
    expect(unguarded(file, fs.readFileSync(path.join(ROUTES_DIR, file), "utf8"))).toEqual([]);
  });

  test("the check itself catches an unguarded loader and action", () => {
    const source = `export async function loader({ request }) {\n  return db.selectFrom("pops").selectAll().execute();\n}\nexport async function action() {\n  const user = await getUser(request);\n}\n`;
    expect(unguarded("nieuw.tsx", source)).toEqual(["loader", "action"]);
    expect(unguarded("nieuw.tsx", source.replace("return db", "await requireArea(request, 'people');\n  return db"))).toEqual(["action"]);
    expect(unguarded("nieuw.tsx", "export const loader = async () => null;")).toEqual(["const"]);
    const helper = `async function load(request) {\n  const user = await requireCohortStaff(request, params, ip);\n  return user;\n}\n`;
    expect(unguarded("nieuw.tsx", helper + source.replace("return db", "await load(request);\n  return db"))).toEqual(["action"]);
    expect(unguarded("nieuw.tsx", helper.replace("requireCohortStaff", "getUser") + source.replace("return db", "await load(request);\n  return db"))).toEqual([
      "loader",
      "action",
    ]);
  });

  test("every route is in the access matrix, and the matrix has no routes that are gone", () => {
    const declared = Object.keys(ACCESS_MATRIX).sort();
    expect(files.filter((f) => !declared.includes(f))).toEqual([]);
    expect(declared.filter((f) => !files.includes(f))).toEqual([]);
  });

  test("public routes in the matrix are exactly the declared public ones", () => {
    const publicInMatrix = Object.entries(ACCESS_MATRIX)
      .filter(([, r]) => r.public)
      .map(([f]) => f)
      .sort();
    expect(publicInMatrix).toEqual(Object.keys(PUBLIC).sort());
  });
});
