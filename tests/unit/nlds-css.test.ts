import { readFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";
import { appUsage, BUNDLE, classesRenderedBy, nldsCss, OUTPUT, usedClasses } from "../../scripts/lib/nlds-css";

/** The classes a stylesheet has a rule for (anywhere in a selector). */
function classesWithRules(css: string): Set<string> {
  const out = new Set<string>();
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const selector of withoutComments.matchAll(/([^{};]+)\{/g)) for (const m of selector[1].matchAll(/\.(utrecht-[\w-]+)/g)) out.add(m[1]);
  return out;
}

const generated = readFileSync(OUTPUT, "utf8");

describe("only the NL Design System CSS the app renders (issue 26, point 2)", () => {
  it("app/styles/nlds.css is what `npm run css:nlds` makes from the app as it is now", () => {
    // Fails when a page starts using an Utrecht component (or class) whose rules are not in the file yet.
    expect(generated === nldsCss()).toBe(true);
  });

  it("every Utrecht class the app writes or its Utrecht components render has its rules, if the library has any", () => {
    const library = classesWithRules(readFileSync(BUNDLE, "utf8"));
    const ours = classesWithRules(generated);
    const used = usedClasses();
    const missing = [...used].filter((c) => library.has(c) && !ours.has(c));
    expect(missing).toEqual([]);
    // The check sees what it should: the app's own table classes and the markup of <Button>.
    expect(used.has("utrecht-table__cell")).toBe(true);
    expect(classesRenderedBy("Button")).toContain("utrecht-button");
    expect(appUsage().components.has("Button")).toBe(true);
  });

  it("leaves out components the app does not render", () => {
    const ours = classesWithRules(generated);
    for (const unused of ["utrecht-accordion", "utrecht-calendar", "utrecht-drawer", "utrecht-breadcrumb-nav", "utrecht-html"])
      expect(ours.has(unused)).toBe(false);
  });

  it("pages link one stylesheet (design system rules, theme, app) and not the whole library", () => {
    const root = readFileSync("app/root.tsx", "utf8");
    expect(root).not.toMatch(/component-library-css/);
    expect(root).toMatch(/styles\/index\.css\?url/);
    const imports = readFileSync("app/styles/index.css", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("@import"));
    expect(imports).toEqual(['@import "./nlds.css";', '@import "./theme.css";', '@import "./app.css";']);
  });

  it("the stylesheet stays within its budget: under 220 kB raw (before minifying) and 20 kB brotli (the target for a page's CSS on the wire is 25 kB)", () => {
    const css = ["nlds.css", "theme.css", "app.css"].map((f) => readFileSync(`app/styles/${f}`, "utf8")).join("\n");
    expect(css.length).toBeLessThan(220_000);
    expect(brotliCompressSync(css).length).toBeLessThan(20_000);
  });
});

describe("the theme sets only tokens something reads", () => {
  it("every --utrecht-* token in app/styles/theme.css is read by the design system rules, the theme or app.css", () => {
    const theme = readFileSync("app/styles/theme.css", "utf8");
    const readers = generated + theme + readFileSync("app/styles/app.css", "utf8");
    const set = [...theme.matchAll(/^\s*(--utrecht-[\w-]+)\s*:/gm)].map((m) => m[1]);
    expect(set.length).toBeGreaterThan(100);
    expect(set.filter((token) => !readers.includes(`var(${token}`))).toEqual([]);
  });
});
