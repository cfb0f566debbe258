import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";

/**
 * Every package the code imports is declared in package.json, and every declared package is
 * used (issue 25, point 7): an undeclared one works only by accident of npm's hoisting, an unused
 * one costs every install.
 */
const ROOT = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);

/** Used without an import from code: command-line tools, type packages, fonts and styles read as files. */
const USED_OTHERWISE: Record<string, string> = {
  "@remix-run/dev": "remix vite:build",
  "@swc/core": "@swc/jest",
  "@utrecht/component-library-css": "its bundle is read by scripts/lib/nlds-css.ts (npm run css:nlds) to make app/styles/nlds.css",
  "@swc/jest": "jest.config.js transform",
  "dejavu-fonts-ttf": "font files read by app/services/pdf/fonts.server.ts",
  eslint: "npm run lint",
  jest: "npm test",
  "patch-package": "postinstall",
  prettier: "npm run lint (format check) and npm run format",
  tsx: "npm scripts and scripts/start.js",
  typescript: "npm run typecheck",
};

function codeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "build" ? [] : codeFiles(p);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || specifier.startsWith("~/")) return null;
  // Modules the build makes (vite.config.ts plugins), not packages.
  if (specifier.startsWith("virtual:")) return null;
  const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
  return builtinModules.includes(name) ? null : name;
}

const files = [
  ...["app", "db", "demo", "scripts", "tests"].flatMap((d) => codeFiles(path.join(ROOT, d))),
  ...["server.ts", "vite.config.ts", "jest.config.js", "eslint.config.js"].map((f) => path.join(ROOT, f)),
];
const imported = new Map<string, string>();
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)["']([^"']+)["']/g)) {
    const name = packageOf(m[1]!);
    if (name && !imported.has(name)) imported.set(name, path.relative(ROOT, file));
  }
}

describe("dependencies", () => {
  it("declares every package the code imports", () => {
    const undeclared = [...imported].filter(([name]) => !declared.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });

  it("uses every declared package", () => {
    const css =
      fs.readFileSync(path.join(ROOT, "app/root.tsx"), "utf8") +
      codeFiles(path.join(ROOT, "app/styles"))
        .map((f) => fs.readFileSync(f, "utf8"))
        .join("");
    const unused = [...declared].filter((name) => !imported.has(name) && !(name in USED_OTHERWISE) && !name.startsWith("@types/") && !css.includes(name));
    expect(unused).toEqual([]);
  });
});
