import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { REF_CODE_PATTERN } from "../../app/rules/ref-code";
import { readServerInfo } from "./server-info";
import { DEMO_PASSWORD, baseUrl, launchBrowser } from "./support";

/**
 * Unexpected errors show a calm page with a reference code, and the server's log has one JSON line
 * with that code and the detail, without personal data. The test route /test/fout (enabled by
 * LEERLIJN_TEST_ROUTES=1 in the e2e setup) fails with an e-mail address and a story in its message.
 * Also: the production Content-Security-Policy (nonces, no inline styles) lets every page hydrate.
 */

const PERSONAL = ["test.persoon@example.nl", "ervaringsverhaal", "schaamde"];
/** What only the error message held (the e-mail address is also in the test's own URL, which the page may echo). */
const FROM_MESSAGE = ["ervaringsverhaal", "schaamde", "Testfout"];

interface LogLine {
  time: string;
  level: string;
  event: string;
  ref?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  error?: { name: string; message: string; stack?: string };
}

function logLines(): LogLine[] {
  return fs
    .readFileSync(readServerInfo().logFile, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);
}

/** The server writes the line when the request fails; give it a moment to reach the file. */
async function linesFor(ref: string, expected = 2): Promise<LogLine[]> {
  for (let i = 0; i < 40; i++) {
    const found = logLines().filter((l) => l.ref === ref);
    if (found.length >= expected) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  return logLines().filter((l) => l.ref === ref);
}

function expectNoPersonalData(text: string) {
  for (const p of PERSONAL) expect(text).not.toContain(p);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("an unexpected server error", () => {
  it("shows a page with a reference code that is also in the log line with the detail (document request)", async () => {
    const res = await fetch(`${baseUrl()}/test/fout?fout=1&email=test.persoon@example.nl`);
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("Er ging iets mis");
    const code = /data-ll-ref="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(code).toMatch(REF_CODE_PATTERN);
    expect(html).toContain(`>${code}</strong>`);
    expect(res.headers.get("x-request-ref")).toBe(code);
    for (const p of FROM_MESSAGE) expect(html).not.toContain(p);
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);

    const lines = await linesFor(code);
    const detail = lines.find((l) => l.event === "request.error");
    expect(detail).toMatchObject({ level: "error", method: "GET", route: "/test/fout", error: { name: "Error" } });
    expect(detail?.error?.message).toContain("Testfout voor [e-mail]");
    expect(detail?.error?.stack).toMatch(/^at /);
    expect(lines.find((l) => l.event === "request.failed")).toMatchObject({ status: 500, route: "/test/fout" });
    expect(typeof lines.find((l) => l.event === "request.failed")?.durationMs).toBe("number");
    expectNoPersonalData(JSON.stringify(lines));
  });

  it("a Remix data request carries the code in a header and the log", async () => {
    const res = await fetch(`${baseUrl()}/test/fout.data?fout=1`);
    expect(res.status).toBe(500);
    const code = res.headers.get("x-request-ref") ?? "";
    expect(code).toMatch(REF_CODE_PATTERN);
    const body = await res.text();
    expectNoPersonalData(body);
    const lines = await linesFor(code);
    expect(lines.find((l) => l.event === "request.error")?.route).toBe("/test/fout.data");
  });

  it("in the browser, a failed form post (a data request) shows the same code as the log", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "nl-NL" });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    try {
      await page.goto("/test/fout");
      await page.waitForFunction(() =>
        Boolean((window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized),
      );
      const [dataResponse] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/test/fout.data" && r.request().method() === "POST"),
        page.getByRole("button", { name: "Fout maken" }).click(),
      ]);
      expect(dataResponse.status()).toBe(500);
      const shown = page.locator("[data-ll-ref]");
      await shown.waitFor();
      const code = (await shown.textContent()) ?? "";
      expect(code).toMatch(REF_CODE_PATTERN);
      expect(code).toBe(await dataResponse.headerValue("x-request-ref"));
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Er ging iets mis");
      const lines = await linesFor(code);
      expect(lines.find((l) => l.event === "request.error")).toMatchObject({ method: "POST", route: "/test/fout.data" });
      expectNoPersonalData(JSON.stringify(lines));
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("in the browser, a failed page load shows the code and hydrates without errors", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "nl-NL" });
    const page = await context.newPage();
    const violations = await watchCsp(page);
    const consoleErrors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error" && !/status of 500/.test(msg.text())) consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => consoleErrors.push(String(err)));
    try {
      const response = await page.goto("/test/fout?fout=1");
      expect(response?.status()).toBe(500);
      await page.waitForFunction(() =>
        Boolean((window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized),
      );
      const code = (await page.locator("[data-ll-ref]").textContent()) ?? "";
      expect(code).toBe(response?.headers()["x-request-ref"]);
      expect(consoleErrors).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a broken request outside Remix (malformed static path) gets a plain answer, never a stack", async () => {
    const res = await fetch(`${baseUrl()}/assets/%E0%A4%A`);
    expect(res.status).toBeLessThan(500);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(text).not.toContain("URIError");
  });

  it("without JavaScript, the failed form post shows the code too", async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), locale: "nl-NL", javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto("/test/fout");
      const [response] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Fout maken" }).click()]);
      expect(response?.status()).toBe(500);
      const code = (await page.locator("[data-ll-ref]").textContent()) ?? "";
      expect(code).toMatch(REF_CODE_PATTERN);
      const lines = await linesFor(code);
      expect(lines.find((l) => l.event === "request.error")).toMatchObject({ method: "POST", route: "/test/fout" });
    } finally {
      await context.close();
    }
  });

  it("a 404 shows no code and writes no error line", async () => {
    const res = await fetch(`${baseUrl()}/bestaat-niet`);
    expect(res.status).toBe(404);
    const code = res.headers.get("x-request-ref") ?? "";
    expect(await res.text()).not.toContain("data-ll-ref");
    await new Promise((r) => setTimeout(r, 100));
    expect(logLines().filter((l) => l.ref === code)).toEqual([]);
  });
});

/** Records CSP violations in the page (DOM event) and in the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCsp", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      void (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

describe("Content-Security-Policy", () => {
  it("uses a fresh nonce per response, and every inline script carries it", async () => {
    const a = await fetch(`${baseUrl()}/login`);
    const b = await fetch(`${baseUrl()}/login`);
    const policy = a.headers.get("content-security-policy") ?? "";
    for (const part of [
      "default-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ]) {
      expect(policy).toContain(part);
    }
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] ?? "";
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("pages hydrate with no violation reported (participant and coordinator pages)", async () => {
    const cases = [
      {
        email: "deelnemer13@leerlijn.test",
        pages: ["/deelnemer", "/deelnemer/pop", "/deelnemer/praktijk", "/deelnemer/rooster", "/deelnemer/trainingen", "/deelnemer/opdrachten"],
      },
      { email: "coordinator@leerlijn.test", pages: ["/coordinator", "/coordinator/cohorten", "/coordinator/mensen", "/coordinator/certificaten"] },
    ];
    for (const c of cases) {
      const context = await browser.newContext({ baseURL: baseUrl(), locale: "nl-NL" });
      const page = await context.newPage();
      const violations = await watchCsp(page);
      try {
        await page.goto("/login");
        await page.getByLabel("E-mailadres").fill(c.email);
        await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
        await Promise.all([page.waitForURL((u) => u.pathname !== "/login"), page.getByRole("button", { name: "Inloggen" }).click()]);
        for (const path of c.pages) {
          await page.goto(path);
          await page.waitForFunction(() =>
            Boolean((window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized),
          );
        }
        // A client-side navigation works after hydration (it fetches a .data response under connect-src).
        const [data] = await Promise.all([
          page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(".data")),
          page.evaluate((to) => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(to), c.pages[0]),
        ]);
        expect(data.status()).toBe(200);
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });
});
