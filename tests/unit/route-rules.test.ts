import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Routes stay thin: guard → parse → service call → render. The lint block for app/routes
 * (eslint.config.js) refuses kysely query building and the kysely import there; the same code in a
 * service passes. Linted through stdin, as if the text were that file.
 */
const ROOT = path.resolve(__dirname, "../..");

type Message = { ruleId: string | null; message: string };

/** Lints each text as if it were that file, with the project's config: one eslint process for all cases. */
function lintAll(cases: Record<string, { file: string; text: string }>): Record<string, Message[]> {
  const script = `
    import { ESLint } from "eslint";
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = {};
    for (const [name, c] of Object.entries(JSON.parse(input))) {
      const [result] = await eslint.lintText(c.text, { filePath: c.file });
      out[name] = result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, input: JSON.stringify(cases), encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, Message[]>;
}

const QUERY_ROUTE = `import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "../auth.server";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireArea(request, "privacy", context.clientIp);
  const db = getDb();
  const people = await db.selectFrom("users").select(["id", "name"]).execute();
  await db.transaction().execute(async (trx) => trx.deleteFrom("users").where("id", "=", user.id).execute());
  return { people };
}
`;

const SQL_ROUTE = `import { sql } from "kysely";
import { getDb } from "../db.server";

export async function loader() {
  return (await sql<{ ok: number }>\`select 1 as ok\`.execute(getDb())).rows;
}
`;

const TYPE_ONLY_ROUTE = `import type { Selectable } from "kysely";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireArea } from "../auth.server";
import type { UsersTable } from "../../db/schema";

export async function loader({ request, context }: LoaderFunctionArgs): Promise<Selectable<UsersTable> | null> {
  await requireArea(request, "privacy", context.clientIp);
  return null;
}
`;

const FORM_DATA_ROUTE = `export async function action({ request }: { request: Request }) {\n  return request.formData();\n}\n`;

describe("route rules (eslint)", () => {
  const results = lintAll({
    query: { file: "app/routes/kladblok.tsx", text: QUERY_ROUTE },
    sql: { file: "app/routes/kladblok.ts", text: SQL_ROUTE },
    typeOnly: { file: "app/routes/kladblok.ts", text: TYPE_ONLY_ROUTE },
    service: { file: "app/services/kladblok.server.ts", text: QUERY_ROUTE },
    formData: { file: "app/routes/kladblok.ts", text: FORM_DATA_ROUTE },
  });

  test("a query built in a route file is refused, each builder call", () => {
    expect(results.query!.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message)).toEqual([
      expect.stringContaining("Geen query in een route"),
      expect.stringContaining("Geen query in een route"),
      expect.stringContaining("Geen query in een route"),
    ]);
  });

  test("importing kysely or writing sql`` in a route file is refused", () => {
    const messages = results.sql!;
    expect(messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(["@typescript-eslint/no-restricted-imports", "no-restricted-syntax"]));
    expect(messages.find((m) => m.ruleId === "no-restricted-syntax")?.message).toContain("Geen SQL in een route");
  });

  test("a type-only import of kysely in a route is allowed", () => {
    expect(results.typeOnly).toEqual([]);
  });

  test("the same query in a service passes; the shared app rules still hold in routes", () => {
    expect(results.service).toEqual([]);
    expect(results.formData!.map((m) => m.message)).toEqual([expect.stringContaining("readForm")]);
  });
});
