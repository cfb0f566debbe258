import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { DemoIds } from "../support/access-matrix";
import { contextFor, demoIds, pagesFor, WHO } from "./page-walk";
import { baseUrl, launchBrowser, withCheckedPage } from "./support";

/**
 * Pages that say what they are (issue 27, points 6 and 8; WCAG 2.4.2, 2.4.4, 3.1.2):
 * - every page a role can open has its own <title>, and two records of one page type (two
 *   lessons, two participants, two practice entries) have different titles;
 * - links with one name lead to one place; landmarks of one kind have different names;
 * - every page's footer links to the accessibility statement (/toegankelijkheid), a public page;
 * - Dutch course content in the English interface is marked lang="nl";
 * - after a link inside the app (no full page load) focus lands on the new page's h1.
 *
 * Read-only on the demo data.
 */
jest.setTimeout(420_000);

const DESKTOP = { width: 1280, height: 900 };
const APP_NAME = /^(Leerlijn Buurtteams)$/;

/** The lang cookie for English, set by the app's own language form (/taal). */
async function englishCookie(): Promise<{ name: string; value: string }> {
  const res = await fetch(`${baseUrl()}/taal`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams({ lang: "en", redirectTo: "/" }).toString(),
    redirect: "manual",
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("leerlijn_lang="));
  if (!cookie) throw new Error("no language cookie");
  const [name, value] = cookie.split(";")[0]!.split("=") as [string, string];
  return { name, value };
}

async function english(context: BrowserContext) {
  await context.addCookies([{ ...(await englishCookie()), url: baseUrl() }]);
}

/** Runs in the page: every link's accessible name (as a screen reader's link list shows it) and where it goes. */
function linksOnPage(): { name: string; to: string }[] {
  const nameOf = (el: Element): string => {
    const label = el.getAttribute("aria-label");
    if (label) return label;
    const by = el.getAttribute("aria-labelledby");
    if (by)
      return by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" ");
    return el.textContent ?? "";
  };
  return Array.from(document.querySelectorAll("a[href]"))
    .filter((a) => !a.closest("[hidden]"))
    .map((a) => {
      const url = new URL((a as HTMLAnchorElement).href);
      return { name: nameOf(a).replace(/\s+/g, " ").trim().toLowerCase(), to: url.origin + url.pathname + url.search };
    })
    .filter((l) => l.name && !l.to.startsWith("mailto:"));
}

/** Runs in the page: landmarks (as the accessibility tree has them) that share their kind and name with another. */
async function duplicateLandmarks(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withRules(["landmark-unique", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main"])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

describe("pages say what they are", () => {
  let browser: Browser;
  let ids: DemoIds;
  let second: DemoIds;

  beforeAll(async () => {
    browser = await launchBrowser();
    ids = demoIds();
    second = demoIds({ second: true });
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(WHO)(
    "%s: every page and every record has its own title, links with one name go to one place, landmarks have their own names, and the footer links to the statement",
    async (who) => {
      const context = await contextFor(browser, who, { viewport: DESKTOP });
      const page = await context.newPage();
      const problems: string[] = [];
      /** title → the page (path and query after redirects) that had it */
      const titles = new Map<string, string>();
      const first = pagesFor(who, ids);
      // A second record of every page type with a record in its path (the same pages when there is none).
      const others = pagesFor(who, second).filter((p) => !first.includes(p));
      let records = 0;
      try {
        for (const path of [...first, ...others]) {
          const res = await page.goto(path);
          const status = res?.status() ?? 0;
          // A second record this role may not open (another participant's page for a participant): skipped.
          if (others.includes(path) && status !== 200) continue;
          if (others.includes(path)) records++;
          const landed = new URL(page.url());
          const where = landed.pathname + landed.search;
          const title = (await page.title()).trim();
          if (!title || APP_NAME.test(title)) problems.push(`${path}: the title "${title}" does not say which page this is`);
          const before = titles.get(title);
          if (before !== undefined && before !== where) problems.push(`${path}: title "${title}" also on ${before}`);
          titles.set(title, where);

          // WCAG 2.4.4: a link's name says where it goes. One name for two places means one of them does not.
          const byName = new Map<string, Set<string>>();
          for (const l of await page.evaluate(linksOnPage)) byName.set(l.name, (byName.get(l.name) ?? new Set()).add(l.to.replace(baseUrl(), "")));
          for (const [name, targets] of byName)
            if (targets.size > 1) problems.push(`${path}: ${targets.size} links named "${name}" go to ${[...targets].join(", ")}`);

          for (const d of await duplicateLandmarks(page)) problems.push(`${path}: ${d}`);

          const statement = page.getByRole("contentinfo").locator('a[href="/toegankelijkheid"]');
          if ((await statement.count()) !== 1) problems.push(`${path}: no link to the accessibility statement in the footer`);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
      if (who !== "anon" && who !== "e") expect(records).toBeGreaterThan(1);
    },
  );

  it("the 404 page and an error on a record say so in the title", async () => {
    const context = await contextFor(browser, "p", { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto("/bestaat-niet");
      expect(await page.title()).toBe("Pagina niet gevonden · Leerlijn Buurtteams");
      // Another participant's page: not found, and the title says so (not the page's own name).
      await page.goto(`/deelnemers/${second.p1}`);
      expect(await page.title()).toBe("Pagina niet gevonden · Leerlijn Buurtteams");
    } finally {
      await context.close();
    }
  });

  it("the accessibility statement is public, in the model's sections, in Dutch and English, and passes the checks", async () => {
    await withCheckedPage(browser, async (p) => {
      await p.visit("/login");
      const link = p.page.getByRole("contentinfo").getByRole("link", { name: "Toegankelijkheid" });
      await Promise.all([p.page.waitForURL("**/toegankelijkheid"), link.click()]);
      await p.afterNavigation();
      expect(await p.page.title()).toBe("Toegankelijkheidsverklaring · Leerlijn Buurtteams");
      const main = p.page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Toegankelijkheidsverklaring");
      const headings = await main.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings).toEqual([
        "Wat deze verklaring zegt",
        "Stand van zaken: voldoet gedeeltelijk",
        "Hoe we het testen",
        "Wat nog niet goed is",
        "Een probleem melden",
        "Over deze verklaring",
      ]);
      const text = (await main.textContent()) ?? "";
      expect(text).toContain("WCAG 2.2");
      expect(text).toContain("EN 301 549");
      expect(text).toContain("axe-core");
      expect(text).toContain("320");
      expect(text).toContain("200 %");
      expect(text).toContain("Firefox");
      expect(text).toContain("Safari");
      // How to report a problem: without CONTACT_EMAIL (as here) to the coordinator at the provider.
      await expect(main.getByRole("region", { name: "Een probleem melden" }).textContent()).resolves.toContain("Vrijwilligersacademie Amsterdam");
    });
    const context = await contextFor(browser, "anon", { viewport: DESKTOP });
    await english(context);
    try {
      const page = await context.newPage();
      const res = await page.goto("/toegankelijkheid");
      expect(res?.status()).toBe(200);
      expect(await page.title()).toBe("Accessibility statement · Leerlijn Buurtteams");
      await expect(page.getByRole("heading", { level: 2 }).first().textContent()).resolves.toBe("What this statement covers");
    } finally {
      await context.close();
    }
  });

  it("in the English interface, Dutch course content and people's own text are marked lang=nl", async () => {
    /** Runs in the page: text in main that reads as Dutch but is not inside an element with lang="nl". */
    function unmarkedDutch(): string[] {
      const DUTCH = new Set([
        "de",
        "het",
        "een",
        "van",
        "en",
        "je",
        "jouw",
        "met",
        "voor",
        "niet",
        "naar",
        "bij",
        "wat",
        "hoe",
        "zijn",
        "wordt",
        "dat",
        "die",
        "deze",
        "ook",
        "ik",
        "mijn",
        "over",
        "heb",
        "hebt",
        "kun",
        "kan",
      ]);
      const found: string[] = [];
      const main = document.querySelector("main");
      if (!main) return ["no main"];
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // What is typed in a form field is the person's own (and not read as page text): not checked here.
        if (n.parentElement?.closest("textarea, option")) continue;
        const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
        const words = new Set(
          text
            .toLowerCase()
            .split(/[^a-zà-ÿ]+/)
            .filter((w) => DUTCH.has(w)),
        );
        if (words.size < 2) continue;
        const marked = n.parentElement?.closest("[lang]")?.getAttribute("lang");
        if (marked !== "nl") found.push(text.slice(0, 70));
      }
      return found;
    }
    const problems: string[] = [];
    let marked = 0;
    for (const who of ["p", "t", "c"] as const) {
      const context = await contextFor(browser, who, { viewport: DESKTOP });
      await english(context);
      const page = await context.newPage();
      try {
        for (const path of pagesFor(who, ids)) {
          await page.goto(path);
          expect(await page.locator("html").getAttribute("lang")).toBe("en");
          for (const t of await page.evaluate(unmarkedDutch)) problems.push(`${who} ${path}: "${t}"`);
          marked += await page.locator('main [lang="nl"]').count();
        }
      } finally {
        await context.close();
      }
    }
    expect(problems).toEqual([]);
    expect(marked).toBeGreaterThan(20);
  });

  it("after a link inside the app, focus is on the new page's h1 (and not moved on the first load)", async () => {
    const context = await contextFor(browser, "p", { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto("/deelnemer");
      // Wait for the app to take over the page (client-side navigation from here on).
      await page.waitForFunction(() => "__remixRouter" in window);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
      const link = page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Rooster en aanwezigheid" });
      await link.click();
      await page.waitForURL("**/deelnemer/rooster");
      await page.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, { timeout: 15_000 }).catch(() => undefined);
      const focused = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        text: document.activeElement?.textContent,
        inMain: !!document.activeElement?.closest("main"),
      }));
      expect(focused).toEqual({ tag: "H1", text: "Rooster en aanwezigheid", inMain: true });
      // A link in the page itself, then back: each time the new page's heading.
      await page.goBack();
      await page.waitForURL((u) => u.pathname === "/deelnemer");
      await page.waitForFunction(() => document.activeElement?.tagName === "H1", undefined, { timeout: 15_000 }).catch(() => undefined);
      expect(await page.evaluate(() => document.activeElement?.closest("main") !== null && document.activeElement?.tagName)).toBe("H1");
      // A full page load (no JavaScript navigation): the browser's own start, not moved.
      await page.goto("/deelnemer/praktijk");
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    } finally {
      await context.close();
    }
  });
});
