/**
 * The NL Design System CSS a page needs: the rules of Utrecht's component library whose classes belong
 * to a component the app renders, in the library's own order and wording (so the look stays the same),
 * instead of the whole 378 kB bundle. `npm run css:nlds` writes app/styles/nlds.css;
 * tests/unit/nlds-css.test.ts fails when that file no longer matches the app. See docs/decisions/013-page-weight.md.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as utrecht from "@utrecht/component-library-react";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";

export const BUNDLE = "node_modules/@utrecht/component-library-css/dist/index.css";
export const OUTPUT = "app/styles/nlds.css";

const CLASS = /utrecht-[a-z0-9]+(?:-[a-z0-9]+)*(?:__[a-z0-9]+(?:-[a-z0-9]+)*)?(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?/g;

/** A class's component: `utrecht-button--primary-action` and `utrecht-button__icon` belong to `utrecht-button`. */
export function blockOf(className: string): string {
  return className.replace(/(__|--).*$/, "");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(tsx?|css)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The Utrecht classes written in the app's own source (className strings, nlds.ts) and the Utrecht React components it imports. */
export function appUsage(root = "app"): { classes: Set<string>; components: Set<string> } {
  const classes = new Set<string>();
  const components = new Set<string>();
  for (const file of sourceFiles(root)) {
    if (file.endsWith("nlds.css")) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(CLASS)) {
      // A custom property (--utrecht-button-…) in app.css or theme.css names a token, not a class.
      if (text[match.index - 1] === "-") continue;
      classes.add(match[0]);
    }
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@utrecht\/component-library-react"/g)) {
      for (const name of match[1].split(",")) {
        const bare = name
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0];
        if (bare && /^[A-Z]/.test(bare) && !/Props$/.test(bare)) components.add(bare);
      }
    }
  }
  return { classes, components };
}

// Props that make a component render its optional parts (label, description, error message, invalid state).
const EVERY_PART = {
  children: "x",
  label: "x",
  description: "x",
  errorMessage: "x",
  invalid: true,
  appearance: "primary-action-button",
  type: "info",
  id: "x",
  name: "x",
  href: "#",
  status: "neutral",
};

/** The classes an Utrecht React component puts in its markup (tried with and without children: inputs take none). */
export function classesRenderedBy(component: string): string[] {
  const Component = (utrecht as unknown as Record<string, ComponentType<Record<string, unknown>> | undefined>)[component];
  if (!Component) throw new Error(`@utrecht/component-library-react has no ${component}`);
  const { children, ...parts } = EVERY_PART;
  const found = new Set<string>();
  const quiet = console.error;
  console.error = () => {};
  try {
    for (const props of [EVERY_PART, parts, { children }, {}]) {
      try {
        const html = renderToStaticMarkup(createElement(Component, props));
        for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(/\s+/)) if (c.startsWith("utrecht-")) found.add(c);
      } catch {
        /* this component does not take these props */
      }
    }
  } finally {
    console.error = quiet;
  }
  if (found.size === 0) throw new Error(`${component} rendered no Utrecht class`);
  return [...found];
}

/** Every Utrecht class the app can render: its own and those of the components it uses. */
export function usedClasses(root = "app"): Set<string> {
  const { classes, components } = appUsage(root);
  const all = new Set(classes);
  for (const component of components) for (const c of classesRenderedBy(component)) all.add(c);
  return all;
}

/** Splits CSS at its top level into statements (`@charset …;`) and blocks (`selector { … }`). */
function topLevel(css: string): { head: string; body?: string }[] {
  const out: { head: string; body?: string }[] = [];
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /\s/.test(css[i])) i++;
    if (i >= css.length) break;
    let j = i;
    while (j < css.length && css[j] !== "{" && css[j] !== ";") j++;
    if (css[j] === ";") {
      out.push({ head: css.slice(i, j + 1).trim() });
      i = j + 1;
      continue;
    }
    let depth = 1;
    let k = j + 1;
    let quote = "";
    while (k < css.length && depth > 0) {
      const ch = css[k];
      if (quote) {
        if (ch === "\\") k++;
        else if (ch === quote) quote = "";
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "{") depth++;
      else if (ch === "}") depth--;
      k++;
    }
    out.push({ head: css.slice(i, j).trim(), body: css.slice(j + 1, k - 1) });
    i = k;
  }
  return out;
}

/** Splits a selector list at its top-level commas (not those inside `:is(…)`). */
function selectorList(selectors: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selectors.length; i++) {
    if (selectors[i] === "(") depth++;
    else if (selectors[i] === ")") depth--;
    else if (selectors[i] === "," && depth === 0) {
      out.push(selectors.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(selectors.slice(from).trim());
  return out;
}

/**
 * A selector applies to the app's markup only when each Utrecht class it requires is from a used
 * component (classes inside `:not(…)` are not required).
 */
function selectorUsed(selector: string, blocks: Set<string>): boolean {
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, "");
  return [...required.matchAll(CLASS)].every((m) => blocks.has(blockOf(m[0])));
}

/**
 * The browser's own validity (`:invalid`, `:user-invalid`): not styled. An empty required field is
 * `:invalid` before anyone typed, and that red has no message; the red look follows
 * `aria-invalid="true"` (and the `--invalid` classes), which the app sets only together with a
 * message the field points at (app/components/form.tsx, issue 27 point 2).
 */
const BROWSER_VALIDITY = /:(?:user-)?invalid\b/;

function purgeBlocks(css: string, blocks: Set<string>, indent: string): string {
  const out: string[] = [];
  for (const { head, body } of topLevel(css)) {
    if (body === undefined) {
      // @charset must open a file; app/styles/index.css imports this one, and the page is UTF-8 anyway.
      if (!head.startsWith("@charset")) out.push(indent + head);
    } else if (head.startsWith("@keyframes")) {
      out.push(`${indent}${head} {${body}}`);
    } else if (head.startsWith("@")) {
      const inner = purgeBlocks(body, blocks, indent + "  ");
      if (inner.trim()) out.push(`${indent}${head} {\n${inner}\n${indent}}`);
    } else {
      const kept = selectorList(head).filter((s) => selectorUsed(s, blocks) && !BROWSER_VALIDITY.test(s));
      if (kept.length > 0) out.push(`${indent}${kept.join(`,\n${indent}`)} {${body}}`);
    }
  }
  return out.join("\n");
}

/** The bundle's rules for the given components, with keyframes only when a kept rule names them. */
export function purgeCss(bundle: string, blocks: Set<string>): string {
  const withoutComments = bundle.replace(/\/\*[\s\S]*?\*\//g, "");
  let css = purgeBlocks(withoutComments, blocks, "");
  // Keyframes nobody animates with.
  css = css.replace(/^@keyframes ([\w-]+) \{[\s\S]*?\n\}\n?/gm, (all: string, name: string) => {
    const rest = css.replace(all, "");
    return new RegExp(`animation[\\w-]*:[^;]*\\b${name}\\b`).test(rest) ? all : "";
  });
  // Without @charset the file is plain ASCII: other characters (the "●" of a list marker) as CSS escapes.
  return css.replace(/[^\t\n\r\x20-\x7e]/gu, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `);
}

/** The whole file app/styles/nlds.css. */
export function nldsCss(root = "app"): string {
  const blocks = new Set([...usedClasses(root)].map(blockOf));
  const header = [
    "/*",
    " * Generated by `npm run css:nlds` (scripts/lib/nlds-css.ts): the rules of",
    ` * @utrecht/component-library-css for the components the app renders (${[...blocks].sort().join(", ")}).`,
    " * Do not edit; tests/unit/nlds-css.test.ts checks that it matches the app.",
    " * @license EUPL-1.2 Copyright (c) 2020-2025 Gemeente Utrecht, Frameless B.V.",
    " */",
  ].join("\n");
  return `${header}\n${purgeCss(readFileSync(BUNDLE, "utf8"), blocks)}\n`;
}
