/*
 * Our Content-Security-Policy forbids eval. zod compiles fast object parsers with `new Function` and
 * probes for that when a schema is made; the probe's error is caught, but browsers still report a CSP
 * violation. In the browser we switch that compilation off. Imported first by entry.client.tsx and
 * root.tsx, so it runs before any route module builds a schema.
 *
 * Without importing zod: pages without a form then load no zod at all (issue 26). zod 4 keeps its
 * settings in `globalThis.__zod_globalConfig`, made when absent and shared by every copy of zod, and
 * `config({ jitless: true })` only sets a key there. tests/unit/zod-setup.test.ts checks that zod
 * reads the setting made here.
 */
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

export function zodWithoutEval(scope: { __zod_globalConfig?: { jitless?: boolean } } = globalThis): void {
  (scope.__zod_globalConfig ??= {}).jitless = true;
}

if (typeof document !== "undefined") zodWithoutEval();
