import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium";
import { readServerInfo } from "./server-info";

export const DEMO_PASSWORD = "leerlijn-demo";

export function baseUrl(): string {
  return readServerInfo().url;
}

/** The Set-Cookie header of a new session in an answer, if it starts one (not the one that clears it). */
export function sessionSetCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith("leerlijn_session=") && !c.startsWith("leerlijn_session=;"));
}

/** Signs in over plain HTTP (a form POST from this site) and returns the value for a Cookie header. */
export async function signInOverHttp(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl() },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: "manual",
  });
  const cookie = sessionSetCookie(res);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * A browser page that checks itself: every page it lands on is scanned with axe-core
 * (WCAG 2.2 A/AA) and the test fails on any serious or critical violation; a console
 * error in the browser fails the test too. Use `visit` and `afterNavigation` so that no
 * page goes unchecked; `assertAllChecked` at the end proves it.
 */
export class CheckedPage {
  readonly consoleErrors: string[] = [];
  private readonly seen = new Set<string>();
  private readonly checked = new Set<string>();

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    /** With JavaScript off, axe cannot run in the page itself: a copy of its HTML is scanned here. */
    private readonly scanContext: BrowserContext | null,
  ) {
    page.on("console", (msg) => {
      if (msg.type() === "error") this.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => this.consoleErrors.push(String(err)));
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) this.seen.add(new URL(frame.url()).pathname);
    });
  }

  static async open(browser: Browser, opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}) {
    const settings = { baseURL: baseUrl(), viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: "nl-NL" };
    const context = await browser.newContext({ ...settings, javaScriptEnabled: opts.javaScriptEnabled ?? true });
    const scanContext = opts.javaScriptEnabled === false ? await browser.newContext(settings) : null;
    return new CheckedPage(await context.newPage(), context, scanContext);
  }

  async visit(path: string) {
    const response = await this.page.goto(path);
    await this.afterNavigation();
    return response;
  }

  /** Call after anything that loads a new page (a click on a link, a form post). */
  async afterNavigation() {
    await this.page.waitForLoadState("load");
    const path = new URL(this.page.url()).pathname;
    let target = this.page;
    if (this.scanContext) {
      // Same origin, so the page's stylesheets load and colour contrast is judged as shown.
      const html = await this.page.content();
      target = await this.scanContext.newPage();
      const url = this.page.url();
      await target.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
      await target.goto(url);
      await target.waitForLoadState("load");
    }
    const results = await new AxeBuilder({ page: target })
      // Experimental in axe, so off by default, but it is WCAG 2.5.3 (label in name): on. Set
      // before withTags: options() replaces the whole options object, withTags only its runOnly.
      .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"])
      .analyze();
    if (target !== this.page) await target.close();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length > 0) {
      const text = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`).join("\n");
      throw new Error(`Toegankelijkheid: ${path}\n${text}`);
    }
    this.checked.add(path);
  }

  async login(email: string, password = DEMO_PASSWORD) {
    await this.visit("/login");
    await this.page.getByLabel("E-mailadres").fill(email);
    await this.page.getByLabel("Wachtwoord").fill(password);
    await Promise.all([this.page.waitForURL((url) => url.pathname !== "/login"), this.page.getByRole("button", { name: "Inloggen" }).click()]);
    await this.afterNavigation();
  }

  assertAllChecked() {
    const missed = [...this.seen].filter((p) => !this.checked.has(p) && p !== "blank");
    if (missed.length > 0) throw new Error(`Pagina's zonder toegankelijkheidscontrole: ${missed.join(", ")}`);
    // A 4xx answer the test asked for (401 wrong password, 403, 404, 410 used link) is logged by
    // Chromium as a failed resource; that is the app working, not a script error.
    const errors = this.consoleErrors.filter((e) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e));
    if (errors.length > 0) throw new Error(`Fouten in de browserconsole:\n${errors.join("\n")}`);
  }

  async close() {
    await this.context.close();
    await this.scanContext?.close();
  }
}

/** Opens a checked page, runs the journey, then asserts every visited page was scanned. */
export async function withCheckedPage(browser: Browser, fn: (p: CheckedPage) => Promise<void>, opts?: Parameters<typeof CheckedPage.open>[1]): Promise<void> {
  const p = await CheckedPage.open(browser, opts);
  try {
    await fn(p);
    p.assertAllChecked();
  } finally {
    await p.close();
  }
}
