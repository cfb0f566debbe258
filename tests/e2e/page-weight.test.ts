import { brotliCompressSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { en } from "../../app/i18n/en";
import { langCookie } from "../../app/i18n/i18n.server";
import { nl } from "../../app/i18n/nl";
import path from "node:path";
import { publicMessageKeys } from "../../scripts/lib/public-words";
import { launchBrowser, signInOverHttp, withCheckedPage } from "./support";

/**
 * Issue 26 points 2–4, as a browser loads a page: only the page's language in its JavaScript (the
 * other language's dictionary is its own chunk, fetched after switching), no hydration errors (the
 * checked page fails on any console error), and the bytes a participant's page loads.
 * docs/decisions/013-page-weight.md.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Key = keyof typeof nl;
// Values that differ between the languages and could not turn up in code by chance.
const distinct = (Object.keys(nl) as Key[]).filter((k) => nl[k] !== en[k]);
const telling = (dictionary: Record<Key, string>) => distinct.map((k) => dictionary[k]).filter((v) => v.length >= 24 && /^[\w ,.]+$/.test(v));

/** The scripts and stylesheets a page loads, with their bodies. */
function recordAssets(page: Page) {
  const assets: { url: string; type: "js" | "css"; body: Promise<Buffer> }[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith(".js")) assets.push({ url: url.pathname, type: "js", body: response.body() });
    if (url.pathname.endsWith(".css")) assets.push({ url: url.pathname, type: "css", body: response.body() });
  });
  return {
    async text(type: "js" | "css") {
      const bodies = await Promise.all(assets.filter((a) => a.type === type).map((a) => a.body));
      return bodies.map((b) => b.toString("utf8")).join("\n");
    },
    async brotliBytes(type: "js" | "css") {
      const bodies = await Promise.all(assets.filter((a) => a.type === type).map((a) => a.body));
      return bodies.reduce((sum, b) => sum + brotliCompressSync(b).length, 0);
    },
    urls: () => assets.map((a) => a.url),
  };
}

async function loadedAs(lang: "nl" | "en", path: string, cookie?: string) {
  let result = { js: "", jsBrotli: 0, cssBrotli: 0, urls: [] as string[] };
  await withCheckedPage(browser, async (p) => {
    if (cookie) await p.context.setExtraHTTPHeaders({ Cookie: cookie });
    const assets = recordAssets(p.page);
    await p.visit(path);
    await p.page.waitForLoadState("networkidle");
    await expect(p.page.locator("html").getAttribute("lang")).resolves.toBe(lang);
    result = { js: await assets.text("js"), jsBrotli: await assets.brotliBytes("js"), cssBrotli: await assets.brotliBytes("css"), urls: assets.urls() };
  });
  return result;
}

// The words only staff pages use (scripts/lib/public-words.ts): not in a participant's or visitor's browser.
const publicKeys = publicMessageKeys(path.resolve(__dirname, "../../app"), Object.keys(nl));
const staffOnly = (dictionary: Record<Key, string>) => {
  const publicTexts = (Object.keys(dictionary) as Key[]).filter((k) => publicKeys.has(k)).map((k) => dictionary[k]);
  // Not part of a public text either ("Deze bijeenkomst is geannuleerd." is in a longer one).
  return telling(dictionary).filter((v) => !publicTexts.some((t) => t.includes(v)));
};
const publicOnly = (dictionary: Record<Key, string>) => {
  const staffTexts = new Set((Object.keys(dictionary) as Key[]).filter((k) => !publicKeys.has(k)).map((k) => dictionary[k]));
  return telling(dictionary).filter((v) => !staffTexts.has(v));
};

const langIs = async (lang: "nl" | "en") => (await langCookie.serialize(lang)).split(";")[0];

describe("one language in the browser (issue 26, point 3)", () => {
  it("the checks have enough telling words in each language", () => {
    expect(telling(en).length).toBeGreaterThan(200);
    expect(telling(nl).length).toBeGreaterThan(200);
  });

  it("a Dutch page's JavaScript holds the Dutch dictionary and no English entry", async () => {
    const { js } = await loadedAs("nl", "/login");
    expect(telling(en).filter((v) => js.includes(v))).toEqual([]);
    expect(publicOnly(nl).filter((v) => !js.includes(v))).toEqual([]);
  });

  it("an English page's JavaScript holds the English dictionary and no Dutch entry", async () => {
    const { js } = await loadedAs("en", "/login", await langIs("en"));
    expect(telling(nl).filter((v) => js.includes(v))).toEqual([]);
    expect(publicOnly(en).filter((v) => !js.includes(v))).toEqual([]);
  });

  it("switching language loads the other dictionary, and the page works in it", async () => {
    await withCheckedPage(browser, async (p) => {
      await p.visit("/login");
      const assets = recordAssets(p.page);
      await p.page.getByLabel("Taal").selectOption("en");
      await Promise.all([p.page.waitForURL(/\/login/), p.page.getByRole("button", { name: "Kies taal" }).click()]);
      await p.page.getByRole("heading", { name: "Sign in" }).waitFor();
      await p.afterNavigation();
      await p.page.waitForLoadState("networkidle");
      expect(assets.urls().some((u) => /\/en-[\w-]+\.js$/.test(u))).toBe(true);
      // Hydrated in English: a client-side check answers in English.
      await p.page.getByRole("button", { name: "Sign in" }).click();
      await p.page.getByText(en["form.required"]).first().waitFor();
    });
  });

  it("a participant's page in English loads no Dutch entry either", async () => {
    const signedIn = await signInOverHttp("deelnemer14@leerlijn.test");
    const { js } = await loadedAs("en", "/deelnemer", `${signedIn}; ${await langIs("en")}`);
    expect(telling(nl).filter((v) => js.includes(v))).toEqual([]);
  });
});

describe("only the words a page's people can need (issue 26, point 3)", () => {
  it("a visitor's and a participant's page load no word that only staff pages use", async () => {
    expect(staffOnly(nl).length).toBeGreaterThan(100);
    expect(publicOnly(nl).length).toBeGreaterThan(200);
    const visitor = await loadedAs("nl", "/login");
    expect(staffOnly(nl).filter((v) => visitor.js.includes(v))).toEqual([]);
    const participant = await loadedAs("nl", "/deelnemer", await signInOverHttp("deelnemer14@leerlijn.test"));
    expect(staffOnly(nl).filter((v) => participant.js.includes(v))).toEqual([]);
    expect(publicOnly(nl).filter((v) => !participant.js.includes(v))).toEqual([]);
  });

  it("a trainer's page loads the whole dictionary", async () => {
    const { js } = await loadedAs("nl", "/trainer", await signInOverHttp("trainer@leerlijn.test"));
    expect(telling(nl).filter((v) => !js.includes(v))).toEqual([]);
  });

  it("signing in as a coordinator on the login page opens the next page with the whole dictionary; a participant goes on without a new page", async () => {
    await withCheckedPage(browser, async (p) => {
      await p.visit("/login");
      await p.page.waitForLoadState("networkidle");
      const assets = recordAssets(p.page);
      await p.page.getByLabel("E-mailadres").fill("coordinator@leerlijn.test");
      await p.page.getByLabel("Wachtwoord").fill("leerlijn-demo");
      await Promise.all([p.page.waitForURL((url) => url.pathname === "/coordinator"), p.page.getByRole("button", { name: "Inloggen" }).click()]);
      await p.afterNavigation();
      await expect(p.page.locator("html").getAttribute("data-ll-words")).resolves.toBe("all");
      await p.page.waitForLoadState("networkidle");
      const js = await assets.text("js");
      expect(publicKeys.has("coordinator.home.intro")).toBe(false);
      expect(js).toContain(nl["coordinator.home.intro"]);
      // Words only staff pages use, in the page and its title.
      await expect(p.page.locator("main").innerText()).resolves.toContain(nl["coordinator.home.intro"]);
      await expect(p.page.title()).resolves.toBe(`${nl["coordinator.home.title"]} · ${nl["app.name"]}`);
    });
    await withCheckedPage(browser, async (p) => {
      await p.visit("/login");
      await p.page.waitForLoadState("networkidle");
      const documents: string[] = [];
      p.page.on("request", (r) => {
        if (r.resourceType() === "document") documents.push(new URL(r.url()).pathname);
      });
      await p.page.getByLabel("E-mailadres").fill("deelnemer14@leerlijn.test");
      await p.page.getByLabel("Wachtwoord").fill("leerlijn-demo");
      await Promise.all([p.page.waitForURL((url) => url.pathname === "/deelnemer"), p.page.getByRole("button", { name: "Inloggen" }).click()]);
      await p.afterNavigation();
      await p.page.getByRole("heading", { level: 1 }).waitFor();
      expect(documents).toEqual([]);
      await expect(p.page.locator("html").getAttribute("data-ll-words")).resolves.toBe("public");
    });
  });
});

describe("what a participant's page loads (issue 26, points 2 and 4)", () => {
  // The targets are 100 kB of JavaScript and 25 kB of CSS over the wire (brotli). The CSS
  // meets it. The JavaScript does not yet (React and Remix alone are 75 kB, the participant's
  // dictionary 21.5 kB, zod and react-hook-form on form pages 34 kB): these ceilings are what the pages load now
  // plus a little, so that it cannot grow unseen (measured 06-12-2026: 112, 152, 154 and 112 kB;
  // after issue 27 (the time-out warning on every page, the status region, linked errors, the
  // explanations) 119, 159 and 160 kB for the first three; after issues 28 and 29 (password reset,
  // mail preferences, Te doen, reporting absence, series, evaluation), with the e-mails' words moved
  // out of the browser's dictionary (nl-mail.ts), 123, 163, 164 and 122 kB; with the words only staff
  // pages use left out of the participant's dictionary (scripts/lib/public-words.ts), 116, 156, 157 and
  // 115 kB; then issue 31's pool page and its lists of themes, languages and stadsdelen in the
  // participant's words: 118, 158, 159 and 118 kB; then issue 31's requests from buurtteams and
  // city-wide intervisie for alumni, whose pages are participant pages: 121, 161, 162 and 120 kB).
  // PAGE_WEIGHT_PRINT=1 prints what the pages load now.
  const JS_CEILING: Record<string, number> = {
    "/deelnemer": 121_500,
    "/deelnemer/pop": 161_500,
    "/deelnemer/praktijk": 162_000,
    "/deelnemer/rooster": 121_000,
  };
  it.each(Object.keys(JS_CEILING))("%s: CSS within 25 kB and JavaScript within its ceiling (brotli)", async (path) => {
    const signedIn = await signInOverHttp("deelnemer14@leerlijn.test");
    const { jsBrotli, cssBrotli } = await loadedAs("nl", path, signedIn);
    expect(cssBrotli).toBeLessThanOrEqual(25_000);
    if (process.env.PAGE_WEIGHT_PRINT) console.log(`${path}: JS ${jsBrotli} B, CSS ${cssBrotli} B (brotli)`);
    expect(jsBrotli).toBeLessThanOrEqual(JS_CEILING[path]);
  });
});
