/**
 * Which words of the dictionary a participant's or a visitor's browser can need (issue 26 point 3,
 * docs/decisions/013-page-weight.md): the build gives those pages a dictionary without the words
 * that only staff pages use. Read from the source at build time (vite.config.ts), conservatively:
 *
 * - the modules reachable by imports from every route a participant or visitor can open (all
 *   routes but those of STAFF_ROUTE_PREFIXES), with `root.tsx` and `entry.client.tsx`, server
 *   modules included (their loaders and services hand message keys to the page as data);
 * - every dictionary key written out in those modules;
 * - every key starting with a prefix those modules build keys from (`t(\`status.${s}\`)`);
 * - every key written out nowhere in app/ (it is built some other way: kept, to be safe).
 *
 * A key missing in the browser would show as a hydration error, which fails every browser test.
 */
import fs from "node:fs";
import path from "node:path";

/**
 * Routes only staff can open (first part of the file name). tests/unit/public-words.test.ts checks
 * this against the access matrix: no participant or visitor reaches one of them.
 */
export const STAFF_ROUTE_PREFIXES = ["groepen", "coordinator", "trainer", "examinator", "eindgesprekken", "certificaten", "bench", "buurtteam"];
/** Routes under those prefixes that participants open too: the group's plan (GOP) of their own cohort. */
export const SHARED_ROUTES = ["groepen.$cohortId.gop.tsx", "groepen.$cohortId.gop[.]pdf.tsx"];

const DICTIONARY_FILES = /[\\/]i18n[\\/](?:nl|en|nl-mail|en-mail)\.ts$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

export function isStaffRoute(file: string): boolean {
  const name = path.basename(file);
  return STAFF_ROUTE_PREFIXES.includes(name.split(".")[0]!) && !SHARED_ROUTES.includes(name);
}

/** The keys of `keys` a participant's or visitor's page may use, read from the sources under `appDir`. */
export function publicMessageKeys(appDir: string, keys: readonly string[]): Set<string> {
  const files = new Map(sourceFiles(appDir).map((f) => [f, fs.readFileSync(f, "utf8")]));
  const resolve = (from: string, spec: string): string | null => {
    let base: string;
    if (spec.startsWith("~/")) base = path.join(appDir, spec.slice(2));
    else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
    else return null;
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
      if (files.has(candidate)) return candidate;
    }
    return null;
  };
  const routesDir = path.join(appDir, "routes");
  const starts = [...files.keys()].filter((f) => (path.dirname(f) === routesDir && !isStaffRoute(f)) || /[\\/]app[\\/](?:root|entry\.client)\.tsx$/.test(f));
  const reached = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (reached.has(file) || DICTIONARY_FILES.test(file)) continue;
    reached.add(file);
    for (const m of files.get(file)!.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const target = resolve(file, m[1]!);
      if (target) stack.push(target);
    }
  }

  const known = new Set(keys);
  const written = (text: string) => [...text.matchAll(/["'`]([A-Za-z]+\.[\w.]+)["'`]/g)].map((m) => m[1]!).filter((k) => known.has(k));
  const prefixes = (text: string) => [...text.matchAll(/`([A-Za-z]+\.[\w.]*)\$\{/g)].map((m) => m[1]!);

  const anywhere = new Set<string>();
  for (const [file, text] of files) if (!DICTIONARY_FILES.test(file)) for (const k of written(text)) anywhere.add(k);
  const out = new Set<string>(keys.filter((k) => !anywhere.has(k)));
  const built: string[] = [];
  for (const file of reached) {
    const text = files.get(file)!;
    for (const k of written(text)) out.add(k);
    built.push(...prefixes(text));
  }
  for (const k of keys) if (built.some((p) => k.startsWith(p))) out.add(k);
  return out;
}
