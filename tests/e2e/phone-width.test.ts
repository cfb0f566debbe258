import type { Browser, BrowserContext, Page } from "playwright-core";
import type { DemoIds } from "../support/access-matrix";
import { contextFor, demoIds, EMAIL, pagesFor, WHO, type Who } from "./page-walk";
import { launchBrowser, withCheckedPage } from "./support";

/**
 * Made for a participant's phone (issue 26, point 0): every page each role can reach fits a
 * 390 px wide screen without sideways scrolling of the page. Wide staff tables may scroll inside
 * their own region (role="region", overflow-x auto), but that region itself must fit. The main
 * menu folds behind one "Menu" button on a small screen, also without JavaScript, and shows its
 * links as before on a wide screen.
 *
 * The pages come from the access matrix (tests/support/access-matrix.ts), so a new route is
 * visited here as soon as it is declared there. Read-only on the demo data.
 */
jest.setTimeout(420_000);

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The screens every page must fit (issue 27, point 7; WCAG 1.4.10 and 1.4.12): a 390 px phone; the
 * 320 px of WCAG's reflow criterion, with the text spacing of 1.4.12 on top (line height 1.5,
 * paragraphs 2×, letters 0.12 em, words 0.16 em apart); and a 1280 px window zoomed to 200 %
 * (640 CSS px wide, at twice the pixels).
 */
const SCREENS = {
  phone: { viewport: PHONE },
  // The style sheet is put in by the test, so the page's CSP is bypassed for it.
  "320 px with text spacing": { viewport: { width: 320, height: 640 }, textSpacing: true, bypassCSP: true },
  "200 % zoom": { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
} as const;
type Screen = keyof typeof SCREENS;
const CASES: [Who, Screen][] = (Object.keys(SCREENS) as Screen[]).flatMap((screen) => WHO.map((who): [Who, Screen] => [who, screen]));

/** WCAG 1.4.12's text spacing, as a user style sheet would set it. */
const TEXT_SPACING_CSS =
  "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }";

interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements whose right edge is past the viewport and that are not inside a scroll region, outermost first. */
  culprits: string[];
  /** Scroll regions (overflow-x auto/scroll) that are wider than the viewport themselves. */
  wideRegions: string[];
  /** Headings and other boxes that hide part of their text (a long word cut off at the edge). */
  cutOff: string[];
}

/** Runs in the page: how wide the document is, and which elements stick out (so a failure says where). */
function measure(): Overflow {
  const vw = window.innerWidth;
  const describe = (el: Element) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    const r = el.getBoundingClientRect();
    return `<${el.tagName.toLowerCase()}${id}${cls}> right=${Math.round(r.right + window.scrollX)} w=${Math.round(r.width)} "${text}"`;
  };
  const scrolls = (el: Element) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const clips = (el: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  /** The box an element is laid out in: an absolutely placed element escapes every box up to its nearest positioned ancestor. */
  const containingBlock = (el: Element): Element | null => {
    const position = getComputedStyle(el).position;
    if (position === "fixed") return null;
    let a = el.parentElement;
    if (position === "absolute")
      while (a && a !== document.body && getComputedStyle(a).position === "static" && getComputedStyle(a).transform === "none") a = a.parentElement;
    return a;
  };
  /** Inside a box that scrolls or clips sideways: it cannot widen the page (only that box). */
  const insideClip = (el: Element) => {
    for (let a = containingBlock(el); a && a !== document.body && a !== document.documentElement; a = containingBlock(a)) if (clips(a)) return true;
    return false;
  };
  const sticksOut = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right + window.scrollX > vw + 0.5;
  };
  const culprits: string[] = [];
  const wideRegions: string[] = [];
  const counted = new Set<Element>();
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (!sticksOut(el) || insideClip(el)) continue;
    counted.add(el);
    if (scrolls(el)) wideRegions.push(describe(el));
    // Outermost only: the element where the overflow starts, not every child of it.
    if (el.parentElement && counted.has(el.parentElement)) continue;
    culprits.push(describe(el));
  }
  // A long word that does not break (say "Groepsontwikkelingsplan" in a large heading) runs out of its box.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || counted.has(parent) || insideClip(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.right + window.scrollX > vw + 0.5) culprits.push(`text running out of ${describe(parent)}`);
  }
  // A heading may not hide what does not fit ("Groepsontwikkelingsplan" cut off by overflow: hidden),
  // nor may any other box that clips without scrolling (a visually hidden text is 1 px: not counted).
  const cutOff: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    const heading = /^H[1-6]$/.test(el.tagName);
    // A text field scrolls its own value (and the caret shows where): not cut off.
    if (el.matches("input, textarea, select")) continue;
    if (!heading && (!clips(el) || scrolls(el))) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1 && (heading || !el.closest("[role=region]"))) cutOff.push(describe(el));
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, culprits: culprits.slice(0, 6), wideRegions, cutOff };
}

describe("every page fits a 390 px phone screen", () => {
  let browser: Browser;
  let ids: DemoIds;

  beforeAll(async () => {
    browser = await launchBrowser();
    ids = demoIds();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(CASES)(
    "%s, %s: no page is wider than the screen, no heading is cut off, and wide tables scroll only inside their own region",
    async (who, screen) => {
      const { textSpacing, ...opts } = { textSpacing: false, ...SCREENS[screen] };
      const context = await contextFor(browser, who, opts);
      if (textSpacing)
        await context.addInitScript((css) => {
          document.addEventListener("DOMContentLoaded", () => {
            const style = document.createElement("style");
            style.textContent = css;
            document.head.append(style);
          });
        }, TEXT_SPACING_CSS);
      const page = await context.newPage();
      const problems: string[] = [];
      const pages = pagesFor(who, ids);
      let regions = 0;
      try {
        for (const path of pages) {
          const res = await page.goto(path);
          const landed = new URL(page.url()).pathname;
          if (!res || res.status() >= 500) problems.push(`${path}: status ${res?.status()}`);
          if (who !== "anon" && landed.startsWith("/login")) problems.push(`${path}: sent to sign in`);
          const m = await page.evaluate(measure);
          for (const c of m.cutOff) problems.push(`${path}: text cut off in ${c}`);
          if (m.scrollWidth > m.innerWidth || m.wideRegions.length > 0) {
            problems.push(
              `${path}${landed !== path ? ` (→ ${landed})` : ""}: document ${m.scrollWidth} px on a ${m.innerWidth} px screen\n    ${[
                ...m.culprits,
                ...m.wideRegions.map((r) => `scroll region too wide: ${r}`),
              ].join("\n    ")}`,
            );
          }
          // A region that scrolls is one a keyboard user can reach and a screen reader can name.
          const bad = await page.$$eval(".ll-table-scroll", (els) =>
            els
              .filter(
                (el) =>
                  el.getAttribute("role") !== "region" ||
                  el.getAttribute("tabindex") !== "0" ||
                  !(el.getAttribute("aria-labelledby") || el.getAttribute("aria-label")),
              )
              .map((el) => el.outerHTML.slice(0, 120)),
          );
          regions += await page.locator(".ll-table-scroll").count();
          // A region with more to the side shows it: a shadow at its edges (app.css).
          const noCue = await page.$$eval(".ll-table-scroll", (els) =>
            els
              .filter((el) => el.scrollWidth > el.clientWidth + 1 && !getComputedStyle(el).backgroundImage.includes("radial-gradient"))
              .map((el) => el.getAttribute("aria-label") ?? el.getAttribute("aria-labelledby")),
          );
          for (const r of noCue) problems.push(`${path}: table "${r}" scrolls sideways without a visible cue`);
          // A participant's own records are cards on a phone: nothing of theirs to scroll sideways.
          if (who === "p") {
            const scrolling = await page.$$eval(".ll-table-scroll", (els) =>
              els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.getAttribute("aria-label") ?? el.getAttribute("aria-labelledby")),
            );
            for (const r of scrolling) problems.push(`${path}: the participant has to scroll table "${r}" sideways`);
          }
          for (const b of bad) problems.push(`${path}: scroll region without role, name or tabindex: ${b}`);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
      expect(pages.length).toBeGreaterThan(who === "anon" ? 3 : 4);
      if (who === "t" || who === "c") expect(regions).toBeGreaterThan(0);
    },
  );

  it("the cards, the open menu and the scroll regions pass the accessibility checks on a phone, with and without JavaScript", async () => {
    for (const javaScriptEnabled of [true, false]) {
      await withCheckedPage(
        browser,
        async (p) => {
          await p.login(EMAIL.p);
          for (const path of ["/deelnemer/praktijk", "/deelnemer/rooster", "/deelnemer/opdrachten", `/groepen/${ids.c1}/gop`, "/account"]) await p.visit(path);
          await p.page.locator("nav summary").click();
          await p.afterNavigation();
        },
        { viewport: PHONE, javaScriptEnabled },
      );
    }
    await withCheckedPage(
      browser,
      async (p) => {
        await p.login(EMAIL.t);
        for (const path of [`/groepen/${ids.c1}/rooster`, `/groepen/${ids.c1}/bijeenkomsten/${ids.meeting}/aanwezigheid`, `/groepen/${ids.c1}/voortgang`])
          await p.visit(path);
      },
      { viewport: PHONE },
    );
  });

  it("a participant's own tables become cards on the phone, with each value named", async () => {
    const context = await contextFor(browser, "p", { viewport: PHONE });
    const page = await context.newPage();
    try {
      await page.goto("/deelnemer/praktijk");
      const table = page.locator("table.ll-stack").first();
      await expect(table.count()).resolves.toBeGreaterThan(0);
      // The header row is hidden (visually only); every cell shows its column's name before its value.
      const head = await table.locator("thead").boundingBox();
      expect(head && head.width <= 1 && head.height <= 1).toBe(true);
      // One card per row: the rows sit below each other, each as wide as the screen allows.
      const rows = await table.locator("tbody tr").evaluateAll((els) => els.slice(0, 2).map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      expect(rows[1]!.top).toBeGreaterThanOrEqual(rows[0]!.bottom);
      expect(rows[0]!.right).toBeLessThanOrEqual(PHONE.width);
      const cell = table.locator("tbody tr").first().locator("td[data-label]").first();
      const label = await cell.getAttribute("data-label");
      expect(label).toBeTruthy();
      const before = await cell.evaluate((el) => getComputedStyle(el, "::before").content);
      expect(before).toContain(label!);
      // The table is still a table for a screen reader (Chromium's own accessibility tree), and the
      // drawn column name is not read as part of the cell.
      const ax = await axNode(page, "table.ll-stack tbody tr td[data-label]");
      expect(ax.role).toBe("cell");
      expect(ax.name ?? "").not.toContain(label!);
      expect((await axNode(page, "table.ll-stack")).role).toBe("table");
    } finally {
      await context.close();
    }
  });
});

/** What Chromium's accessibility tree (what a screen reader gets) says about the first element matching `selector`. */
async function axNode(page: Page, selector: string): Promise<{ role?: string; name?: string; expanded?: boolean; ignored: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element ${selector}`);
    const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
    const n = nodes[0]!;
    const expanded = n.properties?.find((p) => p.name === "expanded")?.value.value as boolean | undefined;
    return { role: n.role?.value as string | undefined, name: n.name?.value as string | undefined, expanded, ignored: n.ignored };
  } finally {
    await cdp.detach();
  }
}

async function navLinksVisible(page: Page): Promise<number> {
  return page
    .getByRole("navigation", { name: "Hoofdmenu" })
    .getByRole("link")
    .evaluateAll((els) => els.filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0).length);
}

describe("the main menu on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  async function check(context: BrowserContext) {
    const page = await context.newPage();
    await page.goto("/deelnemer/praktijk");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    const button = nav.locator("summary");
    await expect(button.count()).resolves.toBe(1);
    await expect(button.isVisible()).resolves.toBe(true);
    // A screen reader meets a button called "Menu" that says it is folded.
    const folded = await axNode(page, "nav summary");
    expect([folded.role, folded.name, folded.expanded]).toEqual(["DisclosureTriangle", "Menu", false]);
    // Folded: no link of the menu takes room before the page's own content.
    expect(await navLinksVisible(page)).toBe(0);
    const headingTop = await page.getByRole("heading", { level: 1 }).evaluate((el) => el.getBoundingClientRect().top);
    expect(headingTop).toBeLessThan(PHONE.height / 3);
    // With the keyboard: Tab reaches it, Enter opens it.
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await navLinksVisible(page)).toBe(11);
    expect((await axNode(page, "nav summary")).expanded).toBe(true);
    // The page one is on stays marked in the menu.
    await expect(nav.getByRole("link", { name: "Praktijkuren" }).getAttribute("aria-current")).resolves.toBe("page");
    // Space folds it again; a tap opens it.
    await page.keyboard.press("Space");
    expect(await navLinksVisible(page)).toBe(0);
    await button.click();
    expect(await navLinksVisible(page)).toBe(11);
    // Every link fits the screen.
    const widest = await nav.getByRole("link").evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(PHONE.width);
  }

  it("folds behind one Menu button that works with keyboard and tap (JavaScript on)", async () => {
    const context = await contextFor(browser, "p", { viewport: PHONE });
    try {
      await check(context);
    } finally {
      await context.close();
    }
  });

  it("folds behind one Menu button that works with keyboard and tap without JavaScript", async () => {
    const context = await contextFor(browser, "p", { viewport: PHONE, javaScriptEnabled: false });
    try {
      await check(context);
    } finally {
      await context.close();
    }
  });

  it("shows all links without a button on a wide screen", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await contextFor(browser, "p", { viewport: DESKTOP, javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto("/deelnemer/praktijk");
        expect(await navLinksVisible(page)).toBe(11);
        await expect(page.locator("nav summary").isVisible()).resolves.toBe(false);
        // The links are there for a screen reader too, the current page marked.
        const link = await axNode(page, 'nav a[aria-current="page"]');
        expect([link.role, link.name, link.ignored]).toEqual(["link", "Praktijkuren", false]);
        // One row of links under the header, as before.
        const tops = await page
          .getByRole("navigation", { name: "Hoofdmenu" })
          .getByRole("link")
          .evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
        expect(tops).toBeLessThanOrEqual(2);
      } finally {
        await context.close();
      }
    }
  });
});
