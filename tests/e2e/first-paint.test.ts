import type { Browser, Request } from "playwright-core";
import { baseUrl, launchBrowser, withCheckedPage } from "./support";

/**
 * Issue 26 (first paint on a slow phone), docs/decisions/022-stylesheet-in-the-first-page.md: the
 * first page a browser opens carries the stylesheet inline (with the CSP nonce) and fetches the file
 * for later; later pages link the file from the cache. In a real browser: the styles apply, the CSP
 * lets the inline copy through (a blocked style is a console error, which fails the checked page),
 * the page hydrates, and the second page asks the server for no stylesheet.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the stylesheet in the first page", () => {
  it("over HTTP: inline with the response's nonce and a cookie the first time; linked once the cookie is there", async () => {
    const first = await fetch(`${baseUrl()}/login`);
    const html = await first.text();
    const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(first.headers.get("content-security-policy") ?? "")?.[1];
    expect(first.headers.get("content-security-policy")).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(html).toContain(`<style id="ll-css" nonce="${nonce}">`);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    const href = /<link rel="prefetch" href="(\/assets\/index-[\w-]+\.css)"\/>/.exec(html)?.[1];
    if (!href) throw new Error("no prefetch of the stylesheet");
    // The inline copy is the file itself.
    const file = await (await fetch(`${baseUrl()}${href}`)).text();
    expect(html).toContain(`>${file}</style>`);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith("ll_css="));
    expect(cookie).toMatch(/^ll_css=index-[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);

    const again = await fetch(`${baseUrl()}/login`, { headers: { Cookie: cookie!.split(";")[0]! } });
    const second = await again.text();
    expect(second).toContain(`<link rel="stylesheet" href="${href}"/>`);
    expect(second).not.toContain('<style id="ll-css"');
    expect(again.headers.getSetCookie().some((c) => c.startsWith("ll_css="))).toBe(false);
    // A cookie of an older build: the new stylesheet comes inline again.
    const old = await (await fetch(`${baseUrl()}/login`, { headers: { Cookie: "ll_css=index-0ld" } })).text();
    expect(old).toContain('<style id="ll-css"');
  });

  it("in a browser: styled and hydrated on the first page, the file cached for the next one", async () => {
    await withCheckedPage(browser, async (p) => {
      const stylesheetRequests: string[] = [];
      const onRequest = (request: Request) => {
        if (new URL(request.url()).pathname.endsWith(".css")) stylesheetRequests.push(request.url());
      };
      p.page.on("request", onRequest);
      await p.visit("/login");
      await expect(p.page.locator("style#ll-css").count()).resolves.toBe(1);
      // The design system's styles apply: the skip link is moved off-screen, the button is styled.
      await expect(p.page.locator(".ll-honeypot").evaluate((el) => getComputedStyle(el).position)).resolves.toBe("absolute");
      // Hydrated: a client-side link follows without a new document, and the inline styles stay.
      await p.page.waitForLoadState("networkidle");
      expect(stylesheetRequests).toHaveLength(1); // the prefetch
      const documentsBefore = await p.page.evaluate(() => performance.getEntriesByType("navigation").length);
      await p.page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
      await p.page.waitForURL("**/wachtwoord-vergeten");
      await p.afterNavigation();
      await expect(p.page.evaluate(() => performance.getEntriesByType("navigation").length)).resolves.toBe(documentsBefore);
      await expect(p.page.locator("style#ll-css").count()).resolves.toBe(1);
      await expect(p.page.locator("h1").evaluate((el) => getComputedStyle(el).fontWeight)).resolves.not.toBe("");

      // A new document in the same browser: the stylesheet linked and taken from the cache.
      await p.visit("/login");
      await expect(p.page.locator("style#ll-css").count()).resolves.toBe(0);
      await expect(p.page.locator('link[rel="stylesheet"]').count()).resolves.toBe(1);
      await expect(p.page.locator(".ll-honeypot").evaluate((el) => getComputedStyle(el).position)).resolves.toBe("absolute");
      // Not over the network: the page's own resource timing says the file came from the cache.
      const transfer = await p.page.evaluate(
        () => (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) => e.name.endsWith(".css"))?.transferSize,
      );
      expect(transfer).toBe(0);
      p.page.off("request", onRequest);
    });
  });
});
